"""The GUI's signing core: sign only a complete review, lock it, amend with a reason (revision
n+1 naming n), keep every revision (append-only), export any of them, sign a recusal."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
from pathlib import Path

import pytest
import sqlalchemy

from package_fixtures import demo_review, demo_signer, fill_review, opened_bundle, world_dir  # noqa: F401 - fixture
from reviewer_app.export import package as packages
from reviewer_app.rubric import format_score
from reviewer_app.export import score_json
from reviewer_app.services import signing as revisions
from reviewer_app.export.errors import PackageRefused, SignRefused
from reviewer_app.org.demo_scores import signature_png
from reviewer_app.org.verify_packages import Organization, verify_one
from reviewer_app.services.bundles import import_bundle
from reviewer_app.review.state import ConflictAnswer
from reviewer_app.store.database import open_store

SELF_BUILT = "GZ-2025-ZZ-07"
ALLIANCE = "GZ-2025-ZZ-03"


@pytest.fixture
def store(data_dir):  # noqa: ANN001, ANN201
    store = open_store(data_dir.database)
    yield store
    store.close()


def pdftotext(path: Path) -> str:
    """The PDF's text, CJK spacing and line breaks dropped (pdftotext inserts both freely)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    return text.replace(" ", "").replace("\n", "")


@pytest.fixture
def wu(world_dir: Path, store, data_dir):  # noqa: ANN001, ANN201
    signer = demo_signer(world_dir, "wu-peishan")
    opened = opened_bundle(world_dir, SELF_BUILT)
    import_bundle(store, data_dir, opened, signer.unlocked)
    return signer, opened


def test_signing_needs_a_complete_review(wu, store, data_dir) -> None:  # noqa: ANN001
    signer, opened = wu
    with pytest.raises(SignRefused, match="conflict-of-interest declaration"):
        revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    store.reviews.declare(opened.bundle_id, ConflictAnswer.NONE, "", True)
    with pytest.raises(SignRefused, match=r"not complete yet \(\d+ item\(s\) left\), starting with: Score “行业地位与竞争优势”"):
        revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    assert revisions.revisions(store, opened.bundle_id) == []
    assert not revisions.is_locked(store, opened.bundle_id)


def test_sign_lock_amend_and_export(world_dir: Path, wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer, opened = wu
    state = demo_review(world_dir, SELF_BUILT, "wu-peishan").state
    fill_review(store, opened.bundle_id, state)
    preview = revisions.preview_pdf(store, opened, signer.unlocked, handwritten_png=signature_png("吴佩珊"))
    assert preview.startswith(b"%PDF") and b"/ByteRange" not in preview

    first = revisions.sign_revision(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"))
    assert first.revision == 1 and first.kind == "score" and first.pdf.startswith(b"%PDF")
    assert revisions.is_locked(store, opened.bundle_id)
    assert store.bundle(opened.bundle_id).status == "signed"
    with pytest.raises(SignRefused, match="already signed"):
        revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)

    usb = tmp_path / "usb"
    usb.mkdir()
    exported = revisions.export_package(first, usb, store=store)
    assert exported.name == first.file_name and hashlib.sha256(exported.read_bytes()).hexdigest() == first.package_sha256
    assert store.bundle(opened.bundle_id).status == "exported"
    assert verify_one(exported, Organization(world_dir / "org")).ok
    assert revisions.export_package(first, usb) == exported  # the same file again: nothing to do

    with pytest.raises(SignRefused, match="reason"):
        revisions.start_amendment(store, opened.bundle_id, "   ")
    revisions.start_amendment(store, opened.bundle_id, "复核经费预算后调整 E2 评分")
    assert not revisions.is_locked(store, opened.bundle_id)
    assert revisions.open_amendment(store, opened.bundle_id) == "复核经费预算后调整 E2 评分"
    store.reviews.set_score(opened.bundle_id, "E2", 2.5)
    store.reviews.set_comment(opened.bundle_id, "E2", "研发投入预算依据不足，与研发计划匹配度不高。")
    old_e2 = state.score("E2")
    second = revisions.sign_revision(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"))
    assert second.revision == 2
    # Every changed value, old → new, in the signed score.json and on the sheet under the reason.
    changes = {(c.item, c.field): (c.old, c.new) for c in second.document.revision.changes}
    assert changes == {("E2", "score"): (format_score(old_e2.value), "2.5"),
                       ("E2", "comment"): (old_e2.comment.strip(), "研发投入预算依据不足，与研发计划匹配度不高。")}
    assert json.loads(second.package.score_json)["revision"]["changes"][0] == {"item": "E2", "field": "score", "old": format_score(old_e2.value), "new": "2.5"}
    sheet = tmp_path / "r2.pdf"
    sheet.write_bytes(second.pdf)
    first_page = pdftotext(sheet).split("\f")[0]
    assert "修订内容（与第1版相比）" in first_page and "复核经费预算后调整E2评分" in first_page
    assert f"得分{format_score(old_e2.value)}2.5" in first_page and "原值（第1版）" in first_page
    assert second.document.revision.amends_number == 1 and second.document.revision.amends_sha256 == first.score_sha256
    assert second.document.revision.reason == "复核经费预算后调整 E2 评分"
    assert revisions.is_locked(store, opened.bundle_id) and revisions.open_amendment(store, opened.bundle_id) is None

    rows = revisions.revisions(store, opened.bundle_id)
    assert [(r.revision, r.kind, r.reason) for r in rows] == [(1, "score", ""), (2, "score", "复核经费预算后调整 E2 评分")]
    assert rows[0].exported_to == (str(exported),)
    again = revisions.export_revision(store, data_dir, signer.unlocked, opened.bundle_id, 2, usb)
    assert again.name.endswith("-r2.rvs") and verify_one(again, Organization(world_dir / "org")).ok
    assert revisions.revision_pdf(store, data_dir, signer.unlocked, opened.bundle_id, 1) == first.pdf
    stored = list((Path(data_dir.root) / revisions.SIGNED_DIR / opened.bundle_id).glob("*.rvs.age"))
    assert len(stored) == 2 and all(b"score.json" not in p.read_bytes() for p in stored), "kept encrypted"


def test_signed_revisions_cannot_be_changed_or_deleted(world_dir: Path, wu, store, data_dir) -> None:  # noqa: ANN001
    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    with store.engine.begin() as connection:
        with pytest.raises(sqlalchemy.exc.DatabaseError, match="cannot be changed"):
            connection.exec_driver_sql("UPDATE signed_revision SET score_json = '{}'")
    with store.engine.begin() as connection:
        with pytest.raises(sqlalchemy.exc.DatabaseError, match="cannot be deleted"):
            connection.exec_driver_sql("DELETE FROM signed_revision")
    assert len(revisions.revisions(store, opened.bundle_id)) == 1


def test_a_tampered_stored_revision_is_refused(world_dir: Path, wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    row = revisions.revisions(store, opened.bundle_id)[0]
    path = Path(data_dir.root) / row.package_file
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(SignRefused, match="cannot be opened with your key|changed on disk"):
        revisions.export_revision(store, data_dir, signer.unlocked, opened.bundle_id, 1, tmp_path)


def test_export_never_overwrites_another_file(world_dir: Path, wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    signed = revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    (tmp_path / signed.file_name).write_bytes(b"someone else's file")
    with pytest.raises(PackageRefused, match="already in"):
        revisions.export_package(signed, tmp_path)
    assert (tmp_path / signed.file_name).read_bytes() == b"someone else's file"
    with pytest.raises(PackageRefused, match="does not exist"):
        revisions.export_package(signed, tmp_path / "no-such-stick")


def test_recusal(world_dir: Path, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer = demo_signer(world_dir, "zhou-haifeng")
    opened = opened_bundle(world_dir, ALLIANCE)
    import_bundle(store, data_dir, opened, signer.unlocked)
    with pytest.raises(SignRefused, match="Declare the conflict"):
        revisions.sign_recusal(store, data_dir, opened, signer.unlocked, None)
    store.reviews.declare(opened.bundle_id, ConflictAnswer.DECLARED, "本人所在单位为该中心运营公司股东。", False)
    with pytest.raises(SignRefused, match="sign the recusal instead"):
        revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    signed = revisions.sign_recusal(store, data_dir, opened, signer.unlocked, signature_png("周海峰"))
    assert signed.kind == score_json.KIND_RECUSAL and signed.file_name.startswith("recusal-")
    assert revisions.is_locked(store, opened.bundle_id) and store.bundle(opened.bundle_id).status == "recused"
    with pytest.raises(SignRefused, match="recusal cannot be amended"):
        revisions.start_amendment(store, opened.bundle_id, "搞错了")
    path = revisions.export_package(signed, tmp_path, store=store)
    report = verify_one(path, Organization(world_dir / "org"))
    assert report.ok and report.document is not None and report.document.is_recusal
    assert packages.read_package(path, [signer.certificate]).document.declarations.conflict_reason == "本人所在单位为该中心运营公司股东。"


def test_a_draft_preview_at_any_time(wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    """Incomplete or not, the draft shows the sheet as it stands, marked 草稿, with what is missing."""
    signer, opened = wu
    store.reviews.declare(opened.bundle_id, ConflictAnswer.NONE, "", True)
    store.reviews.set_score(opened.bundle_id, "E2", 2.5)
    missing = ["Score “经费筹措与资金匹配” (E1)", "Write the overall opinion"]
    pdf = revisions.preview_pdf(store, opened, signer.unlocked, missing=missing)
    path = tmp_path / "draft.pdf"
    path.write_bytes(pdf)
    pages = pdftotext(path).split("\f")
    assert "草稿：本表未签名，仅供核对，不可提交。" in pages[0] and "尚待完成2项" in pages[0]
    assert "Score“经费筹措与资金匹配”(E1)" in pages[0] and "Writetheoverallopinion" in pages[0]
    assert "未评分" in "".join(pages) and "第1版（草稿，尚未签署）" in pages[0]
    assert "包指纹SHA-256(score.json)在签署时生成" in pages[0]
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    assert "does not contain any signatures" in report.stdout + report.stderr
    assert revisions.revisions(store, opened.bundle_id) == [] and not revisions.is_locked(store, opened.bundle_id)
    with pytest.raises(SignRefused, match="not complete yet"):
        revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)


def test_the_changes_of_an_amendment_can_be_checked_against_the_revision_it_amends(world_dir: Path, wu, store, data_dir) -> None:  # noqa: ANN001
    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    first = revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    revisions.start_amendment(store, opened.bundle_id, "否决项复核")
    store.reviews.set_veto(opened.bundle_id, "V3", True, "经查询，申报主体被列入联合惩戒名单。")
    store.reviews.set_opinion(opened.bundle_id, store.reviews.load(opened.bundle_id).opinion + "（复核后补充）")
    second = revisions.sign_revision(store, data_dir, opened, signer.unlocked, None)
    fields = [(c.item, c.field, c.old, c.new) for c in second.document.revision.changes]
    assert fields[:2] == [("V3", "veto_raised", "false", "true"), ("V3", "veto_reason", "", "经查询，申报主体被列入联合惩戒名单。")]
    assert [f[1] for f in fields[2:]] == ["opinion"]
    score_json.check_changes(first.document, second.document)
    forged = dataclasses.replace(second.document, revision=dataclasses.replace(second.document.revision, changes=second.document.revision.changes[:1]))
    with pytest.raises(PackageRefused, match="does not list correctly what it changed against revision 1"):
        score_json.check_changes(first.document, forged)
    # A recusal signed as the next revision replaces the sheet as a whole: it lists no changes.
    score_json.check_changes(first.document, dataclasses.replace(forged, kind=score_json.KIND_RECUSAL))


def test_sign_and_export_gathers_the_inspection_and_its_original_files(world_dir: Path, wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    """The signing tab's one call: the service loads the inspection and reads the originals itself."""
    import io

    from PIL import Image

    from reviewer_app.services.evidence import EvidenceStore, prepare_bytes

    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    items = opened.spec.checklist.items
    assert items, "the demo bundle carries a checklist"
    inspections = store.inspections
    inspections.start(opened.bundle_id)
    for item in items:
        inspections.set_result(opened.bundle_id, item.id, item.results[0])
        inspections.set_note(opened.bundle_id, item.id, "核对原件")
    inspections.finish(opened.bundle_id)
    inspections.set_inspectors(opened.bundle_id, ["吴佩珊"])
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    evidence = EvidenceStore(data_dir.evidence, signer.unlocked.age_recipient, signer.unlocked.age_identity)
    photo = evidence.add(inspections, opened.bundle_id, prepare_bytes("现场.jpg", buffer.getvalue()), item_id=items[0].id)

    stick = tmp_path / "stick"
    stick.mkdir()
    path = revisions.sign_and_export(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"), stick)
    assert path.parent == stick and store.bundle(opened.bundle_id).status == "exported"
    import pyrage

    assert path.read_bytes().startswith(b"age-encryption.org/v1\n")  # confidential: for the organization and the panel
    verified = packages.read_package(pyrage.decrypt(path.read_bytes(), [signer.unlocked.age_identity]), [signer.certificate])
    assert verified.document.inspection is not None
    assert [a.sha256 for a in verified.document.attachments] == [photo.sha256] == [hashlib.sha256(buffer.getvalue()).hexdigest()]


def test_sign_and_export_signs_the_recusal_when_a_conflict_was_declared(world_dir: Path, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer = demo_signer(world_dir, "zhou-haifeng")
    opened = opened_bundle(world_dir, ALLIANCE)
    import_bundle(store, data_dir, opened, signer.unlocked)
    store.reviews.declare(opened.bundle_id, ConflictAnswer.DECLARED, "本人所在单位为该中心运营公司股东。", False)
    path = revisions.sign_and_export(store, data_dir, opened, signer.unlocked, signature_png("周海峰"), tmp_path)
    assert path.name.startswith("recusal-") and store.bundle(opened.bundle_id).status == "recused"
