"""Issue 17 core: the group opinion (专家组意见) — frozen draft, members' signature files,
assembly, `reviewer-org verify`, the documented openssl commands, and hostile inputs.

Runs on the session's demo world (conftest), whose OUT/opinions/ the demo made through the
same code: GZ-2025-ZZ-03 (周海峰 recused, all others agree) and GZ-2025-ZZ-07 (黄建国 dissents,
林晓梅's re-check answered by her revision 2).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from package_fixtures import demo_signer, org_age_identity, org_passphrase_args, stranger, world_dir  # noqa: F401 - fixture
from reviewer_app import cms
from reviewer_app.bundle.strictjson import dumps
from reviewer_app.org import aggregate, demo_content, roster
from reviewer_app.org import sealed as ledger
from reviewer_app.org.verify_packages import verify_all
from reviewer_app.org import opinion_draft as drafts
from reviewer_app.panel import opinion as opinions
from reviewer_app.org import verify_opinions as opinion_verify
from reviewer_app.panel.opinion import OpinionRefused

ROOT = Path(__file__).resolve().parent.parent
ZZ03, ZZ07 = "GZ-2025-ZZ-03", "GZ-2025-ZZ-07"
# When the tests' members sign: now, while the demo world's certificates are valid (verify refuses
# a statement made outside its certificate's validity, as it does a package).
NOW = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).replace(microsecond=0)


def final_of(world: Path, application_id: str) -> Path:
    return world / "opinions" / f"{application_id}-专家组意见{opinions.FINAL_SUFFIX}"


def work_of(world: Path, name: str) -> bytes:
    return (world / "opinions" / "work" / name).read_bytes()


@functools.cache
def sound_reports(world: Path) -> tuple:
    reports = verify_all(sorted((world / "packages").glob("*.rvs")), world / "org", jobs=1, age_identity=org_age_identity(world))
    assert all(r.ok for r in reports)
    return tuple(reports)


def certificates(world: Path) -> dict:
    return {card.fingerprint: card.certificate for card in roster.all_cards(world / "org")}


def record_of(world: Path, application_id: str) -> ledger.SealedRecord:
    return next(r for r in ledger.all_records(world / "org") if r.application.id == application_id)


def sign_all(world: Path, draft: bytes, *, skip: str = "") -> list[tuple[str, bytes]]:
    opinion = opinions.read_draft(draft)
    files = []
    for expert in demo_content.EXPERTS:
        signer = demo_signer(world, expert.id)
        if signer.fingerprint in opinions.required_signers(opinion) and expert.id != skip:
            data = opinions.sign(draft, decision=opinions.AGREE, reason="", certificate=signer.certificate, private_key=signer.private_key, name=expert.name, now=NOW)
            files.append((f"{expert.id}.opinion-sig", data))
    return files


def draft_for(world: Path, application_id: str, *, revision_of: dict[str, int] | None = None, conclusion_id: str = "recommend") -> bytes:
    """A fresh draft from the verified packages; `revision_of` (expert fingerprint → revision) picks older ones."""
    record = record_of(world, application_id)
    reports = [r for r in sound_reports(world) if r.document.bundle.bundle_id == record.bundle_id]
    if revision_of:
        reports = [r for r in reports if revision_of.get(r.document.expert.fingerprint, r.document.revision.number) == r.document.revision.number]
    entries = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in reports]
    raised = {v.id for r in reports for v in r.document.vetoes_raised}
    opinion = drafts.build(
        record, entries, leader=record.panel[0].fingerprint, conclusion_id=conclusion_id,
        strengths="基础较好。", weaknesses="材料需补充。", conditions="补充专职人员名单后报组织单位备案。" if conclusion_id == "recommend-after-revision" else "",
        veto_rulings=[drafts.VetoRuling(v, drafts.CONFIRMED, "专家组讨论后确认。") for v in raised], drafted_at=NOW,
    )  # fmt: skip
    return opinions.freeze(opinion)


# --- the demo's opinions ----------------------------------------------------------------------


def test_the_demo_opinions_verify_with_reviewer_org(world_dir: Path, capsys) -> None:  # noqa: F811
    from reviewer_app.org.cli import main

    code = main(["verify", str(world_dir / "packages"), str(world_dir / "opinions"), "--org", str(world_dir / "org"), "--jobs", "1", *org_passphrase_args(world_dir)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"group opinion on {ZZ03}, 6 member(s) signed, 0 dissent(s)" in out.out
    assert f"group opinion on {ZZ07}, 7 member(s) signed, 1 dissent(s)" in out.out
    assert "2 group opinion(s) sound, 0 refused." in out.out


def test_the_demo_opinions_say_what_the_panel_decided(world_dir: Path) -> None:  # noqa: F811
    dissenting = opinion_verify.read_verified(final_of(world_dir, ZZ07), world_dir / "org", sound_reports(world_dir))
    (dissent,) = dissenting.dissents
    assert dissent.name == "黄建国" and "V5" in dissent.reason
    opinion = dissenting.opinion
    assert [v["ruling"] for v in opinion["vetoes"]] == ["dismissed"]
    (recheck,) = opinion["rechecks"]
    assert recheck["answer"] == "amendment" and recheck["revision"] == 2 and recheck["criteria"] == ["D2"]
    from reviewer_app.panel import recheck as rechecks

    work = world_dir / "opinions" / "work"
    panel = opinions.panel_fingerprints(opinion)
    request = rechecks.read_request((work / f"{ZZ07}-lin-xiaomei.recheck").read_bytes(), bundle_id=opinion["bundle_id"], application_id=ZZ07, panel=panel, file="r")
    answer = rechecks.read_answer((work / f"{ZZ07}-lin-xiaomei.recheck-answer").read_bytes(), request, "a")
    cited = next(p for p in opinion["packages"] if p["fingerprint"] == request.member)
    assert (answer.revision, answer.score_sha256) == (cited["revision"], cited["score_sha256"]) and request.question == recheck["question"]
    lin = demo_signer(world_dir, "lin-xiaomei").fingerprint
    assert {"fingerprint": lin, "revision": 2} == {k: v for k, v in next(p for p in opinion["packages"] if p["fingerprint"] == lin).items() if k != "score_sha256"}
    recused = opinion_verify.read_verified(final_of(world_dir, ZZ03), world_dir / "org", sound_reports(world_dir))
    assert recused.opinion["recused"] == [demo_signer(world_dir, "zhou-haifeng").fingerprint]
    assert len(recused.statements) == len(demo_content.EXPERTS) - 1 and not recused.dissents


def test_the_pdf_is_a4_chinese_with_embedded_fonts_only(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    with zipfile.ZipFile(final_of(world_dir, ZZ07)) as archive:
        (tmp_path / "o.pdf").write_bytes(archive.read(opinions.OPINION_PDF))
        sha = opinions.sha256(archive.read(opinions.OPINION_JSON))
    fonts = subprocess.run(["pdffonts", str(tmp_path / "o.pdf")], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)
    info = subprocess.run(["pdfinfo", str(tmp_path / "o.pdf")], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89" in info and f"opinion.json SHA-256 {sha}" in info
    text = subprocess.run(["pdftotext", str(tmp_path / "o.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "专家组意见" in text and "黄建国" in text and "不同意" in text and "修改完善后推荐" in text


# --- docs/verify.md §6, run as written ----------------------------------------------------------


def run_opinion_block(opinion: Path, org: Path) -> subprocess.CompletedProcess[str]:
    text = (ROOT / "docs" / "verify.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- opinion-check -->\n```sh\n(.*?)```", text, re.S)
    assert match
    env = {**os.environ, "OPINION": str(opinion), "ORG": str(org), "LC_ALL": "C.UTF-8"}
    return subprocess.run(["bash", "-c", "set -euo pipefail\n" + match.group(1)], capture_output=True, text=True, env=env, timeout=120)


def test_the_documented_commands_accept_the_demo_opinion(world_dir: Path) -> None:  # noqa: F811
    result = run_opinion_block(final_of(world_dir, ZZ07), world_dir / "org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (result.stdout + result.stderr).count("CMS Verification successful") == len(demo_content.EXPERTS)
    assert "黄建国\tdissent\t本人认为" in result.stdout


def repacked(members: list[tuple[str, bytes]], path: Path) -> Path:
    path.write_bytes(opinions.pack(members))
    return path


def test_the_documented_commands_refuse_a_changed_draft_and_a_replayed_signature(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    members = opinions.unpack(final_of(world_dir, ZZ07).read_bytes(), "x")
    changed = [(n, d.replace("修改完善后推荐".encode(), "推荐列入筹建名单".encode()) if n == opinions.OPINION_JSON else d) for n, d in members]
    assert changed != members
    result = run_opinion_block(repacked(changed, tmp_path / "changed.rvo"), world_dir / "org")
    assert result.returncode != 0
    other = dict(opinions.unpack(final_of(world_dir, ZZ03).read_bytes(), "y"))
    replayed = [(n, other.get(n, d)) for n, d in members]  # ZZ-03's statements of the same members
    assert replayed != members
    assert run_opinion_block(repacked(replayed, tmp_path / "replayed.rvo"), world_dir / "org").returncode != 0


# --- hostile inputs, through the app's own checks ---------------------------------------------------


def test_every_flipped_byte_is_refused(world_dir: Path) -> None:  # noqa: F811
    data = final_of(world_dir, ZZ03).read_bytes()
    offsets = sorted({*range(0, 120), *range(0, len(data), max(1, len(data) // 150)), *range(len(data) - 400, len(data))})
    for offset in offsets:
        broken = bytearray(data)
        broken[offset] ^= 0x01
        path = world_dir.parent / "flipped.rvo"
        path.write_bytes(bytes(broken))
        with pytest.raises(OpinionRefused):
            opinion_verify.read_verified(path, world_dir / "org", None)


def test_a_signature_file_from_a_non_member_is_refused(world_dir: Path) -> None:  # noqa: F811
    draft = work_of(world_dir, f"{ZZ07}{opinions.DRAFT_SUFFIX}")
    outsider = stranger()
    with pytest.raises(OpinionRefused, match="not on the panel"):
        opinions.sign(draft, decision=opinions.AGREE, reason="", certificate=outsider.certificate, private_key=outsider.private_key, name="陈志远", now=NOW)
    # Made by hand: a statement naming a real member, signed with the outsider's key ...
    member = demo_signer(world_dir, "chen-zhiyuan")
    statement = dumps({"format": opinions.STATEMENT_FORMAT, "version": 1, "opinion_sha256": opinions.sha256(draft), "bundle_id": record_of(world_dir, ZZ07).bundle_id,
                       "application_id": ZZ07, "signer": member.fingerprint, "name": "陈志远", "decision": "agree", "reason": "", "signed_at": "2026-01-01T18:00:00+08:00"})  # fmt: skip
    forged = opinions.pack([(opinions.STATEMENT_JSON, statement), (opinions.STATEMENT_SIGNATURE, cms.sign_detached(statement, outsider.certificate, outsider.private_key))])
    files = [f for f in sign_all(world_dir, draft, skip="chen-zhiyuan")] + [("forged.opinion-sig", forged)]
    with pytest.raises(OpinionRefused, match="does not hold"):
        opinions.assemble(draft, files, certificates(world_dir))
    # ... and one naming the outsider, signed by the outsider.
    own = statement.replace(member.fingerprint.encode(), outsider.fingerprint.encode())
    files[-1] = ("own.opinion-sig", opinions.pack([(opinions.STATEMENT_JSON, own), (opinions.STATEMENT_SIGNATURE, cms.sign_detached(own, outsider.certificate, outsider.private_key))]))
    with pytest.raises(OpinionRefused, match="not on this application's panel"):
        opinions.assemble(draft, files, {**certificates(world_dir), outsider.fingerprint: outsider.certificate})


def test_a_draft_changed_after_freezing_is_refused(world_dir: Path) -> None:  # noqa: F811
    draft = work_of(world_dir, f"{ZZ07}{opinions.DRAFT_SUFFIX}")
    signatures = [(p.name, p.read_bytes()) for p in sorted((world_dir / "opinions" / "work").glob(f"{ZZ07}-*{opinions.SIGNATURE_SUFFIX}"))]
    assert opinions.assemble(draft, signatures, certificates(world_dir))  # the real exchange assembles
    opinion = json.loads(draft)
    opinion["conclusion"] = {"id": "recommend", "title": "推荐列入筹建名单"}
    with pytest.raises(OpinionRefused, match="another version of the group opinion"):
        opinions.assemble(opinions.freeze(opinion), signatures, certificates(world_dir))
    with pytest.raises(OpinionRefused, match="changed after it was frozen"):  # edited by hand, not re-frozen
        opinions.assemble(draft.replace(b'"strengths": "', b'"strengths":  "'), signatures, certificates(world_dir))


def test_a_signature_replayed_from_another_application_is_refused(world_dir: Path) -> None:  # noqa: F811
    draft = work_of(world_dir, f"{ZZ07}{opinions.DRAFT_SUFFIX}")
    signatures = [(p.name, p.read_bytes()) for p in sorted((world_dir / "opinions" / "work").glob(f"{ZZ07}-*{opinions.SIGNATURE_SUFFIX}")) if "wu-peishan" not in p.name]
    replayed = (f"{ZZ03}-wu-peishan.opinion-sig", work_of(world_dir, f"{ZZ03}-wu-peishan{opinions.SIGNATURE_SUFFIX}"))
    with pytest.raises(OpinionRefused, match="made for another application"):
        opinions.assemble(draft, [*signatures, replayed], certificates(world_dir))


def test_every_member_must_sign_or_dissent_with_a_reason(world_dir: Path) -> None:  # noqa: F811
    draft = draft_for(world_dir, ZZ03)
    with pytest.raises(OpinionRefused, match="neither signed nor dissented yet: 吴佩珊"):
        opinions.assemble(draft, sign_all(world_dir, draft, skip="wu-peishan"), certificates(world_dir))
    wu = demo_signer(world_dir, "wu-peishan")
    with pytest.raises(OpinionRefused, match="dissent needs a written reason"):
        opinions.sign(draft, decision=opinions.DISSENT, reason="  ", certificate=wu.certificate, private_key=wu.private_key, name="吴佩珊", now=NOW)


def test_an_opinion_based_on_a_superseded_revision_is_refused(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    lin = demo_signer(world_dir, "lin-xiaomei").fingerprint
    draft = draft_for(world_dir, ZZ07, revision_of={lin: 1})
    final = tmp_path / f"old{opinions.FINAL_SUFFIX}"
    final.write_bytes(opinions.assemble(draft, sign_all(world_dir, draft), certificates(world_dir)))
    assert opinion_verify.read_verified(final, world_dir / "org", None).opinion["packages"]
    with pytest.raises(OpinionRefused, match="not the latest revision"):
        opinion_verify.read_verified(final, world_dir / "org", sound_reports(world_dir))
    with pytest.raises(OpinionRefused, match="was not given"):
        opinion_verify.read_verified(final, world_dir / "org", [])


def test_the_leader_must_be_on_the_panel_and_vetoes_must_be_ruled(world_dir: Path) -> None:  # noqa: F811
    record = record_of(world_dir, ZZ07)
    reports = [r for r in sound_reports(world_dir) if r.document.bundle.bundle_id == record.bundle_id]
    entries = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in reports]
    common = dict(conclusion_id="recommend", strengths="", weaknesses="", drafted_at=NOW)
    with pytest.raises(OpinionRefused, match="leader must be a member"):
        drafts.build(record, entries, leader=stranger().fingerprint, **common)
    with pytest.raises(OpinionRefused, match="needs the panel's ruling"):
        drafts.build(record, entries, leader=record.panel[0].fingerprint, **common)
    ruled = [drafts.VetoRuling(v.id, drafts.DISMISSED, "答辩中已说明。") for r in reports for v in r.document.vetoes_raised]
    conditional = dict(common, conclusion_id="recommend-after-revision", veto_rulings=ruled)
    with pytest.raises(OpinionRefused, match="is a conditional one: write the conditions"):
        drafts.build(record, entries, leader=record.panel[0].fingerprint, **conditional, conditions="  ")
    opinion = drafts.build(record, entries, leader=record.panel[0].fingerprint, **conditional, conditions=" 补充专职人员名单。 ")
    assert opinion["conditions"] == "补充专职人员名单。" and opinion["conclusion"]["title"] == "修改完善后推荐"
