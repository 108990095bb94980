"""Periodic evaluation (年度评估): grade bands in the bundle, each center's grade, "two failed in a row".

The end-to-end test runs the real command line: init, enrol ten experts of the five Guangxi
fields (经济、技术、产业、管理、金融), check and seal four centers' evaluations, the experts'
signed packages through the app's export code, then aggregate with earlier results.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import subprocess
import tomllib
from pathlib import Path

import pytest
from bundle_fixtures import small_spec, write_source
from openpyxl import load_workbook
from package_fixtures import stranger

from reviewer_app import identity, keys, rubric
from reviewer_app.bundle import open_bundle
from reviewer_app.export import confidential, score_json
from reviewer_app.export import package as packages
from reviewer_app.org import demo_scores, tomlwrite
from reviewer_app.org.cli import main
from reviewer_app.org.evaluation import EarlierResult, assess, read_earlier
from reviewer_app.review.completeness import criteria_for_expert
from reviewer_app.review.state import ConflictAnswer, Declarations, ReviewState, ScoreEntry
from reviewer_app.services import signing as revisions

CHINA = dt.timezone(dt.timedelta(hours=8))
FIELDS = [("economy", "经济"), ("technology", "技术"), ("industry", "产业"), ("management", "管理"), ("finance", "金融")]
GRADES = [{"label": "优秀", "min": 90, "max": 100}, {"label": "良好", "min": 80, "max": 90},
          {"label": "合格", "min": 60, "max": 80}, {"label": "不合格", "min": 0, "max": 60}]
EVALUATION = {"kind": "年度评估", "period": "2025", "grades": GRADES}
# center -> (score of each field criterion out of 18, score of the general criterion out of 10)
CENTERS = {
    "GX-2025-PJ-01": ("广西智能制造创新中心", 17, 9),  # 94: 优秀
    "GX-2025-PJ-02": ("柳州新材料创新中心", 10, 5),  # 55: 不合格, and 不合格 in 2024 -> flagged
    "GX-2025-PJ-03": ("南宁数字经济创新中心", 13, 7),  # 72: 合格 (failed 2023 and 2024: not flagged now)
    "GX-2025-PJ-04": ("桂林生物医药创新中心", 9.5, 4),  # 51.5: 不合格, but 合格 in 2024 -> not flagged
}
EARLIER = "applicant,period,grade\n柳州新材料创新中心,2024,不合格\n南宁数字经济创新中心,2023,不合格\n南宁数字经济创新中心,2024,不合格\n" \
          "桂林生物医药创新中心,2023,不合格\n桂林生物医药创新中心,2024,合格\n广西智能制造创新中心,2026,不合格\n"


def evaluation_spec() -> dict:
    spec = small_spec()
    spec["fields"] = [{"id": i, "title": t} for i, t in FIELDS]
    spec["rubric"] = {
        "total": 100, "opinion_min_length": 0,
        "sections": [
            *({"id": i[:3].upper(), "title": f"{t}评估", "maximum": 18, "fields": [i], "min_raters": 2,
               "criteria": [{"id": f"{i[:3].upper()}1", "title": f"{t}指标完成情况", "maximum": 18, "step": 0.5}]} for i, t in FIELDS),
            {"id": "GEN", "title": "综合评价", "maximum": 10, "raters": "all", "fields": [],
             "criteria": [{"id": "GEN1", "title": "年度总体运行情况", "maximum": 10, "step": 0.5}]},
        ],
    }
    spec["checklist"] = {"items": []}
    spec["evaluation"] = copy.deepcopy(EVALUATION)
    return spec


def test_grade_bands_are_read_written_and_validated() -> None:
    spec = rubric.load(evaluation_spec())
    evaluation = spec.evaluation
    assert evaluation is not None and evaluation.failing == "不合格" and rubric.load(rubric.to_data(spec)) == spec
    assert "evaluation" not in rubric.to_data(rubric.load(small_spec()))  # bundles without an evaluation keep their form
    assert [evaluation.grade_for(v).label for v in (100, 90, 89.996, 89.99, 80, 60, 59.99, 0)] == ["优秀", "优秀", "优秀", "良好", "良好", "合格", "不合格", "不合格"]
    assert evaluation.describe() == "优秀 ≥ 90, 良好 80–90, 合格 60–80, 不合格 < 60"

    def problems(grades: list, **extra: object) -> list[str]:
        data = evaluation_spec()
        data["evaluation"].update(grades=grades, **extra)
        with pytest.raises(rubric.SpecInvalid) as refused:
            rubric.load(data)
        return refused.value.problems

    assert problems([GRADES[1], GRADES[0], *GRADES[2:]]) == ['List the grades from the highest to the lowest: "优秀" comes after "良好" but starts at 90.']
    gap = [GRADES[0], {"label": "良好", "min": 80, "max": 88}, *GRADES[2:]]
    assert 'Grades "优秀" (from 90) and "良好" (up to 88) leave a gap: each grade must end where the next one starts.' in problems(gap)
    overlap = [GRADES[0], GRADES[1], {"label": "合格", "min": 60, "max": 85}, GRADES[3]]
    assert 'Grades "良好" (from 80) and "合格" (up to 85) overlap: each grade must end where the next one starts.' in problems(overlap)
    short = [{"label": "优秀", "min": 90, "max": 95}, *GRADES[1:3], {"label": "不合格", "min": 10, "max": 60}]
    assert problems(short) == ['The lowest grade "不合格" must start at 0, not 10.', 'The highest grade "优秀" ends at 95, but the rubric total is 100.']
    assert 'The failing grade "差" is not one of the evaluation\'s grades.' in problems(GRADES, failing="差")
    assert 'The evaluation has a missing or repeated grade label "合格".' in problems([GRADES[0], {"label": "合格", "min": 80, "max": 90}, *GRADES[2:]])
    assert "The evaluation needs at least two grades (e.g. 合格 and 不合格)." in problems(GRADES[:1])
    data = evaluation_spec()
    data["evaluation"]["kind"] = ""
    del data["evaluation"]["period"]
    with pytest.raises(rubric.SpecInvalid) as refused:
        rubric.load(data)
    assert any('"period"' in p for p in refused.value.problems)


def test_two_failed_evaluations_in_a_row(tmp_path: Path) -> None:
    evaluation = rubric.load(evaluation_spec()).evaluation
    (tmp_path / "earlier.csv").write_text(EARLIER, encoding="utf-8")
    earlier = read_earlier(tmp_path / "earlier.csv")
    assert len(earlier) == 6 and earlier[0] == EarlierResult("柳州新材料创新中心", "2024", "不合格", "earlier.csv")
    assert assess(55, "柳州新材料创新中心", evaluation, earlier).flag == "连续两次不合格（2024、2025）"
    assert assess(55, "柳州新材料创新中心 ", evaluation, earlier).previous.period == "2024"  # names compared without spaces
    assert assess(72, "南宁数字经济创新中心", evaluation, earlier).flag == ""  # passes now
    assert assess(51.5, "桂林生物医药创新中心", evaluation, earlier).flag == ""  # the failures are not consecutive
    assert assess(50, "广西智能制造创新中心", evaluation, earlier).previous is None  # 2026 is not earlier than 2025
    this_year = dataclasses.replace(evaluation, period="2025年度")
    spelled = [EarlierResult("柳州新材料创新中心", "2025", "不合格", "x.csv"), EarlierResult("柳州新材料创新中心", "２０２４ 年", "合格", "x.csv")]
    assessed = assess(55, "柳州新材料创新中心", this_year, spelled)  # "2025" is this period written otherwise, not an earlier one
    assert assessed.previous.period == "２０２４ 年" and assessed.flag == ""
    (tmp_path / "bad.csv").write_text("center,year\nX,2024\n", encoding="utf-8")
    with pytest.raises(Exception, match="need the columns applicant, period and grade"):
        read_earlier(tmp_path / "bad.csv")
    (tmp_path / "gbk.csv").write_bytes("申报单位,评估期,等级\r\n柳州新材料创新中心（柳州）,2024,不合格\r\n".encode("gbk"))  # Excel's "CSV (逗号分隔)" on a Chinese Windows
    assert read_earlier(tmp_path / "gbk.csv") == [EarlierResult("柳州新材料创新中心（柳州）", "2024", "不合格", "gbk.csv")]
    (tmp_path / "garbage.csv").write_bytes(b"\x80\xff" * 20)
    with pytest.raises(Exception, match="neither UTF-8 nor GBK text"):
        read_earlier(tmp_path / "garbage.csv")
    (tmp_path / "chinese.csv").write_text("\ufeff申报单位,评估期,等级\n柳州新材料创新中心,2024,不合格\n", encoding="utf-8")
    assert read_earlier(tmp_path / "chinese.csv")[0].grade == "不合格"


def _signed_package(bundle: Path, org_dir: Path, session: str, signer, field_scores: float, general: float, offset: float) -> tuple[str, bytes]:  # noqa: ANN001
    opened = open_bundle(bundle, [keys.load_certificate_file(org_dir / keys.ORG_CERT_FILE)], session_passphrase=session)
    now = dt.datetime.now(CHINA).replace(microsecond=0)
    scores = {}
    for criterion in criteria_for_expert(opened.spec, signer.public.profile.field):
        value = general if criterion.id == "GEN1" else field_scores
        scores[criterion.id] = ScoreEntry(min(criterion.maximum, value + offset))
    declarations = Declarations(ConflictAnswer.NONE, "", now, now)
    state = ReviewState(opened.bundle_id, declarations, scores, opinion="年度运行情况良好，建议继续支持。", recommendation="")
    doc = revisions.build_document(opened, signer.public, state, revision=score_json.Revision(1, now))
    built = packages.make_package(doc, certificate=signer.certificate, private_key=signer.private_key,
                                  handwritten_png=demo_scores.signature_png(signer.public.profile.name),
                                  recommendations=revisions.recommendations_of(opened.spec), self_check=False)
    return built.file_name, confidential.encrypt(built.data, confidential.recipients_for(opened, signer))


def test_a_five_field_evaluation_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = tmp_path / "org"
    secret = tmp_path / "org-passphrase"
    secret.write_text("Evaluation-org-pass-2025\n", encoding="utf-8")
    assert main(["init", "--org", str(org), "--name", "广西壮族自治区创新中心评估机构", "--passphrase-file", str(secret)]) == 0
    experts = []
    for index, (_, title) in enumerate(FIELDS * 2):
        signer = stranger(f"专家{index + 1:02d}", title, f"评估测试单位{index + 1}")
        card = tmp_path / "cards" / f"card-{index}.json"
        card.parent.mkdir(exist_ok=True)
        card.write_bytes(identity.card_bytes(signer.public))
        assert main(["enrol", str(card), "--org", str(org), "--fingerprint", signer.fingerprint]) == 0
        experts.append(signer)

    bad = write_source(tmp_path / "bad", spec={**evaluation_spec(), "evaluation": {**EVALUATION, "grades": [GRADES[0], *GRADES[2:]]}})
    capsys.readouterr()
    assert main(["check", str(bad)]) == 1
    assert 'Grades "优秀" (from 90) and "合格" (up to 80) leave a gap' in capsys.readouterr().err

    bundles, session = {}, tmp_path / "SESSION"
    for application_id, (center, _, _) in CENTERS.items():
        source = write_source(tmp_path / application_id, spec=evaluation_spec())
        review = tomlwrite.dumps({**tomllib.loads((source / "review.toml").read_text(encoding="utf-8")),
                                  "application": {"id": application_id, "title": f"{center}2025年度评估", "applicant": center}})
        (source / "review.toml").write_text(review, encoding="utf-8")
        assert main(["check", str(source), "--org", str(org), "--all-enrolled"]) == 0
        session_args = ["--session-passphrase-file", str(session)] if session.exists() else ["--new-session-passphrase", str(session)]
        bundle = tmp_path / "bundles" / f"{application_id}.rvb"
        bundle.parent.mkdir(exist_ok=True)
        assert main(["seal", str(source), "--org", str(org), "--all-enrolled", *session_args, "--passphrase-file", str(secret), "-o", str(bundle)]) == 0
        bundles[application_id] = bundle
    passphrase = session.read_text(encoding="utf-8").strip()

    folder = tmp_path / "packages"
    folder.mkdir()
    for application_id, (_, field_scores, general) in CENTERS.items():
        for index, signer in enumerate(experts):
            name, data = _signed_package(bundles[application_id], org, passphrase, signer, field_scores, general, 0.5 if index < 5 else -0.5)
            (folder / name).write_bytes(data)
    (tmp_path / "earlier.csv").write_text(EARLIER, encoding="utf-8")
    out = tmp_path / "results"
    capsys.readouterr()
    assert main(["aggregate", str(folder), "--org", str(org), "--passphrase-file", str(secret), "--out", str(out), "--earlier", str(tmp_path / "earlier.csv")]) == 0
    printed = capsys.readouterr().out
    assert "Earlier results: earlier.csv: 6 graded center(s)." in printed
    assert "GX-2025-PJ-01 广西智能制造创新中心2025年度评估: 94.00 [2025 优秀]" in printed
    assert "GX-2025-PJ-02 柳州新材料创新中心2025年度评估: 55.00 [2025 不合格]" in printed
    assert "FLAGGED: 柳州新材料创新中心: 连续两次不合格（2024、2025）" in printed
    assert printed.count("连续两次不合格") == 1

    rows = list(csv.DictReader((out / "results.csv").read_text(encoding="utf-8-sig").splitlines()))
    totals = {r["application_id"]: r for r in rows if r["kind"] == "total"}
    assert {k: (v["used"], v["grade"], v["evaluation_flag"]) for k, v in totals.items()} == {
        "GX-2025-PJ-01": ("94.00", "优秀", ""), "GX-2025-PJ-02": ("55.00", "不合格", "连续两次不合格（2024、2025）"),
        "GX-2025-PJ-03": ("72.00", "合格", ""), "GX-2025-PJ-04": ("51.50", "不合格", ""),
    }
    assert {v["evaluation_kind"] for v in totals.values()} == {"年度评估"} and {v["evaluation_period"] for v in totals.values()} == {"2025"}
    sheet = {row[0]: row for row in load_workbook(out / "results.xlsx")["评估等级"].iter_rows(min_row=2, values_only=True)}
    assert sheet["GX-2025-PJ-02"][5:] == ("不合格", "2024", "不合格", "连续两次不合格（2024、2025）")
    assert sheet["GX-2025-PJ-04"][5:] == ("不合格", "2024", "合格", None)

    text = subprocess.run(["pdftotext", "-layout", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "评估等级：年度评估（2025）" in text and "优秀 ≥ 90，良好 80–90，合格 60–80，不合格 < 60" in text
    assert "连续两次不合格（2024、2025）" in text and "往期结果：earlier.csv" in text
    signature = subprocess.run(["pdfsig", str(out / "report.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid." in signature and "Total document signed" in signature

    # Next year's run reads this year's results.csv as it was written (here relabelled 2024, as if a year earlier).
    relabelled = (out / "results.csv").read_text(encoding="utf-8-sig").replace(",2025,", ",2024,")
    (tmp_path / "results-2024.csv").write_text(relabelled, encoding="utf-8-sig")
    assert [(e.applicant, e.period, e.grade) for e in read_earlier(tmp_path / "results-2024.csv")][:2] == [
        ("广西智能制造创新中心", "2024", "优秀"), ("南宁数字经济创新中心", "2024", "合格")]
    assert main(["aggregate", str(folder), "--org", str(org), "--passphrase-file", str(secret), "--out", str(tmp_path / "again"), "--earlier", str(tmp_path / "results-2024.csv")]) == 0
    again = capsys.readouterr().out
    assert "FLAGGED: 柳州新材料创新中心: 连续两次不合格（2024、2025）" in again and "FLAGGED: 桂林生物医药创新中心: 连续两次不合格（2024、2025）" in again

    assert main(["aggregate", str(folder), "--org", str(org), "--passphrase-file", str(secret), "--out", str(tmp_path / "x"), "--earlier", str(tmp_path / "missing.csv")]) == 1
    assert "The earlier results" in capsys.readouterr().err and not (tmp_path / "x").exists()
