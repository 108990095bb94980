"""The expert's answer about each related unit: signed in score.json (version 3), checked and
flagged by the organization's verify and aggregate."""

from __future__ import annotations

import csv
import dataclasses
import json
import subprocess
from pathlib import Path

import pytest
from package_fixtures import build, demo_review, demo_signer, members_of, org_passphrase_args, plain_of, world_dir  # noqa: F401 - fixture

from reviewer_app.export import score_json
from reviewer_app.org.cli import main
from reviewer_app.org.verify_packages import Organization, verify_one

ALLIANCE = "GZ-2025-ZZ-03"
CHEN = "chen-zhiyuan"
RELATION = "本人为岭南理工大学在职教授，未参与该创新中心的筹建与运营。"


def test_score_json_carries_one_answer_per_listed_unit(world_dir: Path) -> None:
    data = json.loads(dict(members_of(plain_of(world_dir, ALLIANCE, CHEN)))["score.json"])
    assert data["format_version"] == 3
    answers = data["declarations"]["related_units"]
    assert len(answers) == 16 and answers[0] == {"unit": "广州智驭汽车电子股份有限公司", "relation": "牵头单位、股东", "answer": "no_relation", "description": ""}
    assert {"unit": "岭南理工大学", "relation": "股东、技术专家委员会主任单位", "answer": "relation", "description": RELATION} in answers
    assert sum(a["answer"] == "relation" for a in answers) == 1


def test_verify_and_aggregate_flag_a_declared_relation(world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packages = world_dir / "packages"
    assert main(["verify", str(packages), "--org", str(world_dir / "org"), *org_passphrase_args(world_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 flagged." in out and f"     FLAGGED: 陈志远 declared a relation to 岭南理工大学, which the application lists as 股东、技术专家委员会主任单位: {RELATION}" in out
    assert out.count("declared a relation") == 1  # 周海峰's relation is in his recusal, which counts nowhere
    results = tmp_path / "results"
    assert main(["aggregate", str(packages), "--org", str(world_dir / "org"), "--out", str(results), *org_passphrase_args(world_dir)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader((results / "results.csv").read_text(encoding="utf-8-sig").splitlines()))
    flagged = [r for r in rows if r["kind"] == "flagged"]
    assert len(flagged) == 1 and flagged[0]["application_id"] == ALLIANCE
    assert flagged[0]["title"] == f"陈志远：陈志远 声明与申报材料所列单位 岭南理工大学（股东、技术专家委员会主任单位）存在关系：{RELATION}"
    text = subprocess.run(["pdftotext", "-layout", str(results / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "已计入但须核查的评分包" in text and "陈志远 声明与申报材料所列单位 岭南理工大学" in text and "本人为岭南理工大学在职教授" in text


@pytest.mark.parametrize(
    ("edit", "accepted"),
    [
        (lambda d: dataclasses.replace(d, declarations=dataclasses.replace(d.declarations, related_units=d.declarations.related_units[1:])), False),
        (lambda d: dataclasses.replace(d, declarations=dataclasses.replace(d.declarations, related_units=d.declarations.related_units[::-1])), False),
        (lambda d: dataclasses.replace(d, format_version=2), True),  # signed by an app from before the question: still read
    ],
)
def test_answers_must_match_the_listed_units(world_dir: Path, tmp_path: Path, edit, accepted: bool) -> None:  # noqa: ANN001
    signer = demo_signer(world_dir, "lin-xiaomei")
    review = demo_review(world_dir, ALLIANCE, "lin-xiaomei")
    built = build(world_dir, ALLIANCE, signer, review.state, inspection=review.inspection, attachments=review.attachments, edit=edit)
    path = tmp_path / "p.rvs"
    path.write_bytes(built.data)
    report = verify_one(path, Organization(world_dir / "org"))
    assert report.ok is accepted, report.message
    if not accepted:
        assert "does not answer for each unit the application lists" in report.message
    else:
        assert "related_units" not in json.loads(built.score_json)["declarations"] and not report.flags


def test_a_declared_relation_needs_its_description(world_dir: Path) -> None:
    data = json.loads(dict(members_of(plain_of(world_dir, ALLIANCE, CHEN)))["score.json"])
    for answer in data["declarations"]["related_units"]:
        if answer["answer"] == "relation":
            answer["description"] = "  "
    with pytest.raises(Exception, match="a declared relation needs its description"):
        score_json.parse(json.dumps(data, ensure_ascii=False).encode())
    data["declarations"]["related_units"][0]["answer"] = "maybe"
    with pytest.raises(Exception, match="no_relation"):
        score_json.parse(json.dumps(data, ensure_ascii=False).encode())
