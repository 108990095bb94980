"""After the review the expert purges a bundle (issue 14; the pledge's 删除或交回): one confirmed
command in the library deletes the bundle and everything derived from it on this computer,
including a signed review, and leaves the exported packages where they are."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from package_fixtures import demo_review, fill_review, world_dir  # noqa: F401 - fixture
from reviewer_app.services.bundles import purge_bundle
from reviewer_app.services.evidence import EvidenceStore
from reviewer_app.services import signing as revisions
from reviewer_app.org.demo_scores import signature_png
from test_export_revisions import SELF_BUILT, store, wu  # noqa: F401 - fixtures
from ui.main_window import MainWindow

OPINION_MARK = "清除测试专用意见文字"


def _rows(store, bundle_id: str) -> dict[str, int]:  # noqa: ANN001
    tables = ("bundle", "review", "score", "veto", "defense_note", "inspection", "checklist_result", "evidence", "signed_revision", "amendment")
    with store.engine.connect() as connection:
        return {t: connection.exec_driver_sql(f"SELECT COUNT(*) FROM {t} WHERE bundle_id = ?", (bundle_id,)).scalar_one() for t in tables}


def test_purge_deletes_a_signed_review_and_everything_derived_but_not_the_exported_package(world_dir: Path, wu, store, data_dir, tmp_path: Path, caplog) -> None:  # noqa: ANN001
    signer, opened = wu
    state = demo_review(world_dir, SELF_BUILT, "wu-peishan").state
    fill_review(store, opened.bundle_id, state)
    store.reviews.set_opinion(opened.bundle_id, state.opinion + OPINION_MARK)
    signed = revisions.sign_revision(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"))
    usb = tmp_path / "usb"
    usb.mkdir()
    exported = revisions.export_package(signed, usb, store=store, opened=opened, expert=signer.unlocked)
    record = store.bundle(opened.bundle_id)
    assert record is not None and (data_dir.root / record.stored_path).is_file()
    assert all(_rows(store, opened.bundle_id)[t] for t in ("bundle", "review", "score", "signed_revision"))
    assert any((data_dir.root / revisions.SIGNED_DIR / opened.bundle_id).iterdir())

    with caplog.at_level(logging.INFO, logger="reviewer_app.services.bundles"):
        purged = purge_bundle(store, data_dir, opened.bundle_id)

    assert purged.files_removed >= 2
    assert set(_rows(store, opened.bundle_id).values()) == {0}  # the signed review's triggers let the whole review go
    assert not (data_dir.root / record.stored_path).exists()
    assert not (data_dir.evidence / opened.bundle_id).exists() and not (data_dir.root / revisions.SIGNED_DIR / opened.bundle_id).exists()
    assert exported.is_file()  # what the expert handed over stays
    assert any("purged bundle" in r.getMessage() and opened.bundle_id in r.getMessage() for r in caplog.records)
    database = b"".join(p.read_bytes() for p in data_dir.root.glob("reviewer.db*") if p.is_file())
    assert OPINION_MARK.encode() not in database  # secure_delete: not left readable in free pages or the WAL
    assert store.library_entries() == [] or all(e.bundle_id != opened.bundle_id for e in store.library_entries())


def test_purge_deletes_the_inspection_photos(wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer, opened = wu
    photo = tmp_path / "site.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    EvidenceStore.for_expert(data_dir, signer.unlocked).import_file(store.inspections, opened.bundle_id, photo)
    assert _rows(store, opened.bundle_id)["evidence"] == 1 and any((data_dir.evidence / opened.bundle_id).iterdir())
    purge_bundle(store, data_dir, opened.bundle_id)
    assert _rows(store, opened.bundle_id)["evidence"] == 0 and not (data_dir.evidence / opened.bundle_id).exists()
    assert photo.is_file()  # the original on the expert's camera card is not ours to delete


def test_a_signed_review_still_cannot_be_deleted_row_by_row(world_dir: Path, wu, store, data_dir) -> None:  # noqa: ANN001
    import pytest
    import sqlalchemy

    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    revisions.sign_revision(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"))
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="signed"), store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM score WHERE bundle_id = ?", (opened.bundle_id,))


def test_purge_from_the_library_asks_first_and_cancel_keeps_everything(qtbot, world_dir: Path, wu, store, data_dir, app_context) -> None:  # noqa: ANN001
    signer, opened = wu
    app_context.store = store
    app_context.data_dir = data_dir
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.attach_store(store)
    assert window.home.model.rowCount() == 1
    window.home.table.setCurrentIndex(window.home.model.index(0, 0))

    def confirm_box() -> QMessageBox:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "purgeConfirm" and w.isVisible()]
        assert boxes
        return boxes[-1]

    qtbot.mouseClick(window.home.purge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(confirm_box()))
    box = confirm_box()
    assert opened.application.title in box.text() and box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert store.bundle(opened.bundle_id) is not None and window.home.model.rowCount() == 1

    window.home.table.setFocus()
    qtbot.keyClick(window.home.table, Qt.Key.Key_Delete)  # the keyboard way
    qtbot.waitUntil(lambda: bool(confirm_box()))
    box = confirm_box()
    delete = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    delete.click()
    qtbot.waitUntil(lambda: store.bundle(opened.bundle_id) is None and window.home.showing_empty_state(), timeout=10000)
    assert "deleted" in window.status_text.text() or "删除" in window.status_text.text()
