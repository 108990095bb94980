"""Conflict screening at sealing: related units of the application against experts' affiliations."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bundle_fixtures import small_spec, write_source

from reviewer_app import keys, rubric
from reviewer_app.errors import UserFacingError
from reviewer_app.org import roster
from reviewer_app.org import sealed as ledger
from reviewer_app.org.cli import main
from reviewer_app.org.conflicts import past_affiliations, same_unit, screen


def test_unit_names_match_loosely_but_not_by_accident() -> None:
    assert same_unit("岭南理工大学", "岭南理工大学 机械学院") and same_unit("广州（南沙）研究院", "广州(南沙)研究院")
    assert not same_unit("岭南理工大学", "岭南医科大学") and not same_unit("", "岭南理工大学") and not same_unit("大学", "岭南理工大学")


def test_the_demo_flags_chen_zhiyuan(demo_world_dir: Path) -> None:
    org = demo_world_dir / "org"
    record = next(r for r in ledger.all_records(org) if r.application.id == "GZ-2025-ZZ-03")
    assert rubric.RelatedUnit("岭南理工大学", "股东、技术专家委员会主任单位") in record.spec.related_units  # carried in the bundle
    warnings = screen(record.spec, roster.active_cards(org))
    assert "Possible conflict of interest: 陈志远 works at 岭南理工大学, which the application lists as 股东、技术专家委员会主任单位." in warnings
    assert any("周海峰 works at 广州智能交通研究院" in w for w in warnings)
    assert not any("林晓梅" in w or "吴佩珊" in w for w in warnings)


def test_check_of_the_sealed_demo_bundle_flags_chen_zhiyuan(demo_world_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The demo's bundles are sealed by code; `check X.rvb --org` screens their panel as `seal` would."""
    assert main(["check", str(demo_world_dir / "bundles" / "GZ-2025-ZZ-03.rvb"), "--org", str(demo_world_dir / "org")]) == 0
    captured = capsys.readouterr()
    assert "Panel of 7:" in captured.out
    assert "Warning: Possible conflict of interest: 陈志远 works at 岭南理工大学, which the application lists as 股东、技术专家委员会主任单位." in captured.err
    assert "周海峰 works at 广州智能交通研究院" in captured.err and "林晓梅" not in captured.err


def test_seal_warns_about_current_and_past_affiliations(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = small_spec()
    for section in spec["rubric"]["sections"]:
        section.update({"raters": "all", "fields": []})
    spec["related_units"] = [{"unit": "岭南理工大学", "relation": "股东"}, {"unit": "华南工学院", "relation": "合作单位"}]
    source = write_source(tmp_path / "source", spec=spec)
    org = tmp_path / "org"
    shutil.copytree(demo_world_dir / "org", org)
    huang = next(c for c in roster.active_cards(org) if c.profile.name == "黄建国")
    recent = dt.date.today() - dt.timedelta(days=400)
    (org / "affiliations.toml").write_text(
        f'[[expert]]\nfingerprint = "{keys.format_fingerprint(huang.fingerprint)}"\npast = [{{ unit = "华南工学院", until = {recent.isoformat()} }}, '
        f'{{ unit = "岭南理工大学", until = 2015-01-01 }}]\n', encoding="utf-8")
    assert main(["check", str(source), "--org", str(org), "--all-enrolled"]) == 0
    err = capsys.readouterr().err
    assert "Warning: Possible conflict of interest: 陈志远 works at 岭南理工大学, which the application lists as 股东." in err
    assert f"黄建国 worked at 华南工学院 until {recent.isoformat()}; the application lists 华南工学院 as 合作单位." in err
    assert "Warning: Possible conflict of interest: 黄建国 worked at 岭南理工大学" not in err  # more than three years ago
    assert "Note: Not counted: 黄建国 worked at 岭南理工大学 until 2015-01-01, more than three years ago." in err
    assert past_affiliations(org)[keys.fingerprint_hex(huang.fingerprint)][0].unit == "华南工学院"
    (org / "affiliations.toml").write_text("[[expert]]\nfingerprint = 3\n", encoding="utf-8")
    with pytest.raises(UserFacingError):
        past_affiliations(org)
    assert main(["check", str(source), "--org", str(org), "--all-enrolled"]) == 1
    assert "affiliations.toml is not in the expected form" in capsys.readouterr().err


def test_affiliations_entered_by_the_organization(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`roster affiliation add|list|remove` writes ORG/affiliations.toml; seal/check screen the
    card's current affiliation and the recorded ones of the last three years, and say which older ones they ignore."""
    spec = small_spec()
    for section in spec["rubric"]["sections"]:
        section.update({"raters": "all", "fields": []})
    spec["related_units"] = [{"unit": "华南工学院", "relation": "合作单位"}, {"unit": "广州南沙研究院", "relation": "成员单位"},
                             {"unit": "珠江化工集团", "relation": "股东"}]
    source = write_source(tmp_path / "source", spec=spec)
    org = tmp_path / "org"
    shutil.copytree(demo_world_dir / "org", org)
    huang = next(c for c in roster.active_cards(org) if c.profile.name == "黄建国")
    fp = keys.format_fingerprint(huang.fingerprint)
    last_year = dt.date.today().year - 1
    assert main(["roster", "affiliation", "add", fp, "--unit", "华南工学院", "--from", "2019-03", "--to", f"{last_year}-06", "--role", "教授", "--org", str(org)]) == 0
    assert main(["roster", "--org", str(org), "affiliation", "add", fp, "--unit", "广州南沙研究院", "--from", "2024-01"]) == 0
    assert main(["roster", "affiliation", "add", fp, "--unit", "珠江化工集团", "--from", "2008-01", "--to", "2012-12", "--org", str(org)]) == 0
    out = capsys.readouterr().out
    assert f"Recorded for 黄建国: 华南工学院 (2019-03-01 – {last_year}-06-30, 教授)." in out
    assert "广州南沙研究院 (2024-01-01 – now)" in out
    assert "more than three years ago: conflict screening does not count it." in out
    recorded = (org / "affiliations.toml").read_text(encoding="utf-8")
    assert 'name = "黄建国"' in recorded and f"until = {last_year}-06-30" in recorded

    assert main(["roster", "affiliation", "list", fp, "--org", str(org)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[1] == "  羊城企业管理咨询有限公司 (current, from the enrolment card)"
    assert "  珠江化工集团 (2008-01-01 – 2012-12-31)  [ended more than three years ago: not screened]" in listing

    assert main(["check", str(source), "--org", str(org), "--all-enrolled"]) == 0
    err = capsys.readouterr().err
    assert f"Warning: Possible conflict of interest: 黄建国 worked at 华南工学院 until {last_year}-06-30; the application lists 华南工学院 as 合作单位." in err
    assert "Warning: Possible conflict of interest: 黄建国 works at 广州南沙研究院, which the application lists as 成员单位." in err
    assert "Note: Not counted: 黄建国 worked at 珠江化工集团 until 2012-12-31, more than three years ago." in err
    assert "Warning: Possible conflict of interest: 黄建国 worked at 珠江化工集团" not in err

    assert main(["roster", "affiliation", "remove", fp, "--unit", "广州南沙研究院", "--org", str(org)]) == 0
    assert "Removed 1 affiliation(s) of 黄建国 with 广州南沙研究院." in capsys.readouterr().out
    assert main(["check", str(source), "--org", str(org), "--all-enrolled"]) == 0
    assert "广州南沙研究院" not in capsys.readouterr().err

    before = (org / "affiliations.toml").read_bytes()
    for refused, reason in (
        (["add", fp, "--unit", "某研究所", "--from", "2023-13"], "2023-13 is not a month; write it as 2023-01"),
        (["add", fp, "--unit", "某研究所", "--from", "2024-05", "--to", "2024-01"], "The affiliation ends (2024-01-31) before it starts (2024-05-01)."),
        (["add", fp, "--unit", "  ", "--from", "2024-05"], "Give the unit's name with --unit."),
        (["remove", fp, "--unit", "某研究所"], "No affiliation with 某研究所 is recorded for 黄建国; nothing was removed."),
        (["add", "0000", "--unit", "某研究所", "--from", "2024-05"], "not"),
    ):
        assert main(["roster", "affiliation", *refused, "--org", str(org)]) == 1
        assert reason in capsys.readouterr().err
    assert main(["roster", "affiliation", "list"]) == 1
    assert "Give the organization folder with --org." in capsys.readouterr().err
    assert (org / "affiliations.toml").read_bytes() == before  # refusals leave the file untouched
