"""Who scores what: `raters`/`min_raters` in the rubric, the panel check of `check`/`seal`, the app's assignment."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from bundle_fixtures import small_spec, write_source

from reviewer_app import rubric
from reviewer_app.org import tomlwrite
from reviewer_app.org.cli import main
from reviewer_app.org.composition import Member, check_panel
from reviewer_app.review.completeness import criteria_for_expert

FIVE_FIELDS = [{"id": i, "title": t} for i, t in (("economy", "经济"), ("technology", "技术"), ("industry", "产业"), ("management", "管理"), ("finance", "金融"))]


def five_field_spec() -> dict:
    """A Guangxi-style review: one section per field, each scored by its own experts (min_raters default 3)."""
    spec = small_spec()
    spec["fields"] = FIVE_FIELDS
    spec["rubric"] = {
        "total": 100, "opinion_min_length": 0,
        "sections": [
            {"id": f["id"][:3].upper(), "title": f"{f['title']}评估", "maximum": 20, "fields": [f["id"]],
             "criteria": [{"id": f"{f['id'][:3].upper()}1", "title": f"{f['title']}指标", "maximum": 20}]}
            for f in FIVE_FIELDS
        ],
    }
    spec["checklist"] = {"items": []}
    return spec


def test_raters_and_min_raters_are_read_written_and_checked() -> None:
    data = small_spec()
    data["rubric"]["sections"][1].update({"raters": "all", "fields": [], "min_raters": 4})
    spec = rubric.load(data)
    f1 = spec.rubric.criterion("F1")
    assert f1.all_members and f1.min_raters == 4 and f1.scored_by(None) and f1.scored_by("technical")
    t1 = spec.rubric.criterion("T1")
    assert not t1.all_members and t1.scored_by("technical") and not t1.scored_by("finance") and not t1.scored_by(None)
    assert rubric.load(rubric.to_data(spec)) == spec  # what the bundle carries reads back the same
    assert rubric.parse(five_field_spec()).rubric.sections[0].min_raters == rubric.DEFAULT_MIN_RATERS == 3
    data["rubric"]["sections"][1].update({"raters": "some", "min_raters": -1})
    with pytest.raises(rubric.SpecInvalid) as refused:
        rubric.load(data)
    assert any('"raters"' in p for p in refused.value.problems)
    data["rubric"]["sections"][1]["raters"] = "all"
    with pytest.raises(rubric.SpecInvalid) as refused:
        rubric.load(data)
    assert any("negative min_raters" in p for p in refused.value.problems)


def test_the_app_assigns_every_member_sections_and_own_field_sections() -> None:
    data = small_spec()
    data["rubric"]["sections"][1].update({"raters": "all", "fields": []})
    spec = rubric.load(data)
    assert [c.id for c in criteria_for_expert(spec, "技术")] == ["T1", "T2", "F1"]
    assert [c.id for c in criteria_for_expert(spec, "财务")] == ["F1"]  # finance is no longer named: only the all-members section
    assert [c.id for c in criteria_for_expert(spec, "法律")] == ["F1"]


def test_the_issue_panel_cannot_score_a_five_field_review() -> None:
    spec = rubric.load(five_field_spec())
    panel = [Member("甲", "技术"), Member("乙", "技术"), Member("丙", "技术"), Member("丁", "产业"), Member("戊", "管理"), Member("己", "财务")]
    composition = check_panel(spec, panel)
    refused = "\n".join(composition.refusals)
    assert "“技术评估” needs at least 3 raters (技术); this panel gives it 3" not in refused
    assert "“经济评估” needs at least 3 raters (经济); this panel gives it 0." in refused
    assert "“产业评估” needs at least 3 raters (产业); this panel gives it 1." in refused
    assert len(composition.refusals) == 4  # 经济, 产业, 管理, 金融
    warned = "\n".join(composition.warnings)
    assert "No member of the panel is an expert in the field “经济”." in warned and "“金融”" in warned
    assert "己 (财务) has nothing to score" in warned and "甲" not in warned
    assert composition.raters["TEC1"] == ["甲", "乙", "丙"]


def _cards(world: Path, *ids: str) -> list[str]:
    return [str(world / "experts" / i / "enrolment-card.json") for i in ids]


def test_check_and_seal_refuse_the_panel_through_the_command_line(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_source(tmp_path / "source", spec=five_field_spec())
    org = tmp_path / "org"
    shutil.copytree(demo_world_dir / "org", org)
    panel = _cards(demo_world_dir, "chen-zhiyuan", "zhou-haifeng", "lin-xiaomei", "huang-jianguo", "wu-peishan")
    assert main(["check", str(source), "--org", str(org), "--recipients", *panel]) == 1
    err = capsys.readouterr().err
    assert "The panel of 5 cannot score this review:" in err and "“经济评估” needs at least 3 raters (经济); this panel gives it 0." in err
    assert "Warning: 吴佩珊 (财务) has nothing to score" in err and "Traceback" not in err
    monkeypatch.setenv("REVIEWER_ORG_PASSPHRASE", (demo_world_dir / "org" / "PASSPHRASE").read_text(encoding="utf-8").strip())
    out = tmp_path / "x.rvb"
    assert main(["seal", str(source), "--org", str(org), "--recipients", *panel, "-o", str(out)]) == 1
    assert "Nothing was sealed." in capsys.readouterr().err and not out.exists()
    assert main(["check", str(source)]) == 0  # without a panel the source alone is sound
    capsys.readouterr()
    # The same review scored by every member passes with all seven demo experts.
    data = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
    for section in data["rubric"]["sections"]:
        section.update({"raters": "all", "fields": []})
    (source / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
    assert main(["seal", str(source), "--org", str(org), "--all-enrolled", "-o", str(out)]) == 0
    assert out.is_file() and "cannot score" not in capsys.readouterr().err


def test_the_demo_panel_has_three_raters_for_every_criterion(demo_world_dir: Path) -> None:
    from reviewer_app.org import sealed as ledger

    records = ledger.all_records(demo_world_dir / "org")
    assert len(records) == 2
    for record in records:
        composition = check_panel(record.spec, [Member(m.name, m.field) for m in record.panel])
        assert not composition.refusals and not composition.warnings
        assert len(record.panel) == 7 and min(len(names) for names in composition.raters.values()) >= 3
        assert max(len(names) for names in composition.raters.values()) == 7
