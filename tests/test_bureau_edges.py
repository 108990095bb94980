"""A review that is in no other test, through the real command line, every number checked by hand.

Five experts (技术 ×2, 产业 ×2, 管理); a section scored by two named fields with min_raters 4, one
by every member, one by the management expert alone. The application lists its related units
in full-width brackets, letters and spaces; the experts' cards spell them in half-width. Four
applications are sealed: APP-1 and APP-4 come back with the same scores from different experts
(a tie), APP-2 without the management expert (its criterion C1 unscored) and with a veto, APP-3
with nothing at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import subprocess
import tomllib
from pathlib import Path

import pytest
from bundle_fixtures import small_spec, write_source
from openpyxl import load_workbook
from package_fixtures import stranger

from reviewer_app import identity, keys, rubric
from reviewer_app.bundle import open_bundle
from reviewer_app.errors import UserFacingError
from reviewer_app.export import confidential, score_json
from reviewer_app.export import package as packages
from reviewer_app.org import demo_scores, tomlwrite
from reviewer_app.org.bureau import shortfalls
from reviewer_app.org.cli import _pass_line, _quorum, main
from reviewer_app.org.conflicts import same_unit, screen, screened_units
from reviewer_app.review.completeness import criteria_for_expert
from reviewer_app.review.state import ConflictAnswer, Declarations, RelatedAnswer, ReviewState, ScoreEntry, VetoEntry
from reviewer_app.services import signing as revisions

CHINA = dt.timezone(dt.timedelta(hours=8))
EXPERTS = [("张一", "技术", "广州(南沙)智能装备研究院"), ("王二", "技术", "华南理工大学"), ("李三", "产业", "ABC智能科技有限公司"),
           ("赵四", "产业", "珠江实业集团"), ("钱五", "管理", "广东财经大学")]
RELATED = [{"unit": "广州（南沙）智能装备研究院\u3000", "relation": "股东"}, {"unit": "ＡＢＣ智能科技有限公司", "relation": "合作单位"},
           {"unit": "珠江实业集团 有限公司", "relation": "成员单位"}]
APPLICATIONS = {"APP-1": "甲创新中心", "APP-2": "乙创新中心", "APP-3": "丙创新中心", "APP-4": "丁创新中心"}
VETO = "牵头单位在信用中国网站被列为严重失信主体。"
SCORES = {
    "APP-1": {"张一": {"A1": 28, "A2": 16, "B1": 27}, "王二": {"A1": 24, "A2": 14, "B1": 22}, "李三": {"A1": 26, "A2": 18, "B1": 25},
              "赵四": {"A1": 20, "A2": 12, "B1": 18}, "钱五": {"B1": 29, "C1": 15}},
    "APP-2": {"张一": {"A1": 20, "A2": 10, "B1": 20}, "王二": {"A1": 20, "A2": 12, "B1": 21}, "李三": {"A1": 22, "A2": 14, "B1": 19},
              "赵四": {"A1": 18, "A2": 16, "B1": 24}},
    "APP-4": {"张一": {"A1": 20, "A2": 12, "B1": 29}, "王二": {"A1": 26, "A2": 18, "B1": 18}, "李三": {"A1": 28, "A2": 16, "B1": 22},
              "赵四": {"A1": 24, "A2": 14, "B1": 27}, "钱五": {"B1": 25, "C1": 15}},
}


def review_spec() -> dict:
    spec = small_spec()
    spec["fields"] = [{"id": "technology", "title": "技术"}, {"id": "industry", "title": "产业"}, {"id": "management", "title": "管理"}]
    spec["rubric"] = {
        "total": 100, "opinion_min_length": 0, "recommendations": [{"id": "yes", "title": "推荐"}, {"id": "no", "title": "不推荐"}],
        "vetoes": [{"id": "V1", "title": "牵头单位被列入严重失信名单"}],
        "sections": [
            {"id": "S1", "title": "技术与产业", "maximum": 50, "fields": ["technology", "industry"], "min_raters": 4,
             "criteria": [{"id": "A1", "title": "技术先进性", "maximum": 30}, {"id": "A2", "title": "产业带动", "maximum": 20}]},
            {"id": "S2", "title": "综合", "maximum": 30, "raters": "all", "fields": [], "min_raters": 3,
             "criteria": [{"id": "B1", "title": "建设方案", "maximum": 30}]},
            {"id": "S3", "title": "管理专项", "maximum": 20, "fields": ["management"], "min_raters": 1,
             "criteria": [{"id": "C1", "title": "运行机制", "maximum": 20}]},
        ],
    }
    spec["checklist"] = {"items": []}
    spec["related_units"] = RELATED
    return spec


class World:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.org = root / "org"
        self.secret = root / "secret"
        self.signers = {}
        self.cards = {}

    def aggregate(self, out: str, *args: str) -> int:
        return main(["aggregate", str(self.root / "packages"), "--org", str(self.org), "--passphrase-file", str(self.secret), "--out", str(self.root / out), *args])


@functools.cache
def _built(root: Path) -> World:
    world = World(root)
    world.secret.write_text("Audit-org-pass-2026\n", encoding="utf-8")
    assert main(["init", "--org", str(world.org), "--name", "广州市创新中心评审服务中心", "--passphrase-file", str(world.secret)]) == 0
    (root / "cards").mkdir()
    for name, field, affiliation in EXPERTS:
        signer = world.signers[name] = stranger(name, field, affiliation)
        card = world.cards[name] = root / "cards" / f"{name}.json"
        card.write_bytes(identity.card_bytes(signer.public))
        assert main(["enrol", str(card), "--org", str(world.org), "--fingerprint", signer.fingerprint]) == 0
    session = root / "SESSION"
    (root / "bundles").mkdir()
    for application_id, title in APPLICATIONS.items():
        source = write_source(root / "sources" / application_id, spec=review_spec())
        data = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
        data["application"] = {"id": application_id, "title": title, "applicant": f"{title}运营有限公司"}
        (source / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
        passphrase = ["--session-passphrase-file", str(session)] if session.exists() else ["--new-session-passphrase", str(session)]
        assert main(["seal", str(source), "--org", str(world.org), "--recipients", *map(str, world.cards.values()), *passphrase,
                     "--passphrase-file", str(world.secret), "-o", str(root / "bundles" / f"{application_id}.rvb")]) == 0
    _make_packages(world, session.read_text(encoding="utf-8").strip())
    return world


def _make_packages(world: World, session: str) -> None:
    org_cert = keys.load_certificate_file(world.org / keys.ORG_CERT_FILE)
    folder = world.root / "packages"
    folder.mkdir()
    for application_id, by_expert in SCORES.items():
        opened = open_bundle(world.root / "bundles" / f"{application_id}.rvb", [org_cert], session_passphrase=session)
        for name, scores in by_expert.items():
            signer = world.signers[name]
            assert set(scores) == {c.id for c in criteria_for_expert(opened.spec, signer.public.profile.field)}
            now = dt.datetime.now(CHINA).replace(microsecond=0)
            declarations = Declarations(ConflictAnswer.NONE, "", now, now, tuple(RelatedAnswer(u.unit, u.relation, False) for u in opened.spec.related_units))
            vetoed = (application_id, name) == ("APP-2", "李三")
            state = ReviewState(opened.bundle_id, declarations, {c: ScoreEntry(float(v)) for c, v in scores.items()}, {"V1": VetoEntry(vetoed, VETO if vetoed else "")},
                                opinion="建设方案总体可行，建议进一步细化考核指标。", recommendation="no" if vetoed else "yes")
            doc = revisions.build_document(opened, signer.public, state, revision=score_json.Revision(1, now))
            built = packages.make_package(doc, certificate=signer.certificate, private_key=signer.private_key, handwritten_png=demo_scores.signature_png(name),
                                          recommendations=revisions.recommendations_of(opened.spec), self_check=False)
            (folder / built.file_name).write_bytes(confidential.encrypt(built.data, confidential.recipients_for(opened, signer)))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return _built(tmp_path_factory.mktemp("bureau-edges"))


def test_screening_reads_full_width_names_as_the_half_width_ones(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert same_unit("ＡＢＣ智能科技有限公司", "abc智能科技有限公司") and same_unit("广州（南沙）研究院\u3000", "广州(南沙)研究院")
    assert not same_unit("ＡＢＣ智能科技有限公司", "ABD智能科技有限公司")
    capsys.readouterr()
    assert main(["check", str(world.root / "sources" / "APP-1"), "--org", str(world.org), "--all-enrolled"]) == 0
    err = capsys.readouterr().err
    assert "Warning: Possible conflict of interest: 张一 works at 广州(南沙)智能装备研究院, which the application lists as 股东." in err
    assert "Warning: Possible conflict of interest: 李三 works at ABC智能科技有限公司, which the application lists as 合作单位." in err
    assert "Warning: Possible conflict of interest: 赵四 works at 珠江实业集团, which the application lists as 成员单位." in err
    recusing = next(line for line in err.splitlines() if line.startswith("Warning: if "))  # the panel in the roster's order
    assert recusing.endswith(" recuse for the possible conflicts above, the rest of the panel cannot score this review:")
    assert set(recusing.removeprefix("Warning: if ").split(" ")[0].split("、")) == {"张一", "李三", "赵四"}
    assert "  - Section “技术与产业” needs at least 4 raters (技术、产业); this panel gives it 1." in err
    assert "  - Section “综合” needs at least 3 raters (every member); this panel gives it 2." in err
    assert "王二 works" not in err and "钱五" not in err


def test_an_expert_of_the_applicant_itself_is_flagged(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The applicant (申报单位) is screened like the units it lists; a recorded past affiliation with it too."""
    source = write_source(tmp_path / "source", spec=review_spec())
    data = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
    data["application"] = {"id": "APP-9", "title": "华工创新中心", "applicant": "华南理工大学（广州）"}
    (source / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(source), "--org", str(world.org), "--all-enrolled"]) == 0
    err = capsys.readouterr().err
    assert "Warning: Possible conflict of interest: 王二 works at 华南理工大学, which the application lists as 申报单位." in err
    spec = rubric.load({k: v for k, v in data.items() if k in rubric.SPEC_KEYS})
    card = identity.read_card(world.cards["王二"])
    assert screen(spec, [card]) == []  # without the applicant: only the listed units
    assert [u.relation for u in screened_units(spec, "广州（南沙）智能装备研究院")] == ["股东", "合作单位", "成员单位"]  # listed already: once


def test_a_section_of_two_fields_needs_its_four_raters(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    four = [str(world.cards[name]) for name in ("张一", "王二", "李三", "钱五")]
    capsys.readouterr()
    assert main(["check", str(world.root / "sources" / "APP-1"), "--org", str(world.org), "--recipients", *four]) == 1
    assert "Section “技术与产业” needs at least 4 raters (技术、产业); this panel gives it 3." in capsys.readouterr().err


def _totals(path: Path) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    return {(r["application_id"], r["id"] or r["kind"]): r for r in rows}


def test_every_number_of_the_bureau_report_by_hand(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert world.aggregate("results", "--pass-line", "60.5") == 0
    printed = capsys.readouterr().out
    assert "  1. APP-1 甲创新中心: 79.17 [达到及格线]" in printed and "  1. APP-4 丁创新中心: 79.17 [达到及格线]" in printed  # a tie shares the rank
    assert "  3. APP-2 乙创新中心: 67.50 [否决] (veto raised, not ruled by the panel)" in printed
    assert "panel 5: 4 returned, 0 recused, missing: 钱五; quorum (4) met" in printed
    assert "TOO FEW RATERS: C1 scored by 0, needs 1" in printed  # A1, A2: exactly their min_raters 4, not short
    assert "—. APP-3 丙创新中心: no score package came back — panel 5: missing: 张一, 王二, 李三, 赵四, 钱五; quorum NOT met" in printed

    out = world.root / "results"
    rows = _totals(out / "results.csv")
    # APP-1, B1 by five members: 27 22 25 18 29; trimmed (22 + 25 + 27) / 3; 18 is 7 from the median 25, more than 20 % of 30.
    b1 = rows[("APP-1", "B1")]
    assert (b1["n"], b1["mean"], b1["median"], b1["trimmed_mean"], b1["used"], b1["outliers"]) == ("5", "24.20", "25.00", "24.67", "24.67", "赵四 18.0")
    a1 = rows[("APP-1", "A1")]  # four raters: not trimmed; sample sd of 28 24 26 20 = sqrt(35 / 3)
    assert (a1["n"], a1["mean"], a1["trimmed_mean"], a1["sd"], a1["used"]) == ("4", "24.50", "", "3.42", "24.50")
    total = rows[("APP-1", "TOTAL")]  # 24.5 + 15 + 24.667 + 15; the experts' totals 71/80, 60/80, 69/80, 50/80, 44/50 on 100
    assert (total["used"], total["mean"], total["median"], total["pass_line"], total["pass_result"]) == ("79.17", "80.10", "86.25", "60.5", "达到及格线")
    app2 = rows[("APP-2", "TOTAL")]  # C1 unscored: 54 of the 80 points scored, on 100
    assert (app2["used"], app2["vetoes"], app2["pass_result"]) == ("67.50", "V1×1", "否决")
    unreturned = rows[("APP-3", "unreturned")]
    assert (unreturned["rank"], unreturned["title"], unreturned["pass_result"]) == ("", "未收到评分包", "未收到评分包")

    book = load_workbook(out / "results.xlsx")
    conclusions = {row[1]: row for row in book["评审结论"].iter_rows(min_row=2, values_only=True)}
    assert conclusions["APP-2"][15] == "C1 运行机制（0 人评分，至少 1 人）" and conclusions["APP-1"][15] is None
    assert conclusions["APP-3"][5] == "未收到评分包" and conclusions["APP-3"][12] == "张一、王二、李三、赵四、钱五"
    assert [(row[1], row[2]) for row in book["公示名单"].iter_rows(min_row=2, values_only=True)] == [(1, "APP-1"), (1, "APP-4")]
    # Leniency of 赵四: (score − mean of the others) / maximum over nine scores (C1 has one rater: none), mean −0.0429;
    # z against the five experts' means (+0.1167 +0.0552 −0.0117 −0.0265 −0.0429): (−0.0429 − 0.0182) / 0.0665.
    lenient = {row[0]: row for row in book["专家宽严度"].iter_rows(min_row=2, values_only=True)}
    assert lenient["赵四"][2:] == (9, -0.0429, -0.918) and lenient["钱五"][2:4] == (2, 0.1167)
    # ICC(2,1) of the 3 applications × 4 raters who scored all three, worked out apart (numpy, the ANOVA by hand):
    # A1 [[28,24,26,20],[20,20,22,18],[20,26,28,24]] -> 0.3607; the scaled totals -> 0.3058; C1 has no rater in every application.
    agreement = {row[0]: row for row in book["评分一致性"].iter_rows(min_row=2, values_only=True)}
    assert agreement["A1"][2:] == (3, 4, 0.361) and agreement["A2"][4] == -0.071 and agreement["B1"][4] == -0.121
    assert agreement["TOTAL"][2:] == (3, 4, 0.306) and agreement["C1"][2:] == (3, 0, None)

    text = subprocess.run(["pdftotext", "-layout", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())  # the lines as wrapped in the page's cells and paragraphs, joined
    assert "得分（保留两位小数）相同的项目名次并列，按项目编号先后列出" in flat and "各指标评分专家人数不少于评分细则的要求" in flat
    assert "及格线60.5分（折合百分制的综合得分不低于及格线为达到）" in flat and "专家评分分布（折合百分制）" in flat
    assert "评分人数不足：C1运行机制（0人评分，至少1人）" in flat and "1个项目已为本次评审封装评审包，但未收到任何评分包" in flat
    signature = subprocess.run(["pdfsig", str(out / "report.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid." in signature and "Total document signed" in signature


def test_a_criterion_short_of_raters_keeps_the_application_off_the_list(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app.org.aggregate import Entry, aggregate
    from reviewer_app.org.verify_packages import expand, verify_all

    reports = verify_all(expand([world.root / "packages"]), world.org, jobs=1, age_identity=_age(world), lean_documents=True)
    results = aggregate([Entry(r.file_name, r.document, r.score_sha256, r.spec) for r in reports if r.ok])
    app1 = next(r for r in results if r.application_id == "APP-1")
    assert shortfalls(app1, {"A1": 4, "B1": 5, "C1": 1}) == ()  # exactly the raters asked for
    assert [x.describe() for x in shortfalls(app1, {"A1": 5, "C1": 0})] == ["A1 技术先进性（4 人评分，至少 5 人）"]


def _age(world: World) -> object:
    from reviewer_app.org import age_key

    return age_key.unlock(world.org, world.secret.read_text(encoding="utf-8").strip())


def test_the_pass_line_is_met_by_the_score_as_shown() -> None:
    """A score shown as 60.00 meets a pass line of 60, as the grades of an evaluation are given on it."""
    from reviewer_app.org.aggregate import ApplicationResult, CriterionResult, ExpertResult, Settings, stats
    from reviewer_app.org.bureau import BureauResult, unruled

    def row(score: float) -> BureauResult:
        criterion = CriterionResult("C1", "S", "综合", "综合", 100, stats([score], Settings()), ())
        expert = ExpertResult("甲", "AB", "技术", 1, score, 100, score, "", (), "a.rvs", "")
        result = ApplicationResult("b", "APP", "", "", "", 100, [criterion], [expert], stats([score], Settings()), [], [], [])
        return BureauResult(result, 60.0, None, unruled(result))

    assert [row(score).verdict for score in (59.996, 60.0, 59.994)] == ["达到及格线", "达到及格线", "未达及格线"]


@pytest.mark.parametrize(("given", "read"), [("60", 60.0), ("60.5", 60.5), ("60分", 60.0), (" 75 分 ", 75.0), ("６０．５", 60.5), ("0", 0.0)])
def test_a_pass_line_as_the_organization_writes_it(given: str, read: float) -> None:
    assert _pass_line(given) == read


@pytest.mark.parametrize("given", ["nan", "inf", "-1", "六十", "60%", ""])
def test_a_pass_line_that_is_no_score_is_refused(given: str) -> None:
    with pytest.raises(UserFacingError) as refused:
        _pass_line(given)
    assert refused.value.message() == f"The pass line {given} is not a score: give a number such as 60 or 60.5."


@pytest.mark.parametrize(("given", "read"), [("2/3", 2 / 3), ("0.5", 0.5), ("67%", 0.67), ("１／２", 0.5), ("1", 1.0)])
def test_a_quorum_as_the_rules_write_it(given: str, read: float) -> None:
    assert _quorum(given) == pytest.approx(read)


@pytest.mark.parametrize("given", ["0", "1.5", "3/2", "1/0", "nan", "三分之二", "150%"])
def test_a_quorum_that_is_no_share_is_refused(given: str) -> None:
    with pytest.raises(UserFacingError, match="The quorum is a share of the panel"):
        _quorum(given)


def test_a_pass_line_above_the_total_writes_nothing(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert world.aggregate("too-high", "--pass-line", "150") == 1
    assert "The pass line 150 is above the rubric's total of 100 points; nothing was written." in capsys.readouterr().err
    assert not (world.root / "too-high").exists()
    assert world.aggregate("chinese", "--pass-line", "60分", "--quorum", "100%") == 0
    printed = capsys.readouterr().out
    assert "[达到及格线]" in printed and "panel 5: 4 returned, 0 recused, missing: 钱五; quorum (5) NOT met" in printed
    assert _totals(world.root / "chinese" / "results.csv")[("APP-1", "TOTAL")]["pass_line"] == "60"
