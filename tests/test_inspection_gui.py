"""The inspection page walked as an expert on site would: start, inspectors, mark items while
photographing them, import the phone's folder (with refusals), match by time, results, notes,
claimed vs observed, a document dropped on an item, finish; rules, summary, undo, persistence;
originals byte-identical and never on disk in clear."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from gui_helpers import type_text
from reviewer_app import trust
from reviewer_app.review import inspection_rules
from reviewer_app.services.bundles import reopen_bundle
from reviewer_app.services.evidence import EvidenceStore
from reviewer_app.review.inspection_rules import InspectionMissingKind as Kind
from reviewer_app.review.state import ConflictAnswer
from reviewer_app.store.inspections import InspectionRepository
from test_evidence import assert_no_plaintext, files_under, pdf_bytes, png_bomb, truncated_jpeg, write_photo
from ui.workspace.inspection import InspectionFiles, InspectionPage
from ui.workspace.session import WorkspaceModel

CHINA = dt.timezone(dt.timedelta(hours=8))


def at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2025, 6, 1, hour, minute, tzinfo=CHINA)


@pytest.fixture
def page(qtbot, demo_context):
    context = demo_context
    entry = context.store.library_entries()[0]
    context.store.reviews.declare(entry.bundle_id, ConflictAnswer.NONE, "", True)
    opened = reopen_bundle(context.store, context.data_dir, entry.bundle_id,
                           trust.pinned_certificates(context.data_dir.trust), context.unlocked)
    session = WorkspaceModel(opened, context.store.reviews, context.unlocked.profile.field, context.store.inspections)
    inspection = InspectionFiles(session, EvidenceStore.for_expert(context.data_dir, context.unlocked), context.jobs)
    widget = InspectionPage(inspection, context.settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget
    inspection.close()
    context.jobs.wait_for_all()


def wait_import(qtbot, page: InspectionPage) -> None:
    qtbot.waitUntil(lambda: not page.inspection.importing, timeout=30_000)


def drop_files(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def test_demo_inspection_end_to_end(qtbot, page: InspectionPage, demo_context, tmp_path) -> None:
    inspection, session = page.inspection, page.model
    checklist = session.spec.checklist
    items = checklist.items
    data_root = demo_context.data_dir.root

    # The checklist, grouped by section, as the bundle defines it.
    sections = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert sections[1:-2] == checklist.sections()
    assert page.detail.currentIndex() == 0, "an inspection not begun opens on its log"
    assert session.inspection_missing() == [], "no site visit held, nothing asked"

    # Arrival: start, inspectors, site notes.
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert session.inspection.started_at is not None and ("Started" in page.times.text() or "开始" in page.times.text())
    assert page.saved.text(), "the page shows that the change is saved"
    session.set_started(at(9, 0))
    type_text(qtbot, page.site_panel.inspectors, "张伟")
    qtbot.keyClick(page.site_panel.inspectors, Qt.Key.Key_Return)
    type_text(qtbot, page.site_panel.inspectors, "李娜")
    type_text(qtbot, page.site_panel.site_notes, "申报单位副总经理陪同考察。")
    assert session.inspection.inspectors == ("张伟", "李娜")
    assert session.inspection.site_notes == "申报单位副总经理陪同考察。"

    # An item shows its guidance, expected evidence, results from the bundle and the claims.
    k02 = checklist.item("K02")
    page.select("item", "K02")
    panel = page.item_panel
    assert page.detail.currentIndex() == 1 and k02.guidance in panel.guidance.text()
    assert "photo" in panel.facts.text() or "照片" in panel.facts.text()
    assert [b.text() for b in panel.result_buttons.values()] == list(k02.results)
    claim = session.spec.fact("rd_space")
    assert panel.findChild(type(panel.title), f"claim_{claim.key}").text() == claim.value
    qtbot.mouseClick(panel.visit_button, Qt.MouseButton.LeftButton)
    assert [v.item_id for v in session.inspection.visits] == ["K02"]
    session.undo_stack.undo()
    assert session.inspection.visits == ()

    # Walking the site: each item marked when the expert gets to it, photos taken meanwhile.
    walk = [("K02", at(9, 10)), ("K03", at(9, 25)), ("K06", at(9, 40)), ("K08", at(9, 55)), ("K09", at(10, 10))]
    for item_id, moment in walk:
        session.add_visit(item_id, moment)
    phone = tmp_path / "phone"
    phone.mkdir()
    originals = {}
    for n, (item_id, moment) in enumerate(walk):
        taken = moment + dt.timedelta(minutes=3)
        name = f"IMG_{n:04d}.JPG"
        originals[name] = (write_photo(phone / name, f"{taken:%Y:%m:%d %H:%M:%S}", offset="+08:00",
                                       colour=(50 * n, 120, 200 - 30 * n)), item_id)
    stray = write_photo(phone / "IMG_0099.JPG", "2025:06:01 08:30:00", offset="+08:00", colour=(1, 1, 1))
    (phone / "IMG_0100.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(400))
    (phone / "IMG_0101.jpg").write_bytes(truncated_jpeg())
    (phone / "IMG_0102.png").write_bytes(png_bomb())
    (phone / "IMG_0103.jpg").write_text("not a photo at all " * 30)
    progress: list[tuple[int, int]] = []
    inspection.import_progress.connect(lambda done, total: progress.append((done, total)))

    page.import_paths([phone])
    assert page.import_bar.isVisibleTo(page)
    wait_import(qtbot, page)
    assert progress and progress[-1] == (10, 10) and not page.import_bar.isVisibleTo(page)
    report = page.report.text()
    for refused in ("IMG_0100.HEIC", "IMG_0101.jpg", "IMG_0102.png", "IMG_0103.jpg"):
        assert refused in report, report
    assert len(session.inspection.evidence) == 6 and len(session.inspection.unassigned()) == 6
    assert len(files_under(demo_context.data_dir.evidence)) == 6 * 3, "refused files left nothing behind"

    # Match by time: each photo lands on the item being inspected when it was taken.
    page.select("unassigned")
    assert page.unassigned_panel.evidence.count() == 6
    qtbot.mouseClick(page.unassigned_panel.match_button, Qt.MouseButton.LeftButton)
    for name, (_, item_id) in originals.items():
        placed = next(e for e in session.inspection.evidence if e.file_name == name)
        assert placed.item_id == item_id, name
    assert [e.file_name for e in session.inspection.unassigned()] == ["IMG_0099.JPG"], "taken before the start"
    assert "5" in page.unassigned_panel.result.text()
    session.undo_stack.undo()
    assert len(session.inspection.unassigned()) == 6, "matching is one undo step"
    session.undo_stack.redo()
    assert len(session.inspection.unassigned()) == 1
    # The stray photo placed by hand, then removed after confirming.
    page.unassigned_panel.evidence.item(0).setSelected(True)
    page.unassigned_panel.assign_bar.target.setCurrentIndex(
        page.unassigned_panel.assign_bar.target.findData("K01"))
    qtbot.mouseClick(page.unassigned_panel.assign_bar.move_button, Qt.MouseButton.LeftButton)
    stray_entry = next(e for e in session.inspection.evidence if e.file_name == "IMG_0099.JPG")
    assert stray_entry.item_id == "K01"
    page.select("item", "K01")
    assert panel.evidence.count() == 1
    panel.evidence.item(0).setSelected(True)
    asked = []
    original_question = QMessageBox.question
    QMessageBox.question = lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    try:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    finally:
        QMessageBox.question = original_question  # type: ignore[method-assign]
    assert asked and session.inspection.evidence_by_id(stray_entry.id) is None
    assert len(files_under(demo_context.data_dir.evidence)) == 5 * 3

    # A document dropped on an item.
    lease = tmp_path / "租赁合同.pdf"
    lease.write_bytes(pdf_bytes("lease"))
    page.select("item", "K02")
    drop_files(panel.evidence, [lease])
    wait_import(qtbot, page)
    assert {e.kind for e in session.inspection.evidence_for("K02")} == {"photo", "document"}
    assert panel.evidence.count() == 2

    # Results: every item, with notes where the bundle asks for them.
    for item in items:
        page.select("item", item.id)
        qtbot.mouseClick(panel.result_buttons[item.results[0]], Qt.MouseButton.LeftButton)
        assert session.inspection.result(item.id).result == item.results[0]
    page.select("item", "K03")
    qtbot.keyClick(panel.note, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Alt+3: the third result
    assert session.inspection.result("K03").result == "不符合"
    assert any(m.kind == Kind.NOTE and m.target == "K03" for m in session.inspection_missing())
    assert "⚠" in panel.note_rule.text()
    assert page.items["item:K03"].foreground(1).color().name() == "#c0392b"
    type_text(qtbot, panel.note, "抽查 5 台设备，2 台未见实物。")
    assert session.inspection.result("K03").note == "抽查 5 台设备，2 台未见实物。"
    assert "⚠" not in panel.note_rule.text() and not any(m.target == "K03" for m in session.inspection_missing())
    page.select("item", "K07")
    qtbot.mouseClick(panel.result_buttons["部分符合"], Qt.MouseButton.LeftButton)
    assert any(m.kind == Kind.NOTE and m.target == "K07" for m in session.inspection_missing())
    type_text(qtbot, panel.note, "合作协议 14 份，2 家未签署。")
    page.select("item", "K12")
    qtbot.mouseClick(panel.result_buttons["不适用"], Qt.MouseButton.LeftButton)
    assert not any(m.target == "K12" for m in session.inspection_missing()), "不适用 needs no note in the demo bundle"

    # Claimed vs observed: a discrepancy must say what was seen.
    page.select("item", "K02")
    panel.discrepancy.setChecked(True)
    assert any(m.kind == Kind.OBSERVED and m.target == "K02" for m in session.inspection_missing())
    assert panel.observed_rule.isVisibleTo(panel)
    type_text(qtbot, panel.observed, "实测约 2.1 万平方米")
    assert session.inspection.result("K02").observed == "实测约 2.1 万平方米"
    assert session.inspection.result("K02").discrepancy
    assert page.items["item:K02"].text(0).startswith("≠")

    # Finish; nothing missing; the summary says what happened.
    assert [m.kind for m in session.inspection_missing()] == [Kind.FINISHED]
    page.select("site")
    qtbot.mouseClick(page.site_panel.finish_now, Qt.MouseButton.LeftButton)
    assert session.inspection_missing() == []
    session.undo_stack.undo()
    assert [m.kind for m in session.inspection_missing()] == [Kind.FINISHED]
    session.undo_stack.redo()
    assert session.inspection_missing() == [] and session.inspection.finished_at is not None
    page.select("summary")
    summary = inspection_rules.summary(session.spec, session.inspection)
    assert summary.counts == {"符合": 9, "部分符合": 1, "不符合": 1, "不适用": 1}
    assert [d.item.id for d in summary.discrepancies] == ["K02"]
    text = page.summary_panel.browser.toPlainText()
    assert "实测约 2.1 万平方米" in text and claim.value in text
    for item in summary.without_evidence:
        assert item.title in text
    page.summary_panel.browser.anchorClicked.emit(QUrl("item:K05"))
    assert page.current_item_id() == "K05"

    # Saved for good: a fresh repository reads it all back.
    stored = InspectionRepository(demo_context.store.engine).load(session.bundle_id)
    assert stored == session.inspection
    assert stored.result("K03").note == "抽查 5 台设备，2 台未见实物。" and stored.inspectors == ("张伟", "李娜")

    # Originals byte-identical, digests recorded, nothing in clear under the data dir.
    store = inspection.evidence_store
    for name, (data, _item) in originals.items():
        entry = next(e for e in stored.evidence if e.file_name == name)
        assert entry.sha256 == hashlib.sha256(data).hexdigest()
        assert store.read_original(session.bundle_id, entry) == data
    document = next(e for e in stored.evidence if e.kind == "document")
    assert store.read_original(session.bundle_id, document) == pdf_bytes("lease")
    displays = [store.read_display(session.bundle_id, e) for e in stored.evidence if e.kind == "photo"]
    assert_no_plaintext(data_root, *(data for data, _ in originals.values()), stray, *displays)


def test_import_can_be_cancelled_and_damaged_single_files_are_refused(qtbot, page: InspectionPage, tmp_path) -> None:
    session = page.model
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        write_photo(folder / f"P{n:03d}.jpg", f"2025:06:01 10:{n:02d}:00", size=(320, 240), colour=(n * 6, 10, 10))
    page.import_paths([folder])
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    wait_import(qtbot, page)
    assert "cancel" in page.report.text().lower() or "取消" in page.report.text()
    kept = len(session.inspection.evidence)
    assert kept < 40

    page.select("item", "K01")
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(truncated_jpeg())
    page.import_paths([bad], "K01")
    wait_import(qtbot, page)
    assert "broken.jpg" in page.report.text() and len(session.inspection.evidence) == kept
    assert session.inspection.evidence_for("K01") == []


def test_items_of_another_field_are_optional(qtbot, page: InspectionPage) -> None:
    """Starting the inspection makes compulsory only the items the bundle assigns to the expert's
    field (or to no field); the finance items are optional for the technical expert, and say so."""
    model = page.model
    checklist = model.spec.checklist
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    others = [item for item in checklist.items if not model.checklist_item_is_mine(item)]
    assert [item.id for item in others] == ["K10", "K11", "K12"]
    for item in checklist.items:
        if item not in others:
            model.set_result(item.id, item.results[0])
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert model.inspection_missing() == [], "nothing of another field's is asked for"
    page.select("item", "K10")
    assert "optional" in page.item_panel.facts.text() or "选填" in page.item_panel.facts.text()
    assert page.items["item:K10"].foreground(0).color().name() != page.items["item:K01"].foreground(0).color().name()


@pytest.mark.skipif(not hasattr(__import__("time"), "tzset"), reason="the laptop's zone is switched with time.tzset (POSIX)")
def test_inspection_times_are_shown_and_typed_in_the_reviews_zone(qtbot, page: InspectionPage, monkeypatch) -> None:
    """A laptop whose clock runs in New York time still shows and takes Beijing time, named as such."""
    import time

    assert page.model.zone is not None and page.model.zone.utcoffset(None) == dt.timedelta(hours=8)
    monkeypatch.setenv("TZ", "EST+5")
    time.tzset()
    try:
        page.select("site")
        site = page.site_panel
        site.retranslate()
        assert all("UTC+8" in label.text() for label in site.zone_labels)
        site.started.setFocus()
        site.started.setDateTime(site.started.dateTime().fromString("2025-06-01 09:30", "yyyy-MM-dd HH:mm"))
        site.started.editingFinished.emit()
        assert page.model.inspection.started_at == at(9, 30)
        site.started.clearFocus()
        site.refresh()
        assert site.started.dateTime().toString("yyyy-MM-dd HH:mm") == "2025-06-01 09:30"
        assert "09:30" in page.times.text() and "UTC+8" in page.times.text()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    site.retranslate()
    here_is_beijing = dt.datetime.now().astimezone().utcoffset() == dt.timedelta(hours=8)
    assert all(bool(label.text()) != here_is_beijing for label in site.zone_labels)


def test_evidence_and_signature_image_dialogs_start_on_the_stick_then_where_they_were(
    qtbot, page: InspectionPage, demo_context, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui import folders
    from ui.workspace.signing import SigningPage

    stick = tmp_path / "KINGSTON"
    (stick / "photos").mkdir(parents=True)
    monkeypatch.setattr(folders, "removable_drives", lambda: [stick])
    signing = SigningPage(page.model, page.inspection, demo_context)
    qtbot.addWidget(signing)
    starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda _p, _t, start, *a, **k: (starts.append(start), ([str(stick / "photos" / "none.jpg")], ""))[1])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda _p, _t, start, *a, **k: (starts.append(start), "")[1])
    monkeypatch.setattr(page, "import_paths", lambda paths, item_id=None: None)
    page.add_files()
    page.import_folder()
    assert starts == [str(stick), str(stick / "photos")]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _p, _t, start, *a, **k: (starts.append(start), ("", ""))[1])
    signing.load_signature_image()
    assert starts[-1] == str(stick), "the signature image starts on the stick, not in the photos' folder"
