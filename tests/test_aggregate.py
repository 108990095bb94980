"""`reviewer-org aggregate`: statistics checked against a hand computation; latest revision,
duplicates, conflicts, recusals, vetoes, ranking; CSV/XLSX/PDF outputs; the CLI on the demo."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import subprocess
from pathlib import Path

import pytest

from package_fixtures import org_passphrase_args, world_dir  # noqa: F401 - fixture
from reviewer_app import rubric
from reviewer_app.export import score_json
from reviewer_app.org.aggregate import ApplicationResult, CriterionResult, Entry, Settings, aggregate, csv_rows, fmt, rank, stats, write_outputs
from reviewer_app.review.state import ConflictAnswer, Declarations, ReviewState, ScoreEntry, VetoEntry

CHINA = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2025, 12, 10, 16, 0, tzinfo=CHINA)
SPEC = rubric.load(
    {
        "fields": [{"id": "general", "title": "综合"}],
        "rubric": {
            "total": 20,
            "recommendations": [{"id": "yes", "title": "推荐"}, {"id": "no", "title": "不推荐"}],
            "sections": [
                {
                    "id": "S",
                    "title": "综合",
                    "maximum": 20,
                    "fields": ["general"],
                    "criteria": [{"id": "C1", "title": "技术", "maximum": 10, "step": 0.5}, {"id": "C2", "title": "经济", "maximum": 10}],
                }
            ],
            "vetoes": [{"id": "V1", "title": "失信"}],
        },
    }
)


def doc(bundle: str, expert: str, c1: float, c2: float, *, revision: int = 1, veto: bool = False, recusal: bool = False) -> score_json.ScoreDocument:
    declarations = Declarations(ConflictAnswer.DECLARED if recusal else ConflictAnswer.NONE, "利害关系" if recusal else "", NOW, None if recusal else NOW)
    state = ReviewState(
        bundle,
        declarations,
        {"C1": ScoreEntry(c1, ""), "C2": ScoreEntry(c2, "")},
        {"V1": VetoEntry(veto, "列入失信名单" if veto else "")},
        (),
        "意见" * 10,
        "no" if veto else "yes",
    )
    fingerprint = ":".join([f"{sum(map(ord, expert)) % 256:02X}"] * 32)
    return score_json.from_review(
        bundle=score_json.BundleRef(bundle, "a" * 64, "组织", "AB:" * 31 + "AB"),
        review=score_json.ReviewRef("评审", "", "组织", "2025-12-10"),
        application=score_json.ApplicationRef(bundle.upper(), f"项目{bundle}", "申报单位"),
        spec=SPEC,
        expert=score_json.ExpertRef(expert, "综合", "general", "", "", fingerprint),
        state=state,
        revision=score_json.Revision(revision, NOW, revision - 1 if revision > 1 else None, "b" * 64 if revision > 1 else None, "修订" if revision > 1 else ""),
        kind=score_json.KIND_RECUSAL if recusal else score_json.KIND_SCORE,
    )


def entry(document: score_json.ScoreDocument, source: str) -> Entry:
    return Entry(source, document, score_json.fingerprint_of(score_json.to_json(document)), SPEC)


@pytest.fixture
def panel() -> list[Entry]:
    a = "app-aaaa"
    b = "app-bbbb"
    c = "app-cccc"
    entries = [
        entry(doc(a, "e1", 2, 2), "a-e1-r1.rvs"),  # superseded by revision 2
        entry(doc(a, "e1", 6, 8, revision=2), "a-e1-r2.rvs"),
        entry(doc(a, "e2", 7, 8), "a-e2-r1.rvs"),
        entry(doc(a, "e3", 7, 9), "a-e3-r1.rvs"),
        entry(doc(a, "e4", 8, 7), "a-e4-r1.rvs"),
        entry(doc(a, "e5", 9, 10), "a-e5-r1.rvs"),
        entry(doc(a, "e6", 3, 8), "a-e6-r1.rvs"),
        entry(doc(b, "e1", 9, 9), "b-e1.rvs"),
        entry(doc(b, "e2", 9, 10, veto=True), "b-e2.rvs"),
        entry(doc(b, "e3", 10, 10), "b-e3.rvs"),
        entry(doc(c, "e1", 5, 5), "c-e1-x.rvs"),  # two different revision-1 packages: a conflict
        entry(doc(c, "e1", 6, 6), "c-e1-y.rvs"),
        entry(doc(c, "e2", 0, 0, recusal=True), "c-e2-recusal.rvs"),
        entry(doc(c, "e3", 8, 8), "c-e3.rvs"),
    ]
    entries.append(Entry("a-e2-copy.rvs", entries[2].document, entries[2].score_sha256, SPEC))  # a duplicate
    return entries


def close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, abs_tol=5e-7)


def test_numbers_match_a_hand_computation(panel: list[Entry]) -> None:
    results = {r.bundle_id: r for r in aggregate(panel)}
    a = results["app-aaaa"]
    c1, c2 = a.criteria
    # C1 = 6, 7, 7, 8, 9, 3 (e1's revision 2 counts, not revision 1; e2's copy counts once)
    assert c1.stats.n == 6
    assert close(c1.stats.mean, 40 / 6) and close(c1.stats.median, 7.0)
    assert close(c1.stats.trimmed_mean, (6 + 7 + 7 + 8) / 4)  # without 3 and 9
    assert close(c1.stats.sd, math.sqrt(21.333333333 / 5)) and close(c1.stats.sd, 2.0655911)
    assert (c1.stats.min, c1.stats.max) == (3, 9)
    assert [s.expert for s in c1.outliers] == ["e6"]  # |3 − 7| = 4 > 0.2 × 10; |9 − 7| = 2 is not > 2
    # C2 = 8, 8, 9, 7, 10, 8
    assert close(c2.stats.mean, 50 / 6) and close(c2.stats.median, 8.0) and close(c2.stats.trimmed_mean, 33 / 4)
    assert close(c2.stats.sd, math.sqrt(5.333333333 / 5)) and close(c2.stats.sd, 1.0327956)
    assert c2.outliers == []
    # Score: the used (trimmed) values added up.
    assert close(a.score, 7.0 + 8.25) and close(a.scaled_score, 15.25) and a.complete
    # Expert totals 14, 15, 16, 15, 19, 11 (the rubric total is 20, so scaled = total).
    assert close(a.totals.mean, 15.0) and close(a.totals.median, 15.0) and close(a.totals.trimmed_mean, 15.0)
    assert close(a.totals.sd, math.sqrt(34 / 5))
    assert [e.name for e in a.experts if e.outlier] == []  # |19 − 15| = 4 is not > 0.2 × 20
    assert [(x.expert, x.revision) for x in a.superseded] == [("e1", 1)]
    assert [(x.expert, x.source) for x in a.duplicates] == [("e2", "a-e2-copy.rvs")]
    assert a.recommendations == [("推荐", 6), ("不推荐", 0)]
    assert a.fields[0].experts == 6 and close(a.fields[0].mean_scaled_total, 15.0)


def test_small_panels_are_not_trimmed_and_vetoes_rank_last(panel: list[Entry]) -> None:
    ranked = aggregate(panel)
    by_id = {r.bundle_id: r for r in ranked}
    b = by_id["app-bbbb"]
    assert b.criteria[0].stats.trimmed_mean is None and close(b.criteria[0].stats.used, 28 / 3)
    assert close(b.score, 28 / 3 + 29 / 3)
    assert b.vetoed and b.vetoes[0].raised_by == (("e2", "列入失信名单"),)
    c = by_id["app-cccc"]
    assert [x.expert for x in c.conflicts] == ["e1", "e1"] and [x.expert for x in c.recused] == ["e2"]
    assert [e.name for e in c.experts] == ["e3"] and close(c.score, 16.0)
    # C (16) before A (15.25); B scores highest (19) but has a veto raised: last.
    assert [(r.bundle_id, r.rank) for r in ranked] == [("app-cccc", 1), ("app-aaaa", 2), ("app-bbbb", 3)]


def test_the_panels_ruling_decides_whether_a_veto_sinks_the_application(panel: list[Entry]) -> None:
    """B scores highest with a veto raised by e2: dismissed by the panel it ranks first, confirmed
    it ranks last, and an application without a group opinion keeps the raised veto."""
    from reviewer_app.org.aggregate import apply_rulings, vetoes_text

    dismissed = apply_rulings(aggregate(panel), {"app-bbbb": ()})
    assert [(r.bundle_id, r.rank) for r in dismissed] == [("app-bbbb", 1), ("app-cccc", 2), ("app-aaaa", 3)]
    b = dismissed[0]
    assert b.vetoed and b.ruled and not b.sunk and vetoes_text(b) == "V1×1 专家组不予采纳"
    confirmed = apply_rulings(aggregate(panel), {"app-bbbb": ("V1",)})
    assert [(r.bundle_id, r.rank) for r in confirmed] == [("app-cccc", 1), ("app-aaaa", 2), ("app-bbbb", 3)]
    assert confirmed[-1].sunk and vetoes_text(confirmed[-1]) == "V1×1 专家组确认"
    unruled = apply_rulings(aggregate(panel), {"app-aaaa": ()})  # another application's opinion changes nothing for B
    assert unruled[-1].bundle_id == "app-bbbb" and not unruled[-1].ruled and unruled[-1].sunk and vetoes_text(unruled[-1]) == "V1×1"


def test_equal_scores_share_a_rank() -> None:
    entries = [entry(doc("app-xxxx", "e1", 8, 8), "x"), entry(doc("app-yyyy", "e1", 7, 9), "y"), entry(doc("app-zzzz", "e1", 1, 1), "z")]
    assert [r.rank for r in aggregate(entries)] == [1, 1, 3]


def test_scores_shown_alike_share_a_rank() -> None:
    """Ranked as the reports show the scores (two decimals): 79.1667 and 79.1651 both read 79.17."""

    def result(application_id: str, score: float) -> ApplicationResult:
        criterion = CriterionResult("C1", "S", "综合", "综合", 100, stats([score], Settings()), ())
        return ApplicationResult(application_id, application_id, "", "", "", 100, [criterion], [], stats([], Settings()), [], [], [])

    ranked = rank([result("B", 79.1651), result("C", 79.1649), result("A", 79.1667)])
    assert [(r.application_id, r.rank, fmt(r.scaled_score)) for r in ranked] == [("A", 1, "79.17"), ("B", 1, "79.17"), ("C", 3, "79.16")]


def test_trimming_is_configurable() -> None:
    assert stats([1, 2, 3, 4, 100], Settings()).trimmed_mean == 3.0
    assert stats([1, 2, 3, 4], Settings()).trimmed_mean is None
    assert stats([1, 2, 3, 4], Settings(trim_min=3)).trimmed_mean == 2.5
    assert stats([1, 2, 3, 4, 5, 6, 7], Settings(trim_min=7, trim=2)).trimmed_mean == 4.0
    assert stats([5], Settings()).sd == 0.0 and stats([], Settings()).n == 0
    with pytest.raises(ValueError):
        Settings(trim_min=2, trim=1)


def test_outputs(panel: list[Entry], tmp_path: Path) -> None:
    results = aggregate(panel)
    paths = write_outputs(results, tmp_path / "out", Settings(), refused=[("bad.rvs", "The member score.json was changed after the expert signed the package.")], packages=len(panel) + 1)
    data = (tmp_path / "out" / "results.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    c1 = next(r for r in rows if r["application_id"] == "APP-AAAA" and r["id"] == "C1")
    assert (c1["n"], c1["mean"], c1["median"], c1["trimmed_mean"], c1["sd"], c1["min"], c1["max"], c1["used"]) == ("6", "6.67", "7.00", "7.00", "2.07", "3.00", "9.00", "7.00")
    assert c1["outliers"] == "e6 3.0"
    total = next(r for r in rows if r["application_id"] == "APP-AAAA" and r["kind"] == "total")
    assert (total["rank"], total["used"], total["mean"]) == ("2", "15.25", "15.00")
    assert next(r for r in rows if r["application_id"] == "APP-BBBB" and r["kind"] == "total")["vetoes"] == "V1×1"
    assert csv_rows(results)[0][0] == "rank"
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "out" / "results.xlsx")
    assert book.sheetnames == ["排名", "指标统计", "专家评分", "否决项", "修订与回避", "说明"]
    ranking = list(book["排名"].iter_rows(values_only=True))
    assert ranking[1][:5] == (1, "APP-CCCC", "项目app-cccc", "申报单位", 16.0)
    assert any("bad.rvs" in str(row[1]) for row in book["说明"].iter_rows(values_only=True))
    fonts = subprocess.run(["pdffonts", str(paths[2])], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts
    text = subprocess.run(["pdftotext", str(paths[2]), "-"], capture_output=True, text=True, check=True).stdout
    assert "评审结果汇总报告" in text and "APP-AAAA" in text and "bad.rvs" in text
    assert "专家评分分布（折合为满分 20 分）" in text  # the rubric's total is 20, not 100


def test_results_xlsx_cells(panel: list[Entry], tmp_path: Path) -> None:
    """results.xlsx is streamed sheet by sheet (openpyxl's write-only mode): what each cell looks
    like, the column widths and the frozen header row, read back with openpyxl."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from reviewer_app.org.aggregate import write_xlsx
    from reviewer_app.org.bureau import build_report

    results = aggregate(panel)
    bureau = build_report(results, pass_line=15.0, file_hashes={})
    write_xlsx(results, tmp_path / "results.xlsx", Settings(), [("bad.rvs", "坏")], bureau)
    book = load_workbook(tmp_path / "results.xlsx")
    assert book.sheetnames == ["排名", "指标统计", "专家评分", "否决项", "修订与回避", "说明", "评审结论", "公示名单", "专家宽严度", "评分一致性", "证据索引"]
    assert book.active.title == "排名"
    header_fill, flag_fill = "00DDEBF7", "00FCE4D6"
    for ws in book.worksheets:
        ours = ws.title in book.sheetnames[:6]
        assert ws.freeze_panes == ("A2" if ours else None), ws.title
        for cell in [c for c in ws[1] if c.value is not None]:  # the header row: bold, shaded on the aggregate's own sheets
            assert cell.font.b and (cell.fill.fgColor.rgb == header_fill) == ours, (ws.title, cell.coordinate)
        for row in ws.iter_rows():  # every cell of the sheet's rectangle, empty ones too, aligned to the top
            assert all(c.alignment.vertical == "top" and not c.alignment.wrap_text for c in row), ws.title
        for column in range(1, ws.max_column + 1):
            longest = max((len(str(c.value)) for (c,) in ws.iter_rows(min_col=column, max_col=column) if c.value is not None), default=4)
            width = ws.column_dimensions[get_column_letter(column)].width  # 1.6 × the longest text as written (10.0 reads back as 10)
            assert min(60, max(6, longest * 1.6)) - 1e-6 <= width <= min(60, max(6, (longest + 2) * 1.6)) + 1e-6, (ws.title, column)
    ranking = {row[1].value: row for row in book["排名"].iter_rows(min_row=2)}
    assert ranking["APP-BBBB"][0].value == 3 and ranking["APP-BBBB"][8].value == "V1×1"  # vetoed: ranked last, the row flagged
    assert all(c.fill.fgColor.rgb == flag_fill for c in ranking["APP-BBBB"]) and all(c.fill.fill_type is None for c in ranking["APP-AAAA"])
    statistics = [row for row in book["指标统计"].iter_rows(min_row=2) if row[0].value == "APP-AAAA"]
    assert [c.value for c in statistics[0][:8]] == ["APP-AAAA", "项目app-aaaa", "指标", "C1", "技术", 10, 6, 6.6667]
    assert statistics[-1][3].value == "TOTAL" and all(c.font.b for c in statistics[-1]) and not statistics[0][0].font.b
    scores = list(book["专家评分"].iter_rows())
    title = next(i for i, row in enumerate(scores) if row[0].value == "APP-AAAA")
    assert scores[title][0].font.b and not scores[title][1].font.b and scores[title - 1][0].value is None  # a blank row before each application
    header = [c.value for c in scores[title + 1]]
    assert header[:5] == [None, "专家", "领域", "版本", "C1"] and all(c.fill.fgColor.rgb == header_fill for c in scores[title + 1])
    e6 = next(row for row in scores[title + 2 :] if row[1].value == "e6")
    assert e6[4].value == 3 and e6[4].fill.fgColor.rgb == flag_fill  # the outlier of C1 (see test_outputs)
    others = [row for row in scores[title + 2 : title + 8] if row[1].value != "e6"]
    assert others and all(row[4].fill.fill_type is None for row in others)
    assert [c.value for c in next(book["说明"].iter_rows(min_row=5))] == ["未通过校验的评分包", "bad.rvs: 坏"]
    conclusions = {row[1]: row for row in book["评审结论"].iter_rows(min_row=2, values_only=True)}
    assert conclusions["APP-AAAA"][4:6] == (15, "达到及格线") and conclusions["APP-BBBB"][5] == "否决"


def test_the_report_is_laid_out_while_its_story_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """report.pdf's flowables are made part by part as the pages fill (not all held at once),
    and the document is byte for byte the one reportlab makes from the whole story."""
    from reportlab import rl_config
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from reviewer_app.org.report_pdf import _StreamedDocument

    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the files
    style = ParagraphStyle("p", fontSize=10, leading=14)
    made: list[int] = []

    def parts():  # noqa: ANN202
        for number in range(300):
            made.append(number)
            yield [Paragraph(f"part {number}", style), Paragraph(f"line after {number}", style)]

    made_by_page_two: list[int] = []

    def later(canvas, document) -> None:  # noqa: ANN001
        if not made_by_page_two:
            made_by_page_two.append(len(made))

    streamed, whole = io.BytesIO(), io.BytesIO()
    _StreamedDocument(parts(), streamed).build(onLaterPages=later)
    assert len(made) == 300 and made_by_page_two[0] < 50  # a page holds ~25 parts; 16 flowables are made ahead
    SimpleDocTemplate(whole).build([flowable for part in parts() for flowable in part])
    assert streamed.getvalue() == whole.getvalue()


def test_the_demo_world_aggregates_with_one_command(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from reviewer_app.org.cli import main

    assert main(["verify", str(world_dir / "packages"), "--org", str(world_dir / "org"), *org_passphrase_args(world_dir)]) == 0
    assert main(["aggregate", str(world_dir / "packages"), "--org", str(world_dir / "org"), "--out", str(tmp_path / "results"), *org_passphrase_args(world_dir)]) == 0
    out = capsys.readouterr().out
    assert "1. GZ-2025-ZZ-03" in out and "2. GZ-2025-ZZ-07" in out and "(veto raised, not ruled by the panel)" in out
    rows = list(csv.DictReader(io.StringIO((tmp_path / "results" / "results.csv").read_text(encoding="utf-8-sig"))))
    alliance = next(r for r in rows if r["application_id"] == "GZ-2025-ZZ-03" and r["kind"] == "total")
    assert alliance["n"] == "6"  # 7 experts, 周海峰 recused
    from openpyxl import load_workbook

    listed = list(load_workbook(tmp_path / "results" / "results.xlsx")["修订与回避"].iter_rows(values_only=True))
    assert any(row[1] == "回避" and row[2] == "周海峰" for row in listed)
    assert any(row[1] == "已被修订替代" and row[2] == "林晓梅" and row[3] == 1 for row in listed)


def test_aggregate_refuses_bad_packages_unless_told(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    import shutil

    from reviewer_app.org.cli import main

    folder = tmp_path / "packages"
    shutil.copytree(world_dir / "packages", folder)
    victim = sorted(folder.glob("*.rvs"))[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    assert main(["aggregate", str(folder), "--org", str(world_dir / "org"), "--out", str(tmp_path / "r1"), *org_passphrase_args(world_dir)]) == 1
    assert not (tmp_path / "r1").exists()
    err = capsys.readouterr().err
    assert str(victim) in err and "Nothing was aggregated" in err
    assert main(["aggregate", str(folder), "--org", str(world_dir / "org"), "--out", str(tmp_path / "r2"), "--exclude-invalid", *org_passphrase_args(world_dir)]) == 0
    assert (tmp_path / "r2" / "report.pdf").is_file()
    assert main(["aggregate", str(folder), "--org", str(world_dir / "org"), "--out", str(tmp_path / "r3"), "--trim-min", "2", *org_passphrase_args(world_dir)]) == 1
