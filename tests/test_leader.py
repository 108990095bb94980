"""Issue 17: the panel leader named at sealing (`reviewer-org seal --leader CARD`), through the real
command line: recorded in the signed manifest and the organization's record, shown by `check`,
refused with one sentence when not on the panel; the draft refuses another leader; `verify`
refuses a group opinion whose leader is not the one named at sealing.

The demo world seals GZ-2025-ZZ-07 with 陈志远 named leader (reviewer_app/org/demo.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from package_fixtures import demo_signer, opened_bundle, org_passphrase_args, world_dir  # noqa: F401 - fixture
from reviewer_app import identity, keys
from reviewer_app.bundle import open_bundle
from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.model import parse_manifest
from reviewer_app.org import demo, demo_content
from reviewer_app.org import opinion_draft as drafts
from reviewer_app.org import sealed as ledger
from reviewer_app.org.cli import main
from reviewer_app.org.demo import PASSPHRASE_FILE
from reviewer_app.panel.opinion import OpinionRefused
from test_group_opinion import NOW, ZZ03, ZZ07, final_of, record_of, sound_reports

CHINA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def org_copy(world_dir: Path, tmp_path: Path) -> Path:  # noqa: F811
    """The demo organization folder, copied: these tests seal and rewrite records."""
    return Path(shutil.copytree(world_dir / "org", tmp_path / "org"))


def seal(org: Path, tmp_path: Path, *extra: str) -> tuple[int, Path]:
    source = demo.write_source(tmp_path / "source", demo_content.APPLICATIONS[0], dt.datetime.now(CHINA).date())
    out = tmp_path / "sealed.rvb"
    code = main(["seal", str(source), "--org", str(org), "--passphrase-file", str(org / PASSPHRASE_FILE), "--all-enrolled", *extra, "-o", str(out)])
    return code, out


def card_of(world: Path, expert_id: str) -> Path:
    return world / "experts" / expert_id / demo.CARD_FILE


@pytest.mark.parametrize("how", ["name", "fingerprint", "card"])
def test_seal_names_the_leader_in_the_signed_manifest_and_check_shows_it(world_dir: Path, org_copy: Path, tmp_path: Path, capsys, how: str) -> None:  # noqa: F811, ANN001
    lin = identity.read_card(card_of(world_dir, "lin-xiaomei"))
    given = {"name": "林晓梅", "fingerprint": keys.format_fingerprint(lin.fingerprint).lower(), "card": str(card_of(world_dir, "lin-xiaomei"))}[how]
    code, out = seal(org_copy, tmp_path, "--leader", given)
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "for 林晓梅 (产业)" in printed.out and "(panel leader)" in printed.out.split("林晓梅", 1)[1].splitlines()[0]
    expert = identity.unlock(world_dir / "experts" / "lin-xiaomei", (world_dir / "experts" / "lin-xiaomei" / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
    opened = open_bundle(out, [keys.load_certificate_file(org_copy / keys.ORG_CERT_FILE)], identity=expert)
    assert opened.manifest.leader == lin.fingerprint and opened.manifest.leader_member().name == "林晓梅"
    assert ledger.load_record(org_copy, opened.bundle_id).leader == lin.fingerprint
    assert main(["check", str(out), "--org", str(org_copy)]) == 0
    shown = capsys.readouterr().out
    assert "Panel leader: 林晓梅 (named at sealing)" in shown and keys.format_fingerprint(lin.fingerprint) in shown


def test_a_leader_off_the_panel_is_refused_with_one_sentence_and_nothing_is_sealed(world_dir: Path, org_copy: Path, tmp_path: Path, capsys) -> None:  # noqa: F811, ANN001
    source = demo.write_source(tmp_path / "source", demo_content.APPLICATIONS[0], dt.datetime.now(CHINA).date())
    panel = [str(card_of(world_dir, e.id)) for e in demo_content.EXPERTS if e.id != "he-zhendong"]
    out = tmp_path / "x.rvb"
    args = ["seal", str(source), "--org", str(org_copy), "--passphrase-file", str(org_copy / PASSPHRASE_FILE), "--recipients", *panel, "-o", str(out)]
    for given in ("何振东", str(card_of(world_dir, "he-zhendong")), "王某某"):
        assert main([*args, "--leader", given]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert err[-1] == f"{given} is not on the panel of this bundle; the leader must be one of the experts it is sealed for. Nothing was sealed."
        assert not out.exists()
    # check names the leader of a panel it is given, and refuses one off it the same way
    check = ["check", str(source), "--org", str(org_copy), "--recipients", *panel]
    assert main([*check, "--leader", "郑立新"]) == 0
    assert "Panel leader: 郑立新 (技术)" in capsys.readouterr().out
    assert main([*check, "--leader", "何振东"]) == 1
    assert "何振东 is not on the panel" in capsys.readouterr().err
    # 陈志远's university is a member of this alliance: named leader, he is pointed out (a warning, not a refusal).
    assert main([*check, "--leader", "陈志远"]) == 0
    assert "Warning: the panel leader 陈志远 may have a conflict of interest with this application" in capsys.readouterr().err
    assert main([*check, "--leader", "郑立新"]) == 0
    assert "the panel leader" not in capsys.readouterr().err


def test_the_demo_seals_its_leader_and_a_bundle_without_one_still_opens(world_dir: Path, capsys) -> None:  # noqa: F811, ANN001
    chen = demo_signer(world_dir, "chen-zhiyuan").fingerprint
    assert opened_bundle(world_dir, ZZ07).manifest.leader == chen
    assert opened_bundle(world_dir, ZZ03).manifest.leader == "" and opened_bundle(world_dir, ZZ03).manifest.leader_member() is None
    assert main(["check", str(world_dir / "bundles" / f"{ZZ03}.rvb"), "--org", str(world_dir / "org")]) == 0
    assert "Panel leader: not named; the panel chooses on the review day." in capsys.readouterr().out
    assert "封装时由组织单位指定陈志远为专家组组长" in (world_dir / "README.txt").read_text(encoding="utf-8")
    # The same through the command as a separate process (the organization's terminal).
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "reviewer_app.org.cli", "check", str(world_dir / "bundles" / f"{ZZ07}.rvb"), "--org", str(world_dir / "org")],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Panel leader: 陈志远 (named at sealing)" in done.stdout and "(leader, named at sealing)" in done.stdout
    opinion = json.loads(final_opinion_json(world_dir, ZZ07))
    assert opinion["leader"] == {"fingerprint": chen, "named_at": "seal"}
    assert json.loads(final_opinion_json(world_dir, ZZ03))["leader"] == {"fingerprint": chen, "named_at": "panel"}


def test_the_experts_verify_command_shows_the_leader(world_dir: Path, capsys) -> None:  # noqa: F811, ANN001
    from reviewer_app.bundle.verify_command import run

    common = ["--org-cert", str(world_dir / "org" / keys.ORG_CERT_FILE), "--session-passphrase-file", str(world_dir / "bundles" / "SESSION_PASSPHRASE")]
    assert run([str(world_dir / "bundles" / f"{ZZ07}.rvb"), *common]) == 0
    assert "panel leader:   陈志远 (named by the organization at sealing)" in capsys.readouterr().out
    assert run([str(world_dir / "bundles" / f"{ZZ03}.rvb"), *common]) == 0
    assert "panel leader:   not named; the panel chooses on the review day" in capsys.readouterr().out


def final_opinion_json(world: Path, application_id: str) -> bytes:
    from reviewer_app.panel import opinion as opinions

    return dict(opinions.unpack(final_of(world, application_id).read_bytes(), "x"))[opinions.OPINION_JSON]


def test_a_manifest_naming_a_leader_off_its_panel_is_refused(world_dir: Path) -> None:  # noqa: F811
    manifest = opened_bundle(world_dir, ZZ07).manifest
    data = json.loads(manifest.to_json())
    assert parse_manifest(manifest.to_json()).leader == manifest.leader
    data["leader"] = keys.fingerprint(keys.make_self_signed(keys.new_private_key(), "王某某", "某单位", days=3))
    with pytest.raises(BundleRefused, match="leader is not a member of the panel"):
        parse_manifest(json.dumps(data, ensure_ascii=False).encode())
    del data["leader"]
    assert parse_manifest(json.dumps(data, ensure_ascii=False).encode()).leader == ""


def test_only_the_named_leader_drafts_the_opinion(world_dir: Path) -> None:  # noqa: F811
    from reviewer_app.org import aggregate

    record = record_of(world_dir, ZZ07)
    reports = [r for r in sound_reports(world_dir) if r.document.bundle.bundle_id == record.bundle_id]
    entries = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in reports]
    common = dict(conclusion_id="recommend", strengths="", weaknesses="", drafted_at=NOW, veto_rulings=[drafts.VetoRuling("V5", drafts.CONFIRMED, "确认。")])
    zhou = demo_signer(world_dir, "zhou-haifeng").fingerprint
    with pytest.raises(OpinionRefused) as refused:
        drafts.build(record, entries, leader=zhou, **common)
    assert refused.value.message() == "The organization named 陈志远 leader of this application when it sealed the bundle; only 陈志远 can act as leader."
    opinion = drafts.build(record, entries, leader=record.leader, **common)
    assert opinion["leader"] == {"fingerprint": record.leader, "named_at": "seal"}
    other = record_of(world_dir, ZZ03)  # no leader named: the panel's choice is recorded as such
    other_entries = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in sound_reports(world_dir) if r.document.bundle.bundle_id == other.bundle_id]
    assert drafts.build(other, other_entries, leader=zhou, **{**common, "veto_rulings": []})["leader"] == {"fingerprint": zhou, "named_at": "panel"}


def _rewrite_record(org: Path, application_id: str, leader: str) -> None:
    record = next(r for r in ledger.all_records(org) if r.application.id == application_id)
    ledger.record_sealed(org, ledger.SealedRecord(**{**record.__dict__, "leader": leader}))


@pytest.mark.parametrize(("application_id", "leader_id"), [(ZZ07, "zhou-haifeng"), (ZZ07, ""), (ZZ03, "chen-zhiyuan")])
def test_verify_refuses_an_opinion_whose_leader_is_not_the_one_named_at_sealing(world_dir: Path, org_copy: Path, capsys, application_id: str, leader_id: str) -> None:  # noqa: F811, ANN001
    """ZZ-07 names 陈志远 at sealing: a record naming 周海峰 or nobody no longer fits it; ZZ-03's
    opinion says its leader was chosen on the day, which a record naming 陈志远 contradicts."""
    args = ["verify", str(world_dir / "packages"), str(final_of(world_dir, application_id)), "--org", str(org_copy), "--jobs", "1", *org_passphrase_args(world_dir)]
    assert main(args) == 0, capsys.readouterr().err
    capsys.readouterr()
    _rewrite_record(org_copy, application_id, demo_signer(world_dir, leader_id).fingerprint if leader_id else "")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"The group opinion {final_of(world_dir, application_id).name} does not name the leader the organization named when it sealed the bundle." in err


# --- rankings by the panel's ruling (reviewer-org aggregate) -----------------------------------


def _aggregate(world: Path, out: Path, *inputs: Path) -> int:
    return main(["aggregate", *map(str, inputs), "--org", str(world / "org"), "--out", str(out), "--pass-line", "60", "--jobs", "1", *org_passphrase_args(world)])


def _confirming_opinion(world: Path, folder: Path) -> Path:
    """A group opinion on GZ-2025-ZZ-07 in which the panel confirms 黄建国's veto V5, signed by everyone."""
    from reviewer_app.panel import opinion as opinions
    from test_group_opinion import certificates, draft_for, sign_all

    draft = draft_for(world, ZZ07, conclusion_id="recommend-after-revision")
    assert [v["ruling"] for v in opinions.read_draft(draft)["vetoes"]] == ["confirmed"]
    folder.mkdir()
    path = folder / f"{ZZ07}-专家组意见{opinions.FINAL_SUFFIX}"
    path.write_bytes(opinions.assemble(draft, sign_all(world, draft), certificates(world)))
    return path


def _total_row(out: Path, application_id: str) -> dict:
    import csv
    import io

    rows = csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8-sig")))
    return next(r for r in rows if r["application_id"] == application_id and r["kind"] == "total")


def _published(out: Path) -> list[str]:
    from openpyxl import load_workbook

    return [row[2] for row in load_workbook(out / "results.xlsx")["公示名单"].iter_rows(min_row=2, values_only=True)]


def test_aggregate_ranks_and_publishes_by_the_panels_veto_ruling(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811, ANN001
    import subprocess

    packages = world_dir / "packages"
    # No group opinion: 黄建国's raised veto keeps GZ-2025-ZZ-07 out, marked as not ruled.
    assert _aggregate(world_dir, tmp_path / "raised", packages) == 0
    out = capsys.readouterr().out
    assert f"2. {ZZ07}" in out and "[否决] (veto raised, not ruled by the panel)" in out
    assert _total_row(tmp_path / "raised", ZZ07)["vetoes"] == "V5×1" and _published(tmp_path / "raised") == [ZZ03]
    # The demo's opinion dismisses V5: the application is ranked and listed by its score.
    assert _aggregate(world_dir, tmp_path / "dismissed", packages, world_dir / "opinions") == 0
    out = capsys.readouterr().out
    assert f"2. {ZZ07}" in out and "[达到及格线] (veto raised, dismissed by the panel)" in out
    assert _total_row(tmp_path / "dismissed", ZZ07)["vetoes"] == "V5×1 专家组不予采纳"
    assert _published(tmp_path / "dismissed") == [ZZ03, ZZ07]
    # An opinion confirming V5: sunk and not listed, whatever its score.
    assert _aggregate(world_dir, tmp_path / "confirmed", packages, _confirming_opinion(world_dir, tmp_path / "opinions")) == 0
    out = capsys.readouterr().out
    assert f"2. {ZZ07}" in out and "[否决] (veto confirmed by the panel: V5)" in out
    assert _total_row(tmp_path / "confirmed", ZZ07)["vetoes"] == "V5×1 专家组确认" and _published(tmp_path / "confirmed") == [ZZ03]
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "confirmed" / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())  # the report's lines wrap where its layout says
    assert "专家组确认" in flat and "依专家组的裁定" in flat
