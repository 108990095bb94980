"""Issue 17, more hostile inputs to the group opinion and the re-check files, each refused with
one sentence (through the app's checks and `reviewer-org verify`): a member's two signature files
with different decisions, a PDF telling another story than its opinion.json, a truncated file,
a statement made after the organization revoked the member, a statement for another draft of the
same application, a re-check answered by a member it was not addressed to, the leader's own
package replaced after the draft was frozen, two group opinions for one application."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from package_fixtures import build, demo_review, demo_signer, org_passphrase_args, world_dir  # noqa: F401 - fixture
from reviewer_app import cms
from reviewer_app.bundle.strictjson import dumps
from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.org import roster
from reviewer_app.org import verify_opinions as opinion_verify
from reviewer_app.org.cli import main
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel import opinion_pdf
from reviewer_app.panel import recheck
from reviewer_app.panel.opinion import OpinionRefused
from test_group_opinion import NOW, ZZ03, ZZ07, certificates, draft_for, final_of, sign_all, sound_reports
from test_recheck import read, request_file

CHINA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def org_copy(world_dir: Path, tmp_path: Path) -> Path:  # noqa: F811
    """The demo organization folder, copied: these tests revoke and retire members."""
    return Path(shutil.copytree(world_dir / "org", tmp_path / "org"))


def run_verify(capsys, world: Path, org: Path, *inputs: Path) -> tuple[int, str, str]:  # noqa: ANN001
    """`reviewer-org verify` over the demo's packages and `inputs`: (exit code, stdout, stderr)."""
    code = main(["verify", str(world / "packages"), *map(str, inputs), "--org", str(org), "--jobs", "1", *org_passphrase_args(world)])
    out = capsys.readouterr()
    return code, out.out, out.err


# --- signature files -----------------------------------------------------------------------------


def test_a_member_signing_twice_with_different_decisions_is_refused(world_dir: Path) -> None:  # noqa: F811
    draft = draft_for(world_dir, ZZ03)
    files = sign_all(world_dir, draft)
    wu = demo_signer(world_dir, "wu-peishan")
    dissent = opinions.sign(draft, decision=opinions.DISSENT, reason="结论过宽。", certificate=wu.certificate, private_key=wu.private_key, name="吴佩珊", now=NOW)
    with pytest.raises(OpinionRefused) as refused:
        opinions.assemble(draft, [*files, ("wu-again.opinion-sig", dissent)], certificates(world_dir))
    assert refused.value.message() == "吴佩珊 signed this group opinion twice with different decisions (wu-peishan.opinion-sig, wu-again.opinion-sig); keep only the file that says what they decided."
    # The same file given twice (copied onto the stick twice) is one signature.
    wu_file = next(f for f in files if f[0].startswith("wu-peishan"))
    final = opinions.read_final(opinions.assemble(draft, [*files, ("copy.opinion-sig", wu_file[1])], certificates(world_dir)), certificates(world_dir), "final.rvo")
    assert len(final.statements) == len(files)


def test_a_statement_for_another_draft_of_the_same_application_is_refused_in_the_final_file(world_dir: Path) -> None:  # noqa: F811
    members = opinions.unpack(final_of(world_dir, ZZ03).read_bytes(), "x")
    other = draft_for(world_dir, ZZ03, conclusion_id="recommend-after-revision")
    wu = demo_signer(world_dir, "wu-peishan")
    signed = dict(opinions.unpack(opinions.sign(other, decision=opinions.AGREE, reason="", certificate=wu.certificate, private_key=wu.private_key, name="吴佩珊", now=NOW), "s"))
    key = f"{opinions.SIGNATURES_DIR}{opinions.member_key(wu.fingerprint)}.json"
    swapped = [(n, signed[opinions.STATEMENT_JSON] if n == key else signed[opinions.STATEMENT_SIGNATURE] if n == key + ".p7s" else d) for n, d in members]
    assert swapped != members
    with pytest.raises(OpinionRefused, match="another version of the group opinion"):
        opinions.read_final(opinions.pack(swapped), certificates(world_dir), "swapped.rvo")


# --- the final file -------------------------------------------------------------------------------


def test_a_pdf_telling_another_story_than_its_json_is_refused(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    """The PDF shows the right SHA-256, conclusion and decisions, but other scores, strengths and
    rulings: rendered by the app's own code from an edited opinion.json."""
    genuine = final_of(world_dir, ZZ07)
    members = opinions.unpack(genuine.read_bytes(), genuine.name)
    verified = opinions.read_final(genuine.read_bytes(), certificates(world_dir), genuine.name)
    for edit in (
        lambda o: {**o, "strengths": "申报单位已具备全部建设条件，无需修改。"},
        lambda o: {**o, "scores": {**o["scores"], "score": o["scores"]["score"] + 7}},
        lambda o: {**o, "vetoes": [{**v, "ruling": "confirmed"} for v in o["vetoes"]]},
    ):
        story = opinion_pdf.render(edit(verified.opinion), verified.opinion_sha256, list(verified.statements))
        forged = tmp_path / genuine.name
        forged.write_bytes(opinions.pack([(n, story if n == opinions.OPINION_PDF else d) for n, d in members]))
        with pytest.raises(OpinionRefused) as refused:
            opinions.read_final(forged.read_bytes(), certificates(world_dir), forged.name)
        assert refused.value.message() == f"The PDF in {forged.name} does not show what its opinion.json says."
    code, _, err = run_verify(capsys, world_dir, world_dir / "org", forged)
    assert code == 1 and f"The PDF in {forged.name} does not show what its opinion.json says." in err


def test_a_truncated_opinion_is_refused_with_one_sentence(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    data = final_of(world_dir, ZZ07).read_bytes()
    for length in (0, 3, 30, len(data) // 2, len(data) - 22, len(data) - 1):
        cut = tmp_path / f"cut-{length}.rvo"
        cut.write_bytes(data[:length])
        with pytest.raises(OpinionRefused) as refused:
            opinion_verify.read_verified(cut, world_dir / "org", None)
        assert refused.value.message() == f"The file {cut.name} is damaged or is not a group opinion file."
    code, out, err = run_verify(capsys, world_dir, world_dir / "org", cut)
    assert code == 1 and err.strip().splitlines() == [f"{cut}: The file {cut.name} is damaged or is not a group opinion file."]
    assert "0 group opinion(s) sound, 1 refused." in out and "Traceback" not in err


# --- the organization's roster ----------------------------------------------------------------------


def test_a_statement_signed_after_the_member_was_revoked_is_refused(world_dir: Path, org_copy: Path, capsys) -> None:  # noqa: F811
    final = final_of(world_dir, ZZ07)
    verified = opinion_verify.read_verified(final, org_copy, None)
    wu = next(s for s in verified.statements if s.name == "吴佩珊")
    signed_at = dt.datetime.fromisoformat(wu.signed_at)
    latest_package = max(r.document.revision.signed_at for r in sound_reports(world_dir) if r.document.expert.fingerprint == wu.signer)
    assert latest_package < signed_at - dt.timedelta(seconds=60), "the demo signs the opinion after the packages"
    roster.revoke(org_copy, wu.signer, signed_at + dt.timedelta(minutes=1), "证书私钥遗失")  # revoked after she signed: still counts
    assert opinion_verify.read_verified(final, org_copy, sound_reports(world_dir)).statements
    roster.revoke(org_copy, wu.signer, signed_at - dt.timedelta(seconds=60), "证书私钥遗失")
    with pytest.raises(OpinionRefused) as refused:
        opinion_verify.read_verified(final, org_copy, None)
    assert refused.value.message().startswith(f"吴佩珊 signed the group opinion {final.name} on {signed_at.isoformat(sep=' ', timespec='minutes')}, after the organization revoked this expert from ")
    code, _, err = run_verify(capsys, world_dir, org_copy, final)
    assert code == 1 and "after the organization revoked this expert" in err
    # Revoked before she signed her package too: her packages are refused, and the opinion.
    roster.revoke(org_copy, wu.signer, latest_package - dt.timedelta(minutes=1), "证书私钥遗失")
    code, _, err = run_verify(capsys, world_dir, org_copy, final)
    lines = err.strip().splitlines()
    assert code == 1 and any(": 吴佩珊 signed on " in line and "after the organization revoked this expert" in line for line in lines), err
    assert any(line.startswith(f"{final}: ") for line in lines)


def test_a_retired_members_statement_still_counts_and_one_no_longer_enrolled_is_refused(world_dir: Path, org_copy: Path) -> None:  # noqa: F811
    """Retiring a key (a forgotten passphrase) keeps what it signed valid (org/roster.py); a card
    removed from the roster leaves the member's statement without a certificate."""
    final = final_of(world_dir, ZZ07)
    wu = demo_signer(world_dir, "wu-peishan")
    roster.retire(org_copy, wu.fingerprint)
    assert opinion_verify.read_verified(final, org_copy, sound_reports(world_dir)).statements
    (org_copy / roster.ROSTER_DIR / f"{wu.fingerprint.replace(':', '')}.json").unlink()
    with pytest.raises(OpinionRefused, match="is not enrolled with the organization"):
        opinion_verify.read_verified(final, org_copy, None)


# --- the packages it is based on -------------------------------------------------------------------


def test_the_leaders_own_package_replaced_after_freezing_is_refused(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    """The demo opinion on ZZ-07 counts 陈志远's revision 1; he signs a revision 2 afterwards and
    hands it in with the opinion: the opinion no longer rests on his latest sheet."""
    chen = demo_signer(world_dir, "chen-zhiyuan")
    final = final_of(world_dir, ZZ07)
    opinion = opinion_verify.read_verified(final, world_dir / "org", sound_reports(world_dir))
    original = next(r for r in sound_reports(world_dir) if r.document.expert.fingerprint == chen.fingerprint and r.document.bundle.bundle_id == opinion.opinion["bundle_id"])
    assert next(p for p in opinion.opinion["packages"] if p["fingerprint"] == chen.fingerprint)["score_sha256"] == original.score_sha256
    signed_at = max(dt.datetime.fromisoformat(s.signed_at) for s in opinion.statements) + dt.timedelta(minutes=5)  # after the opinion, in the review window
    later = score_json.Revision(2, signed_at, 1, original.score_sha256, "答辩后调整")
    folder = tmp_path / "given"
    shutil.copytree(world_dir / "packages", folder)
    state = demo_review(world_dir, ZZ07, "chen-zhiyuan").state
    amended = build(world_dir, ZZ07, chen, state, revision=later, edit=lambda doc: score_json.with_changes_since(original.document, doc))
    packages.write_atomically(folder / f"{ZZ07}-chen-zhiyuan-r2.rvs", amended.data)
    code = main(["verify", str(folder), str(final), "--org", str(world_dir / "org"), "--jobs", "1", *org_passphrase_args(world_dir)])
    out = capsys.readouterr()
    assert code == 1 and "1 refused" not in out.out.split("package(s) sound")[0], out.out  # every package is sound, the opinion is not
    assert f"The group opinion {final.name} is based on a score package that is not the latest revision the organization has." in out.err


def test_two_group_opinions_for_one_application_are_refused(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    """Both signed by the whole panel, one dismissing 黄建国's veto and one confirming it: which
    ruling ranks the application must not depend on the order of the files."""
    draft = draft_for(world_dir, ZZ07, conclusion_id="recommend-after-revision")
    other = tmp_path / "opinions" / f"{ZZ07}-again{opinions.FINAL_SUFFIX}"
    other.parent.mkdir()
    other.write_bytes(opinions.assemble(draft, sign_all(world_dir, draft), certificates(world_dir)))
    sentence = f"More than one group opinion was given for {ZZ07} ({final_of(world_dir, ZZ07).name}, {other.name}); give only the one the panel signed last."
    code, _, err = run_verify(capsys, world_dir, world_dir / "org", final_of(world_dir, ZZ07), other)
    assert code == 1 and sentence in err
    code = main(["aggregate", str(world_dir / "packages"), str(final_of(world_dir, ZZ07)), str(other), "--org", str(world_dir / "org"), "--out", str(tmp_path / "out"), "--jobs", "1", *org_passphrase_args(world_dir)])
    err = capsys.readouterr().err
    assert code == 1 and sentence in err and not (tmp_path / "out" / "results.csv").exists()


# --- re-check answers --------------------------------------------------------------------------------


def answer_by(world: Path, request: recheck.Request, expert_id: str) -> bytes:
    """An answer to `request` signed by `expert_id`, naming themselves as the member (made by hand:
    the app refuses to make it)."""
    signer = demo_signer(world, expert_id)
    content = dumps({
        "format": recheck.ANSWER_FORMAT, "version": 1, "request_sha256": request.sha256, "bundle_id": request.bundle_id,
        "application_id": request.application_id, "member": signer.fingerprint, "answer": recheck.JUSTIFICATION,
        "revision": None, "score_sha256": "", "justification": "评分依据充分，维持原分。", "answered_at": "2026-01-01T16:00:00+08:00",
    })  # fmt: skip
    return recheck.pack([(recheck.ANSWER_JSON, content), (recheck.ANSWER_JSON + ".p7s", cms.sign_detached(content, signer.certificate, signer.private_key))])


def test_a_recheck_answer_from_a_member_it_was_not_addressed_to_is_refused(world_dir: Path) -> None:  # noqa: F811
    request = read(world_dir, request_file(world_dir))  # to 林晓梅
    with pytest.raises(OpinionRefused) as refused:
        recheck.read_answer(answer_by(world_dir, request, "wu-peishan"), request, "wu.recheck-answer")
    assert refused.value.message() == "The file wu.recheck-answer was signed by another panel member than the one the re-check request was addressed to."
    assert recheck.read_answer(answer_by(world_dir, request, "lin-xiaomei"), request, "lin.recheck-answer").justification


def test_a_statement_dated_outside_its_certificates_validity_is_refused(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    draft = draft_for(world_dir, ZZ03)
    wu = demo_signer(world_dir, "wu-peishan")
    before = wu.certificate.not_valid_before_utc - dt.timedelta(days=2)
    early = opinions.sign(draft, decision=opinions.AGREE, reason="", certificate=wu.certificate, private_key=wu.private_key, name="吴佩珊", now=before)
    files = [f for f in sign_all(world_dir, draft) if not f[0].startswith("wu-peishan")] + [("wu.opinion-sig", early)]
    final = tmp_path / f"{ZZ03}{opinions.FINAL_SUFFIX}"
    final.write_bytes(opinions.assemble(draft, files, certificates(world_dir)))
    with pytest.raises(OpinionRefused) as refused:
        opinion_verify.read_verified(final, world_dir / "org", None)
    assert refused.value.message().startswith(f"吴佩珊 signed the group opinion {final.name} on {before.isoformat(sep=' ', timespec='minutes')}, when the certificate was not valid")


def test_the_same_opinion_given_twice_is_one(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    copy = tmp_path / "copy.rvo"
    shutil.copy(final_of(world_dir, ZZ07), copy)
    code, out, err = run_verify(capsys, world_dir, world_dir / "org", world_dir / "opinions", final_of(world_dir, ZZ07), copy)
    assert code == 0, err
    assert "4 group opinion(s) sound, 0 refused." in out


def test_a_member_who_recused_cannot_sign_the_group_opinion(world_dir: Path) -> None:  # noqa: F811
    """周海峰 recused from GZ-2025-ZZ-03: the app does not make his signature, and one made by hand
    (signed with his own key) is refused in the assembly and in the final file."""
    draft = draft_for(world_dir, ZZ03)
    zhou = demo_signer(world_dir, "zhou-haifeng")
    assert zhou.fingerprint in opinions.read_draft(draft)["recused"]
    with pytest.raises(OpinionRefused) as refused:
        opinions.sign(draft, decision=opinions.AGREE, reason="", certificate=zhou.certificate, private_key=zhou.private_key, name="周海峰", now=NOW)
    assert refused.value.message() == "周海峰 recused from this application, so 周海峰 does not sign its group opinion."
    statement = dumps({"format": opinions.STATEMENT_FORMAT, "version": 1, "opinion_sha256": opinions.sha256(draft), "bundle_id": opinions.read_draft(draft)["bundle_id"],
                       "application_id": ZZ03, "signer": zhou.fingerprint, "name": "周海峰", "decision": "agree", "reason": "", "signed_at": NOW.isoformat()})  # fmt: skip
    signature = cms.sign_detached(statement, zhou.certificate, zhou.private_key)
    by_hand = opinions.pack([(opinions.STATEMENT_JSON, statement), (opinions.STATEMENT_SIGNATURE, signature)])
    with pytest.raises(OpinionRefused, match="recused from this application"):
        opinions.assemble(draft, [*sign_all(world_dir, draft), ("zhou.opinion-sig", by_hand)], certificates(world_dir))
    members = opinions.unpack(final_of(world_dir, ZZ03).read_bytes(), "x")
    key = f"{opinions.SIGNATURES_DIR}{opinions.member_key(zhou.fingerprint)}.json"
    with pytest.raises(OpinionRefused, match="recused from this application"):
        opinions.read_final(opinions.pack([*members, (key, statement), (key + ".p7s", signature)]), certificates(world_dir), "final.rvo")


def test_a_recheck_answered_by_an_amendment_is_drafted_only_with_that_revision_counted(world_dir: Path) -> None:  # noqa: F811
    """林晓梅 answered with her revision 2; a draft still counting her revision 1 would record the
    amendment beside scores that do not contain it."""
    from reviewer_app.org import aggregate
    from reviewer_app.org import opinion_draft as drafts
    from test_group_opinion import record_of

    record = record_of(world_dir, ZZ07)
    lin = demo_signer(world_dir, "lin-xiaomei").fingerprint
    reports = [r for r in sound_reports(world_dir) if r.document.bundle.bundle_id == record.bundle_id]
    answered = [drafts.Recheck(lin, ("D2",), "请复核 D2。", "amendment", "上调 D2", 2)]
    common = dict(leader=record.leader, conclusion_id="recommend", strengths="", weaknesses="", drafted_at=NOW, rechecks=answered,
                  veto_rulings=[drafts.VetoRuling("V5", drafts.DISMISSED, "答辩中已补充。")])  # fmt: skip
    older = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in reports if not (r.document.expert.fingerprint == lin and r.document.revision.number == 2)]
    with pytest.raises(OpinionRefused) as refused:
        drafts.build(record, older, **common)
    assert refused.value.message() == "林晓梅 answered the re-check with revision 2 of their score sheet; import that package before drafting."
    every = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in reports]
    assert drafts.build(record, every, **common)["rechecks"][0]["revision"] == 2


def test_a_statement_calling_its_signer_by_another_members_name_shows_the_signers_own(world_dir: Path) -> None:  # noqa: F811
    """林晓梅 signs with her own key but names herself 陈志远 in the statement: the opinion's PDF
    names each signer as the sealed panel does, so it shows her, not him, twice."""
    from reviewer_app.export.sheet_check import page_text

    draft = draft_for(world_dir, ZZ03)
    lin = demo_signer(world_dir, "lin-xiaomei")
    named_wrong = opinions.sign(draft, decision=opinions.DISSENT, reason="不同意。", certificate=lin.certificate, private_key=lin.private_key, name="陈志远", now=NOW)
    files = [f for f in sign_all(world_dir, draft) if not f[0].startswith("lin-xiaomei")] + [("lin.opinion-sig", named_wrong)]
    final = opinions.read_final(opinions.assemble(draft, files, certificates(world_dir)), certificates(world_dir), "final.rvo")
    text = "".join(page_text(final.pdf).split())
    assert "林晓梅不同意（持保留意见）不同意。" in text and "陈志远不同意" not in text
