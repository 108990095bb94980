"""Materials viewer: documents decrypted into memory only; pages, zoom, search, citing, refusals.

The materials are generated here, in memory: real Chinese PDFs (reportlab, CJK font embedded),
a PNG and a JPEG (Pillow), a truncated PDF and a file of a kind the viewer does not show. Each
carries a fresh marker, so the last test can look for it on disk and know it came from here.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import threading
import tomllib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from reviewer_app.assets import cjk_font
from tests.gui_helpers import type_text
from ui.materials import DocumentRef, MaterialsViewer, format_page_reference
from ui.pdf_helpers import ZOOM_STEP

SCAN_SIZE_LIMIT = 50 * 1024 * 1024
WORD_ON_PAGE_2 = "研发投入强度"
WORD_ON_PAGES_1_AND_4 = "中试基地"
NO_SUCH_WORD = "量子纠缠猫"


@dataclass(frozen=True)
class Material:
    ref: DocumentRef
    data: bytes
    secrets: tuple[bytes, ...]  # byte strings of this material that must never reach the disk


def distinctive_chunk(data: bytes) -> bytes:
    """48 bytes from the middle of the file, checked to be varied enough to occur nowhere by chance."""
    chunk = data[len(data) // 2 : len(data) // 2 + 48]
    assert len(set(chunk)) > 16
    return chunk


def chinese_pdf(marker: str, pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "CJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("CJK", str(cjk_font()), subfontIndex=0))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setTitle(marker)  # the document information is stored uncompressed: the marker is in the raw bytes
    for page in range(1, pages + 1):
        pdf.setFont("CJK", 20)
        pdf.drawString(72, 760, f"可行性研究报告 第 {page} 页")
        pdf.setFont("CJK", 12)
        for line in range(1, 25):
            pdf.drawString(72, 720 - line * 22, f"本中心围绕行业关键共性技术开展研究，第 {line} 行。")
        if page == 2:
            pdf.drawString(72, 120, f"申报单位{WORD_ON_PAGE_2}为 5.2%")
        if page in (1, 4):
            pdf.drawString(72, 150, f"建设{WORD_ON_PAGES_1_AND_4}一处")
        pdf.drawString(72, 60, marker)  # and on every page as text
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def long_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for page in range(1, pages + 1):
        pdf.drawString(72, 760, f"Annex page {page}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def photo(marker: str, kind: str) -> bytes:
    image = Image.new("RGB", (640, 420), (40, 90, 160))
    image.paste((230, 180, 40), (100, 80, 540, 340))
    image.paste(Image.frombytes("RGB", (640, 60), os.urandom(640 * 60 * 3)), (0, 360))  # like a real photo's grain
    out = io.BytesIO()
    if kind == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", marker)
        image.save(out, "PNG", pnginfo=info)
    else:
        image.save(out, "JPEG", quality=90, comment=marker.encode())
    return out.getvalue()


def material(id_: str, title: str, media_type: str, data: bytes, marker: str, declared_size: int = 0) -> Material:
    assert marker.encode() in data, "the marker must be in the raw bytes for the disk scan to mean anything"
    ref = DocumentRef(id_, title, media_type, declared_size or len(data))
    return Material(ref, data, (marker.encode(), distinctive_chunk(data)))


@pytest.fixture(scope="module")
def materials() -> dict[str, Material]:
    tag = uuid.uuid4().hex
    report = chinese_pdf(f"RV-REPORT-{tag}", pages=5)
    truncated = report[: len(report) // 3]  # a download or copy cut short
    made = [
        material("report", "可行性研究报告", "application/pdf", report, f"RV-REPORT-{tag}"),
        material("photo", "中试线现场照片", "image/png", photo(f"RV-PHOTO-{tag}", "PNG"), f"RV-PHOTO-{tag}"),
        material("scan", "营业执照扫描件", "image/jpeg", photo(f"RV-SCAN-{tag}", "JPEG"), f"RV-SCAN-{tag}"),
        material("damaged", "审计报告（损坏）", "application/pdf", truncated + f"RV-CUT-{tag}".encode(), f"RV-CUT-{tag}"),
        material("broken_image", "损坏的图片", "image/png", b"\x89PNG\r\n\x1a\n" + f"RV-IMG-{tag}".encode() + os.urandom(256), f"RV-IMG-{tag}"),
        material(
            "sheet",
            "财务明细表",
            "application/vnd.ms-excel",
            f"PK-RV-SHEET-{tag}".encode() + os.urandom(256),
            f"RV-SHEET-{tag}",
            declared_size=3_500_000,
        ),
    ]
    return {m.ref.id: m for m in made}


class Reader:
    """Stands in for the bundle: decrypts into memory, records who asked and on which thread."""

    def __init__(self, materials: dict[str, Material]) -> None:
        self._materials = materials
        self.calls: list[str] = []
        self.on_gui_thread: list[bool] = []
        self.holds: dict[str, threading.Event] = {}
        self.mutable = False

    def hold(self, document_id: str) -> threading.Event:
        self.holds[document_id] = threading.Event()
        return self.holds[document_id]

    def __call__(self, document_id: str) -> bytes | bytearray:
        self.calls.append(document_id)
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        if document_id in self.holds:
            assert self.holds[document_id].wait(10)
        data = self._materials[document_id].data
        return bytearray(data) if self.mutable else data


@pytest.fixture
def reader(materials) -> Reader:
    return Reader(materials)


@pytest.fixture
def viewer(qtbot, app_context, materials, reader) -> MaterialsViewer:
    app_context.translations.switch("en")  # the assertions read the English source text
    widget = MaterialsViewer(app_context.jobs)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.set_documents([m.ref for m in materials.values()], reader)
    yield widget
    widget.clear()


def open_and_wait(qtbot, viewer: MaterialsViewer, document_id: str) -> None:
    viewer.open_document(document_id)
    qtbot.waitUntil(lambda: not viewer.busy_bar.isVisible(), timeout=10_000)


def list_texts(viewer: MaterialsViewer) -> list[str]:
    return [viewer.document_list.item(row).text() for row in range(viewer.document_list.count())]


# -- list and opening --------------------------------------------------------------
def test_list_shows_each_document_with_kind_and_size(viewer, materials) -> None:
    texts = list_texts(viewer)
    assert len(texts) == len(materials)
    assert texts[0].startswith("可行性研究报告\nPDF · ") and texts[0].endswith(" KB")
    assert "PNG image" in texts[1] and "JPEG image" in texts[2]
    assert texts[5].endswith("Other file · 3.3 MB")
    assert viewer.document_list.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert viewer.message.text().startswith("Choose a document")
    assert viewer.current_document_id() is None and viewer.current_page() is None


def test_pdf_is_decrypted_off_the_gui_thread_behind_a_busy_bar(qtbot, viewer, reader) -> None:
    release = reader.hold("report")
    viewer.open_document("report")
    assert viewer.busy_bar.isVisible()
    assert "可行性研究报告" in viewer.busy_label.text()
    assert viewer.current_document_id() == "report" and viewer.current_page() is None
    release.set()
    qtbot.waitUntil(lambda: viewer.current_page() == 1, timeout=10_000)
    assert reader.calls == ["report"] and reader.on_gui_thread == [False]
    assert viewer.page_count() == 5
    assert viewer.page_label.text() == "Page 1 of 5"
    assert viewer.thumbnails.isVisible() and viewer.thumbnail_model.rowCount() == 5


def test_keyboard_chooses_a_document_and_enter_moves_into_it(qtbot, viewer) -> None:
    viewer.document_list.setFocus()  # the list makes its first document current, and opens it after a pause
    qtbot.waitUntil(lambda: viewer.current_page() == 1, timeout=10_000)
    assert viewer.current_document_id() == "report"
    qtbot.keyClick(viewer.document_list, Qt.Key.Key_Down)
    qtbot.keyClick(viewer.document_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: viewer.current_document_id() == "photo" and viewer.current_page() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: viewer.image_view.hasFocus())


def test_reopening_comes_from_memory_and_returns_to_the_same_page(qtbot, viewer, reader) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.go_to_page(3)
    open_and_wait(qtbot, viewer, "photo")
    viewer.open_document("report")
    assert viewer.current_page() == 3
    assert reader.calls == ["report", "photo"]


def test_a_late_result_for_a_document_left_behind_is_dropped(qtbot, viewer, reader, app_context) -> None:
    release = reader.hold("report")
    viewer.open_document("report")
    open_and_wait(qtbot, viewer, "photo")
    release.set()
    assert app_context.jobs.wait_for_all(10_000)
    qtbot.wait(50)  # let the late result arrive
    assert viewer.current_document_id() == "photo" and viewer.image_view.isVisible()
    open_and_wait(qtbot, viewer, "report")
    # The late copy was not kept: the report was read again. (The first two reads run on two
    # workers, so either may start first.)
    assert sorted(reader.calls[:2]) == ["photo", "report"] and reader.calls[2:] == ["report"]


# -- pages, thumbnails, zoom --------------------------------------------------------------
def test_pages_move_with_keys_buttons_and_thumbnails(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.pdf_view.setFocus()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert viewer.current_page() == 2 and viewer.page_label.text() == "Page 2 of 5"
    assert viewer.thumbnails.currentIndex().row() == 1
    viewer.next_page_action.trigger()
    viewer.previous_page_action.trigger()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert viewer.current_page() == 1
    bar = viewer.pdf_view.verticalScrollBar()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_PageDown)  # plain PgDn scrolls the view by a screen
    assert bar.value() > 0
    viewer.thumbnails.setCurrentIndex(viewer.thumbnail_model.index(3))
    assert viewer.current_page() == 4
    viewer.go_to_page(5)
    viewer.next_page()
    assert viewer.current_page() == 5 and viewer.page_label.text() == "Page 5 of 5"


def test_thumbnails_are_rendered_only_for_pages_in_view(qtbot, viewer, app_context) -> None:
    annex = long_pdf(60)
    viewer.set_documents([DocumentRef("annex", "附件", "application/pdf", len(annex))], lambda _id: annex)
    open_and_wait(qtbot, viewer, "annex")
    qtbot.waitUntil(lambda: 0 in viewer.thumbnail_model.rendered_pages())
    qtbot.wait(100)
    assert len(viewer.thumbnail_model.rendered_pages()) < 15
    viewer.go_to_page(60)
    qtbot.waitUntil(lambda: 59 in viewer.thumbnail_model.rendered_pages())


def test_zoom_in_out_and_fit_width(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    assert viewer.fits_width() and viewer.fit_width_action.isChecked()
    fitted = viewer.zoom_factor()
    assert viewer.zoom_label.text() == f"{round(fitted * 100)} %"
    viewer.pdf_view.setFocus()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not viewer.fits_width()
    assert viewer.zoom_factor() == pytest.approx(fitted * 1.25)
    assert not viewer.fit_width_action.isChecked()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom_factor() == pytest.approx(fitted / 1.25)
    assert viewer.current_page() == 1
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.fits_width() and viewer.zoom_factor() == pytest.approx(fitted)
    wheel(viewer.pdf_view, Qt.KeyboardModifier.ControlModifier)  # Ctrl + wheel zooms a step
    assert viewer.zoom_factor() == pytest.approx(fitted * 1.25) and viewer.zoom_label.text() == f"{round(fitted * 125)} %"
    bar = viewer.pdf_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    wheel(viewer.pdf_view, Qt.KeyboardModifier.NoModifier)  # the wheel alone scrolls
    assert viewer.zoom_factor() == pytest.approx(fitted * 1.25) and bar.value() < bar.maximum()


def wheel(view, modifiers) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


# -- search -----------------------------------------------------------------------------
def search(qtbot, viewer: MaterialsViewer, text: str) -> None:
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(viewer.search_box.hasFocus)
    type_text(qtbot, viewer.search_box, text)
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Return)


def test_search_finds_the_word_on_page_2_and_goes_there(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.pdf_view.setFocus()
    search(qtbot, viewer, WORD_ON_PAGE_2)
    qtbot.waitUntil(lambda: viewer.hit_label.text() == "Match 1 of 1")
    assert viewer.current_page() == 2
    assert viewer.pdf_view.highlight() is viewer.search_model.hit(0) and viewer.search_model.hit(0).page == 1
    assert viewer.thumbnails.currentIndex().row() == 1


def test_next_and_previous_match_walk_the_hits_and_wrap(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.pdf_view.setFocus()
    search(qtbot, viewer, WORD_ON_PAGES_1_AND_4)
    qtbot.waitUntil(lambda: viewer.hit_label.text() == "Match 1 of 2")
    assert viewer.current_page() == 1
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_F3)
    assert viewer.hit_label.text() == "Match 2 of 2" and viewer.current_page() == 4
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_F3)
    assert viewer.hit_label.text() == "Match 1 of 2" and viewer.current_page() == 1
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert viewer.hit_label.text() == "Match 2 of 2" and viewer.current_page() == 4


def test_a_word_not_in_the_document_says_no_match(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.go_to_page(3)
    viewer.pdf_view.setFocus()
    search(qtbot, viewer, NO_SUCH_WORD)
    qtbot.waitUntil(lambda: viewer.hit_label.text() == "No match")
    assert viewer.current_page() == 3


# -- citing -----------------------------------------------------------------------------
def test_cite_this_page_names_the_document_and_page(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.go_to_page(3)
    viewer.pdf_view.setFocus()
    with qtbot.waitSignal(viewer.page_reference_requested, timeout=1000) as cited:
        qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert cited.args == ["report", 3]
    assert format_page_reference("可行性研究报告", 3) == "“可行性研究报告”, page 3"


# -- images and refusals -------------------------------------------------------------------
@pytest.mark.parametrize("document_id", ["photo", "scan"])
def test_images_open_fitted_and_zoom(qtbot, viewer, document_id) -> None:
    open_and_wait(qtbot, viewer, document_id)
    assert viewer.image_view.isVisible() and not viewer.thumbnails.isVisible()
    assert viewer.current_page() == 1 and viewer.fits_width()
    assert not viewer.search_box.isEnabled()
    fitted = viewer.zoom_factor()
    viewer.zoom_in()
    assert viewer.zoom_factor() == pytest.approx(fitted * 1.25) and not viewer.fits_width()
    viewer.fit_width()
    assert viewer.zoom_factor() == pytest.approx(fitted)
    with qtbot.waitSignal(viewer.page_reference_requested) as cited:
        viewer.cite_action.trigger()
    assert cited.args == [document_id, 1]


@pytest.mark.parametrize(
    ("document_id", "kind", "text"),
    [
        ("damaged", "damaged", "This PDF is damaged and cannot be shown."),
        ("broken_image", "undecodable", "This image is damaged or in a format the app cannot read"),
        ("sheet", "unsupported", "Files of this kind (application/vnd.ms-excel) cannot be shown"),
    ],
)
def test_what_cannot_be_shown_is_refused_plainly(qtbot, viewer, reader, document_id, kind, text) -> None:
    open_and_wait(qtbot, viewer, document_id)
    assert viewer.message.isVisible() and viewer.message.property("kind") == kind
    assert viewer.message.text().startswith(text)
    assert viewer.current_document_id() == document_id and viewer.current_page() is None
    assert not viewer.cite_action.isEnabled() and not viewer.zoom_in_action.isEnabled()
    assert reader.calls == ([] if kind == "unsupported" else [document_id])  # nothing decrypted in vain


def test_a_failed_decryption_is_reported_without_a_traceback(qtbot, viewer) -> None:
    def broken(_id: str) -> bytes:
        raise ValueError("authentication tag mismatch")

    viewer.set_documents([DocumentRef("x", "申报书", "application/pdf", 10)], broken)
    open_and_wait(qtbot, viewer, "x")
    assert viewer.message.property("kind") == "failed"
    assert viewer.message.text().startswith("Something unexpected went wrong")
    assert "ValueError" not in viewer.message.text()


# -- keyboard and language --------------------------------------------------------------------
def test_every_action_has_a_shortcut_and_the_lists_take_focus(viewer) -> None:
    for action in viewer.actions():
        assert not action.shortcut().isEmpty(), action.objectName()
        # Search and go-to-page are reached from the search box and the page label (their tooltips say the key).
        assert viewer.toolbar.widgetForAction(action) is not None or action in (viewer.find_action, viewer.go_to_page_action)
    assert viewer.thumbnails.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert viewer.search_box.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert viewer.thumbnails.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection


def test_switching_language_retranslates_in_place(qtbot, viewer, app_context) -> None:
    open_and_wait(qtbot, viewer, "report")
    app_context.translations.switch("zh_CN")
    assert viewer.page_label.text()  # rebuilt in the new language, still showing the page
    assert list_texts(viewer)[0].startswith("可行性研究报告\n")


# -- confidentiality -----------------------------------------------------------------------
def test_clear_forgets_everything_and_overwrites_the_bytes(qtbot, viewer, reader, materials) -> None:
    reader.mutable = True
    handed_over: list[bytearray] = []
    viewer.set_documents([materials["report"].ref], lambda i: handed_over.append(reader(i)) or handed_over[-1])
    open_and_wait(qtbot, viewer, "report")
    assert handed_over[0] == bytearray(len(materials["report"].data))  # the mutable copy was wiped at once
    kept = viewer._memory["report"].pages._source._data  # the viewer's own copy, which pdfium reads from
    assert bytes(kept) == materials["report"].data
    viewer.clear()
    # pdfium closes the document on its own thread (the GUI never waits), then the copy is overwritten.
    qtbot.waitUntil(lambda: bytes(kept) == bytes(len(materials["report"].data)))
    assert viewer.document_list.count() == 0 and viewer.current_document_id() is None
    assert viewer.page_count() == 0 and viewer.pdf_view.document() is None


def files_containing(secrets: Iterable[bytes], roots: Iterable[Path]) -> list[str]:
    """Every regular file (≤ 50 MB) under the roots that contains one of the secrets."""
    secrets = list(secrets)
    found = []
    for root in roots:
        for folder, _subfolders, names in os.walk(root):  # symbolic links are not followed
            for name in names:
                path = os.path.join(folder, name)
                try:
                    info = os.lstat(path)
                    if not stat.S_ISREG(info.st_mode) or info.st_size > SCAN_SIZE_LIMIT:
                        continue
                    with open(path, "rb") as file:
                        content = file.read()
                except OSError:  # another user's file, or one removed while walking
                    continue
                found += [f"{path} holds {secret[:24]!r}" for secret in secrets if secret in content]
    return found


def test_no_material_reaches_the_disk(qtbot, viewer, materials, app_context, tmp_path) -> None:
    secrets = {secret for m in materials.values() for secret in m.secrets}
    control = tmp_path / "control"
    control.mkdir()
    (control / "leak.bin").write_bytes(b"..." + next(iter(secrets)) + b"...")
    assert files_containing(secrets, [control]), "the scan must find a planted copy"
    (control / "leak.bin").unlink()

    for document_id in materials:
        open_and_wait(qtbot, viewer, document_id)
        for page in range(1, viewer.page_count() + 1):
            viewer.go_to_page(page)
            qtbot.wait(30)  # pages and thumbnails render
        viewer.zoom_in()
        if viewer.pdf_view.isVisible():
            viewer.pdf_view.setFocus()
            search(qtbot, viewer, WORD_ON_PAGE_2)
            qtbot.waitUntil(lambda: viewer.hit_label.text() == "Match 1 of 1")
    viewer.clear()

    roots = [app_context.data_dir.root, Path(tempfile.gettempdir()), Path.home()]
    assert files_containing(secrets, roots) == []


def test_switching_documents_keeps_each_ones_page(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.go_to_page(3)
    open_and_wait(qtbot, viewer, "photo")
    open_and_wait(qtbot, viewer, "report")  # from memory: same document, same page
    assert viewer.stack.currentWidget() is viewer.pdf_view
    assert viewer.current_page() == 3 and viewer.page_count() == 5
    viewer.next_page()
    assert viewer.current_page() == 4 and viewer.page_label.text() == "Page 4 of 5"


# -- the page view: keys, pixels, memory, never waiting for pdfium ------------------------------
def test_home_end_and_go_to_page(qtbot, viewer) -> None:
    open_and_wait(qtbot, viewer, "report")
    viewer.pdf_view.setFocus()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_End)
    assert viewer.current_page() == 5 and viewer.page_label.text() == "Page 5 of 5"
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_Home)
    assert viewer.current_page() == 1
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(viewer.page_box.hasFocus)
    assert not viewer.page_label.isVisible() and viewer.page_box.maximum() == 5
    type_text(qtbot, viewer.page_box, "4")
    qtbot.keyClick(viewer.page_box, Qt.Key.Key_Return)
    assert viewer.current_page() == 4 and viewer.page_label.isVisible() and not viewer.page_box.isVisible()
    qtbot.waitUntil(viewer.pdf_view.hasFocus)
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(viewer.page_box.hasFocus)
    type_text(qtbot, viewer.page_box, "2")
    qtbot.keyClick(viewer.page_box, Qt.Key.Key_Escape)  # leaves without going anywhere
    assert viewer.current_page() == 4 and viewer.page_label.isVisible()


def colour_at(viewer: MaterialsViewer, page: int, x_points: float, y_points: float) -> tuple[int, int, int]:
    view = viewer.pdf_view
    rect, scale = view.page_rect(page), view.scale()
    colour = view.viewport().grab().toImage().pixelColor(round(rect.left() + x_points * scale), round(rect.top() + y_points * scale))
    return (colour.red(), colour.green(), colour.blue())


def test_pages_show_their_own_pixels_whole_and_zoomed_in_tiles(qtbot, viewer) -> None:
    from tests.test_pdf_pages import RED, close_to, squares_pdf

    squares = squares_pdf()
    viewer.set_documents([DocumentRef("squares", "色块", "application/pdf", len(squares))], lambda _id: squares)
    open_and_wait(qtbot, viewer, "squares")
    qtbot.waitUntil(lambda: close_to(colour_at(viewer, 0, 200, 200), RED), timeout=10_000)
    assert close_to(colour_at(viewer, 0, 50, 50), (255, 255, 255)) and close_to(colour_at(viewer, 0, 320, 200), (255, 255, 255))
    viewer.pdf_view.set_zoom(6.0)  # a page of about 3,800 x 5,400 pixels: drawn in tiles, only those on screen
    viewer.pdf_view.scroll_to_point(0, 110, 0.5)  # the square's top-left corner (100, 100) near the middle
    bar = viewer.pdf_view.horizontalScrollBar()
    bar.setValue(bar.value() + viewer.pdf_view.page_rect(0).left() + round(110 * viewer.pdf_view.scale()) - 200)
    qtbot.waitUntil(lambda: close_to(colour_at(viewer, 0, 110, 110), RED), timeout=10_000)
    assert close_to(colour_at(viewer, 0, 95, 110), (255, 255, 255)) and close_to(colour_at(viewer, 0, 110, 95), (255, 255, 255))
    whole_page = viewer.pdf_view.page_rect(0).width() * viewer.pdf_view.page_rect(0).height() * 4
    assert viewer.pdf_view.cached_bytes() < whole_page / 3


def test_pictures_of_pages_scrolled_past_are_let_go(qtbot, viewer, monkeypatch) -> None:
    import ui.page_view

    annex = long_pdf(60)
    viewer.set_documents([DocumentRef("annex", "附件", "application/pdf", len(annex))], lambda _id: annex)
    open_and_wait(qtbot, viewer, "annex")
    qtbot.waitUntil(lambda: 0 in viewer.pdf_view.rendered_pages())
    one_page = viewer.pdf_view.cached_bytes()
    monkeypatch.setattr(ui.page_view, "CACHE_BYTES", 4 * one_page)
    for page in range(2, 61, 3):
        viewer.go_to_page(page)
        qtbot.waitUntil(lambda page=page: page - 1 in viewer.pdf_view.rendered_pages(), timeout=10_000)
    assert viewer.pdf_view.cached_bytes() <= 4 * one_page + 3 * one_page  # the budget, or what is on screen
    assert 0 not in viewer.pdf_view.rendered_pages() and 59 in viewer.pdf_view.rendered_pages()


class StallingSource:
    """A PDF whose reads can be made to hang, as a slow disk or a huge page would hold pdfium."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.stall = threading.Event()
        self.release = threading.Event()
        self.stalled = threading.Event()

    @property
    def size(self) -> int:
        return len(self._data)

    def read_at(self, offset: int, length: int) -> bytes:
        if self.stall.is_set():
            self.stalled.set()
            assert self.release.wait(30)
        return self._data[offset : offset + length]

    def close(self) -> None:
        pass


def test_the_window_never_waits_for_pdfium(qtbot, viewer, materials, tmp_path) -> None:
    """pdfium stuck in a read (a page being drawn): paging, zooming, switching documents and
    closing them all return at once; the stuck job's picture is dropped when it ends."""
    import time

    from pdf_fixtures import make_scanned_pdf

    slow = StallingSource(make_scanned_pdf(tmp_path / "scan.pdf", 3 << 20, 30).read_bytes())
    refs = [DocumentRef("slow", "扫描件", "application/pdf", slow.size), materials["photo"].ref]
    viewer.set_documents(refs, lambda i: slow if i == "slow" else materials[i].data)
    open_and_wait(qtbot, viewer, "slow")
    try:
        slow.stall.set()
        viewer.go_to_page(20)  # page 20's picture is read when it is drawn: the read hangs
        qtbot.waitUntil(slow.stalled.is_set, timeout=10_000)
        longest = 0.0

        def timed(action) -> None:  # noqa: ANN001
            nonlocal longest
            started = time.perf_counter()
            action()
            longest = max(longest, time.perf_counter() - started)

        for action in (viewer.next_page, viewer.zoom_in, lambda: viewer.go_to_page(3)):
            timed(action)
        open_and_wait(qtbot, viewer, "photo")  # a picture: decoded on a worker, no pdfium involved
        timed(lambda: viewer.open_document("slow"))  # from memory, while its pdfium job still hangs
        assert viewer.current_page() == 3
        timed(viewer.clear)  # closing is queued for the pdfium thread
        assert longest < 0.5, f"the GUI thread waited {longest:.2f} s"  # a wait would last until released: 30 s
    finally:
        slow.stall.clear()
        slow.release.set()
    assert viewer.pdf_view.document() is None and viewer.page_count() == 0


def test_a_bundle_changed_while_reading_says_so_instead_of_showing_blank_pages(qtbot, viewer, tmp_path) -> None:
    from pdf_fixtures import make_scanned_pdf

    from reviewer_app.bundle.reader import _changed_since_check

    class ChangingSource(StallingSource):
        def read_at(self, offset: int, length: int) -> bytes:
            if self.stall.is_set():  # from now on the chunks no longer authenticate
                raise _changed_since_check("materials/scan.pdf")
            return super().read_at(offset, length)

    changing = ChangingSource(make_scanned_pdf(tmp_path / "scan.pdf", 2 << 20, 20).read_bytes())
    viewer.set_documents([DocumentRef("scan", "扫描件", "application/pdf", changing.size)], lambda _id: changing)
    open_and_wait(qtbot, viewer, "scan")
    changing.stall.set()
    viewer.go_to_page(15)
    qtbot.waitUntil(lambda: viewer.message.isVisible(), timeout=10_000)
    assert viewer.message.property("kind") == "failed" and "was changed after the bundle was checked" in viewer.message.text()
    assert "scan" not in viewer._memory  # opened again from the bundle next time, and refused there


def test_the_pdfium_thread_never_holds_a_receiver_alive(qtbot) -> None:
    """A page drawn after its view was closed: the pdfium thread holds only a weak reference to
    the receiver, so the receiver is freed on the GUI thread and the late page goes nowhere."""
    import gc
    import weakref
    from concurrent.futures import Future

    from ui.pdf_helpers import Deliveries

    freed_on: list[str] = []
    arrived: list[object] = []
    deliveries = Deliveries()
    deliveries.arrived.connect(lambda tag, _future: arrived.append(tag))
    future: Future = Future()
    deliveries.watch(future, "page 1")
    weakref.finalize(deliveries, lambda: freed_on.append(threading.current_thread().name))
    del deliveries
    gc.collect()
    assert freed_on == [threading.main_thread().name]
    drawing = threading.Thread(target=future.set_result, args=("image",))
    drawing.start()
    drawing.join()
    qtbot.wait(50)
    assert arrived == []

    alive = Deliveries()
    alive.arrived.connect(lambda tag, _future: arrived.append(tag))
    later: Future = Future()
    alive.watch(later, "page 2")
    threading.Thread(target=later.set_result, args=("image",)).start()
    qtbot.waitUntil(lambda: arrived == ["page 2"], timeout=5000)


# -- plain-text materials -------------------------------------------------------------------
NOTES = "专家须知\r\n第一条：请先阅读申报书。\r\n第二条：现场考察前核对设备清单。\r\n𠀀生僻字之后仍能找到：设备清单\r\n"


@pytest.fixture
def text_viewer(qtbot, app_context) -> tuple[MaterialsViewer, list[str]]:
    """A viewer holding the same notes saved three ways, and a document too long to show."""
    app_context.translations.switch("en")
    files = {"utf8": NOTES.encode("utf-8"), "gb18030": NOTES.encode("gb18030"), "utf16": NOTES.encode("utf-16")}
    asked: list[str] = []

    def read(document_id: str) -> bytes:
        asked.append(document_id)
        return files[document_id]

    widget = MaterialsViewer(app_context.jobs)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    refs = [DocumentRef(name, f"专家须知（{name}）", "text/plain", len(data)) for name, data in files.items()]
    refs.append(DocumentRef("huge", "日志", "text/plain", 9 * 1024 * 1024))
    widget.set_documents(refs, read)
    yield widget, asked
    widget.clear()


@pytest.mark.parametrize("document_id", ["utf8", "gb18030", "utf16"])
def test_a_text_material_is_shown_whatever_windows_saved_it_as(qtbot, text_viewer, document_id) -> None:
    viewer, _asked = text_viewer
    open_and_wait(qtbot, viewer, document_id)
    assert viewer.stack.currentWidget() is viewer.text_view and viewer.text_view.isReadOnly()
    assert viewer.text_view.toPlainText() == NOTES.replace("\r\n", "\n")
    assert "Text" in viewer.document_list.currentItem().text()
    assert viewer.current_page() == 1 and viewer.cite_action.isEnabled()
    assert not viewer.next_page_action.isEnabled() and not viewer.thumbnails.isVisible()
    size = viewer.text_view.font().pointSizeF()
    viewer.zoom_in()
    assert viewer.text_view.font().pointSizeF() > size and viewer.zoom_label.text() == f"{round(ZOOM_STEP * 100)} %"
    assert not viewer.fit_width_action.isChecked()
    viewer.fit_width()
    assert viewer.text_view.font().pointSizeF() == size and viewer.fit_width_action.isChecked()


def test_search_in_a_text_material_selects_each_match_in_turn(qtbot, text_viewer) -> None:
    viewer, _asked = text_viewer
    open_and_wait(qtbot, viewer, "gb18030")
    type_text(qtbot, viewer.search_box, "设备清单")
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Return)
    cursor = viewer.text_view.textCursor()
    assert cursor.selectedText() == "设备清单" and viewer.hit_label.text() == "Match 1 of 2"
    viewer.find_next()  # the second one follows a character outside the BMP (two places in Qt)
    assert viewer.text_view.textCursor().selectedText() == "设备清单" and viewer.hit_label.text() == "Match 2 of 2"
    viewer.find_next()
    assert viewer.hit_label.text() == "Match 1 of 2"
    viewer.search_box.clear()
    type_text(qtbot, viewer.search_box, "没有的词")
    qtbot.keyClick(viewer.search_box, Qt.Key.Key_Return)
    assert viewer.hit_label.text() == "No match"


def test_a_text_file_too_long_to_read_is_refused_without_decrypting_it(qtbot, text_viewer) -> None:
    viewer, asked = text_viewer
    open_and_wait(qtbot, viewer, "huge")
    assert viewer.message.isVisible() and viewer.message.property("kind") == "too_long"
    assert viewer.message.text() == "This text file is too long to show in the app (more than 8 MB)."
    assert asked == [] and not viewer.search_box.isEnabled()


def test_a_text_material_sealed_in_a_bundle_is_read_from_its_stream(qtbot, app_context, tmp_path) -> None:
    from bundle_fixtures import INSIDE_WINDOW, world, write_source

    from reviewer_app.bundle import open_bundle
    from reviewer_app.org import tomlwrite

    w = world()
    source = write_source(tmp_path / "source")
    (source / "materials" / "须知.txt").write_bytes(NOTES.replace("𠀀", "").encode("gbk"))
    review = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
    review["materials"].append({"id": "M09", "title": "专家须知", "file": "materials/须知.txt"})
    (source / "review.toml").write_text(tomlwrite.dumps(review), encoding="utf-8")
    opened = open_bundle(w.seal("text.rvb", source=source).path, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    material = opened.material("M09")
    assert material.media_type == "text/plain"
    viewer = MaterialsViewer(app_context.jobs)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.set_documents([DocumentRef(material.id, material.title, material.media_type, material.size)], opened.open_material)
    open_and_wait(qtbot, viewer, "M09")
    assert viewer.stack.currentWidget() is viewer.text_view, viewer.message.text()
    assert viewer.text_view.toPlainText() == NOTES.replace("𠀀", "").replace("\r\n", "\n")  # GBK, as Notepad saves it
    viewer.clear()


# -- image materials through the app's picture decoder -----------------------------------------
def _jpeg(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, **options)
    return out.getvalue()


@pytest.fixture
def image_viewer(qtbot, app_context) -> MaterialsViewer:
    """A phone photo taken upright (stored sideways, EXIF orientation 6), a 108 MP photo, and a
    PNG claiming 400 million pixels."""
    app_context.translations.switch("en")
    sideways = Image.new("RGB", (400, 300), (20, 60, 200))
    sideways.paste((230, 30, 30), (0, 0, 400, 60))  # red along the stored top edge
    exif = Image.Exif()
    exif[0x0112] = 6
    huge = io.BytesIO()
    Image.new("1", (20000, 20000)).save(huge, "PNG")
    files = {
        "upright": _jpeg(sideways, exif=exif.tobytes()),
        "108mp": _jpeg(Image.new("RGB", (12000, 9000), (90, 140, 60))),
        "bomb": huge.getvalue(),
    }
    widget = MaterialsViewer(app_context.jobs)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    kinds = {"upright": "image/jpeg", "108mp": "image/jpeg", "bomb": "image/png"}
    widget.set_documents([DocumentRef(name, name, kinds[name], len(data)) for name, data in files.items()], files.__getitem__)
    yield widget
    widget.clear()


def test_a_phone_photo_is_shown_the_right_way_up(qtbot, image_viewer) -> None:
    open_and_wait(qtbot, image_viewer, "upright")
    shown = image_viewer.image_view.image()
    assert (shown.width(), shown.height()) == (300, 400)
    red, blue = shown.pixelColor(shown.width() - 5, 200), shown.pixelColor(5, 200)  # the stored top is now on the right
    assert red.red() > 200 and red.blue() < 80 and blue.blue() > 150 and blue.red() < 80


def test_a_108_megapixel_photo_opens_reduced_instead_of_being_called_damaged(qtbot, image_viewer) -> None:
    open_and_wait(qtbot, image_viewer, "108mp")
    shown = image_viewer.image_view.image()
    assert image_viewer.stack.currentWidget() is image_viewer.image_view
    assert (shown.width(), shown.height()) == (6000, 4500)
    colour = shown.pixelColor(3000, 2000)
    assert abs(colour.red() - 90) < 8 and abs(colour.green() - 140) < 8 and abs(colour.blue() - 60) < 8


def test_an_image_claiming_too_many_pixels_is_refused_in_plain_words(qtbot, image_viewer) -> None:
    open_and_wait(qtbot, image_viewer, "bomb")
    assert image_viewer.message.property("kind") == "image_too_large"
    assert image_viewer.message.text() == "This image is too large to show in the app (400 million pixels)."
