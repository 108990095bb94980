"""Materials viewer: the application's documents, decrypted on demand and shown page by page.

Confidentiality (DESIGN §6): the plaintext lives only in memory owned by this viewer. A PDF
from a bundle is read by pdfium (reviewer_app.bundle.pdf_pages) straight from the bundle's
MaterialStream, which decrypts only the 64 KiB chunks pdfium asks for, so a 1 GiB scan needs
a few MiB plus the pages on screen; a PDF handed over as bytes is read from a copy that is
overwritten when it is closed; images are decoded from memory by the app's one picture decoder
(reviewer_app.pictures: upright, bounded memory), text files decoded as Windows saves them.
Nothing here writes anywhere.

Nothing slow runs on the GUI thread: the document is opened on a worker, and every pdfium call
(opening, drawing pages and thumbnails, searching, closing) runs on the one pdfium thread, in
short jobs; the GUI thread only lays out and paints what has arrived.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import pictures, textfiles
from reviewer_app.bundle.pdf_pages import PdfPages, PdfRefused, RandomAccessSource, open_pdf, warm_up
from ui.jobs import Job, JobContext, JobRunner
from ui.messages import translated
from ui.page_view import PageView
from ui.pdf_helpers import THUMBNAIL_BOX, ZOOM_STEP, ImageView, PdfSearch, ThumbnailModel
from ui.text_view import TextView

PDF_TYPE = "application/pdf"
IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})
TEXT_TYPE = "text/plain"
SHOWN_TYPES = IMAGE_TYPES | {PDF_TYPE, TEXT_TYPE}
# An image material is shown upright, reduced to fit this many pixels on its longer side: an A4
# scan at 400 dpi keeps every pixel; a 108 MP phone photo (beyond Qt's own 256 MB image limit)
# still opens, in ~100 MB.
IMAGE_SIDE = 6000
# Recently opened documents stay open, so flipping between them is instant. A streamed one
# costs a few MiB (its pages' pictures are dropped when it leaves the screen); a PDF handed
# over as bytes, or a decoded image, costs its size: those count against the budget.
MEMORY_BUDGET = 256 * 1024 * 1024
KEPT_DOCUMENTS = 4
SELECTION_DELAY_MS = 200  # arrowing through the list opens only the document the expert stops on
SEARCH_DELAY_MS = 350
HIT_POSITION = 0.33  # a search hit is shown a third of the way down, with context above it


@dataclass(frozen=True)
class DocumentRef:
    id: str
    title: str
    media_type: str
    size: int  # bytes, as stored in the bundle


def format_page_reference(title: str, page: int) -> str:
    """The reference the scoring screen attaches to a comment, e.g. 《可行性研究报告》第 3 页."""
    # The context is spelled out: pyside6-lupdate reads string literals only.
    text = QCoreApplication.translate("MaterialsViewer", "“{title}”, page {page}")
    return text.format(title=title, page=page)


# set_documents() takes a function giving, for a document id, its bytes or a random-access source.
Opener = Callable[[str], "bytes | bytearray | RandomAccessSource"]


@dataclass
class _Opened:
    """A document ready to show: an open PDF (pages), a decoded image or text, or why it cannot be shown."""

    document_id: str
    image: QImage = field(default_factory=QImage)  # null for PDFs
    pages: PdfPages | None = None
    text: str | None = None  # a plain-text document
    refused: str = ""  # "damaged" | "password" | "too_long" | "image_too_large" | "failed" (then `problem` says why)
    problem: str = ""
    held_bytes: int = 0  # plaintext kept in memory for pdfium (a PDF handed over as bytes)

    def size(self) -> int:
        return self.held_bytes + self.image.sizeInBytes() + 2 * len(self.text or "")

    def is_pdf(self) -> bool:
        return self.pages is not None

    def wipe(self) -> None:
        if self.pages is not None:
            self.pages.close()  # on the pdfium thread: the GUI never waits for a render to end
            self.pages = None
        self.image = QImage()
        self.text = None


def _load(_context: JobContext, open_document: Opener, ref: DocumentRef) -> _Opened:
    """Runs on a worker thread: decryption, image decoding and opening the PDF never freeze the GUI."""
    if ref.media_type == TEXT_TYPE and ref.size > textfiles.MAX_SHOWN_BYTES:
        return _Opened(ref.id, refused="too_long")
    source = open_document(ref.id)
    if ref.media_type in IMAGE_TYPES:
        return _decoded_image(ref.id, _whole(source))
    if ref.media_type == TEXT_TYPE:
        return _Opened(ref.id, text=textfiles.decode(_whole(source)))
    held = len(source) if isinstance(source, (bytes, bytearray)) else 0
    try:
        pages = open_pdf(source).result()
    except PdfRefused as refusal:
        problem = translated(refusal.problem) if refusal.problem is not None else ""
        return _Opened(ref.id, refused="failed" if problem else refusal.kind, problem=problem)
    return _Opened(ref.id, pages=pages, held_bytes=held)


def _decoded_image(document_id: str, data: bytes) -> _Opened:
    """Decoded by the app's one picture decoder (bounded memory, EXIF orientation, every colour
    mode a scanner writes); a null image when it cannot be read."""
    try:
        picture = pictures.decode(data, IMAGE_SIDE).image
    except pictures.PictureRefused as refusal:
        if refusal.kind in (pictures.PictureRefused.TOO_LARGE, pictures.PictureRefused.BOMB):
            return _Opened(document_id, refused="image_too_large", problem=str(refusal.megapixels))
        return _Opened(document_id)
    image = QImage(picture.tobytes(), picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888)
    return _Opened(document_id, image=image.copy())  # the copy owns its pixels; the bytes go


def _whole(source: bytes | bytearray | RandomAccessSource) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        try:
            return bytes(source)
        finally:
            _wipe(source)
    try:
        return source.read_at(0, source.size)
    finally:
        source.close()


def _wipe(data: bytes | bytearray) -> None:
    if isinstance(data, bytearray):  # a caller that hands over a mutable buffer gets it wiped
        data[:] = bytes(len(data))


class MaterialsViewer(QWidget):
    """Document list, page thumbnails and the document itself, with zoom, search and citing."""

    page_reference_requested = Signal(str, int)  # document id, page number (1-based)

    def __init__(self, jobs: JobRunner) -> None:
        super().__init__()
        self.setObjectName("materialsViewer")
        self._jobs = jobs
        self._read: Opener | None = None
        self._documents: dict[str, DocumentRef] = {}
        self._memory: OrderedDict[str, _Opened] = OrderedDict()
        self._pages: PdfPages | None = None  # the PDF on screen
        self._last_page: dict[str, int] = {}
        self._opened: DocumentRef | None = None
        self._job: Job | None = None
        self._shown = "message"  # message | busy | pdf | image
        self._message: tuple[str, str] = ("choose", "")
        self._hit = -1
        self._step_when_found = 0
        self._syncing_thumbnails = False
        self._build_pdf_engine()
        self._build_widgets()
        self._build_actions()
        self._build_layout()
        self._connect_signals()
        self.retranslate()
        self._show_message("choose")

    # -- construction -------------------------------------------------------
    def _build_pdf_engine(self) -> None:
        self.search_model = PdfSearch(self)
        self.thumbnail_model = ThumbnailModel(self)

    def _build_widgets(self) -> None:
        self.document_list = QListWidget()
        self.document_list.setObjectName("materialsList")
        self.document_list.setWordWrap(True)
        self.document_list.setMinimumWidth(180)
        self.document_list.setSpacing(3)
        self.thumbnails = self._make_thumbnail_list()
        self.pdf_view = PageView()
        self.image_view = ImageView()
        self.text_view = TextView()
        self.message = QLabel()
        self.message.setObjectName("materialsMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("materialsBusy")
        self.busy_bar.setRange(0, 0)  # decryption reports no progress: an indeterminate bar
        self.page_label = QLabel()
        self.page_label.setObjectName("materialsPageLabel")
        self.page_box = QSpinBox()  # shown by "Go to page" in place of the label
        self.page_box.setObjectName("materialsPageBox")
        self.page_box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setKeyboardTracking(False)
        self.page_place = QStackedWidget()  # one place in the toolbar: the label, or the box
        self.page_place.addWidget(self.page_label)
        self.page_place.addWidget(self.page_box)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("materialsZoomLabel")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("materialsSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(220)
        self.hit_label = QLabel()
        self.hit_label.setObjectName("materialsHitLabel")
        self._selection_timer = self._single_shot(SELECTION_DELAY_MS, self._open_selected)
        self._search_timer = self._single_shot(SEARCH_DELAY_MS, self._start_search)

    def _make_thumbnail_list(self) -> QListView:
        view = QListView()
        view.setObjectName("materialsThumbnails")
        view.setModel(self.thumbnail_model)
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setFlow(QListView.Flow.TopToBottom)
        view.setWrapping(False)
        view.setMovement(QListView.Movement.Static)
        view.setUniformItemSizes(True)  # the view then asks only visible rows for their image
        view.setIconSize(THUMBNAIL_BOX)
        view.setSpacing(4)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setFixedWidth(THUMBNAIL_BOX.width() + 40)
        return view

    def _single_shot(self, msecs: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(slot)
        return timer

    def _build_actions(self) -> None:
        standard = QKeySequence.StandardKey
        self.previous_page_action = self._action("previousPageAction", self.previous_page, "Ctrl+PgUp")
        self.next_page_action = self._action("nextPageAction", self.next_page, "Ctrl+PgDown")
        self.zoom_out_action = self._action("zoomOutAction", self.zoom_out, standard.ZoomOut)
        self.zoom_in_action = self._action("zoomInAction", self.zoom_in, standard.ZoomIn, "Ctrl+=")
        self.fit_width_action = self._action("fitWidthAction", self.fit_width, "Ctrl+0")
        self.fit_width_action.setCheckable(True)
        self.find_action = self._action("findAction", self.focus_search, standard.Find)
        self.find_previous_action = self._action("findPreviousAction", self.find_previous, standard.FindPrevious)
        self.find_next_action = self._action("findNextAction", self.find_next, standard.FindNext)
        self.cite_action = self._action("citeAction", self.cite_current_page, "Ctrl+Shift+R")
        self.go_to_page_action = self._action("goToPageAction", self.ask_for_page, "Ctrl+L")
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_box)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(lambda: self.stack.currentWidget().setFocus())
        leave_page_box = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.page_box)
        leave_page_box.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave_page_box.activated.connect(self._close_page_box)

    def _action(self, name: str, slot: Callable[[], None], *keys: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        shortcuts: list[QKeySequence] = []
        for key in keys:
            shortcuts += QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        action.setShortcuts(shortcuts)
        # Only while the viewer has focus: other screens of the workspace keep their own keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_layout(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("materialsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.previous_page_action, self.next_page_action])
        self.toolbar.addWidget(self.page_place)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.zoom_out_action)
        self.toolbar.addWidget(self.zoom_label)
        self.toolbar.addActions([self.zoom_in_action, self.fit_width_action])
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search_box)
        self.toolbar.addActions([self.find_previous_action, self.find_next_action])
        self.toolbar.addWidget(self.hit_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.cite_action)
        self._busy_page = self._make_busy_page()
        self.stack = QStackedWidget()
        for page in (self.message, self._busy_page, self.pdf_view, self.image_view, self.text_view):
            self.stack.addWidget(page)
        reading = QHBoxLayout()
        reading.setContentsMargins(0, 0, 0, 0)
        reading.addWidget(self.thumbnails)
        reading.addWidget(self.stack, 1)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.toolbar)
        centre_layout.addLayout(reading, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.document_list)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.document_list, self.thumbnails)
        self.setTabOrder(self.thumbnails, self.search_box)

    def _make_busy_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.busy_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _connect_signals(self) -> None:
        self.document_list.currentRowChanged.connect(lambda _row: self._selection_timer.start())
        self.document_list.itemActivated.connect(self._open_activated)
        self.thumbnails.selectionModel().currentRowChanged.connect(self._on_thumbnail_chosen)
        self.pdf_view.current_page_changed.connect(self._on_page_changed)
        self.pdf_view.source_failed.connect(self._on_source_failed)
        self.pdf_view.zoom_changed.connect(self._update_zoom_label)
        self.image_view.zoom_changed.connect(self._update_zoom_label)
        self.text_view.zoom_changed.connect(self._update_zoom_label)
        self.page_box.editingFinished.connect(self._go_to_typed_page)
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.find_next)
        self.search_model.finished.connect(self._on_search_finished)
        self.search_model.count_changed.connect(self._update_hit_label)

    # -- language -----------------------------------------------------------
    def retranslate(self) -> None:
        texts = {
            self.previous_page_action: self.tr("Previous page"),
            self.next_page_action: self.tr("Next page"),
            self.zoom_out_action: self.tr("Zoom out"),
            self.zoom_in_action: self.tr("Zoom in"),
            self.fit_width_action: self.tr("Fit width"),
            self.find_action: self.tr("Search in this document"),
            self.find_previous_action: self.tr("Previous match"),
            self.find_next_action: self.tr("Next match"),
            self.cite_action: self.tr("Cite this page"),
            self.go_to_page_action: self.tr("Go to page"),
        }
        for action, text in texts.items():
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)
        self.find_previous_action.setIconText("↑")
        self.find_next_action.setIconText("↓")
        self.search_box.setPlaceholderText(self.tr("Search in this document"))
        self.document_list.setAccessibleName(self.tr("Documents"))
        self.thumbnails.setAccessibleName(self.tr("Pages"))
        self.page_box.setAccessibleName(self.tr("Go to page"))
        self.page_label.setToolTip(self.go_to_page_action.toolTip())
        for row in range(self.document_list.count()):
            item = self.document_list.item(row)
            item.setText(self._item_text(self._documents[item.data(Qt.ItemDataRole.UserRole)]))
        self.message.setText(self._message_text())
        self._update_busy_label()
        self._update_labels()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _item_text(self, ref: DocumentRef) -> str:
        return f"{ref.title}\n{self._type_text(ref.media_type)} · {self._size_text(ref.size)}"

    def _type_text(self, media_type: str) -> str:
        names = {PDF_TYPE: self.tr("PDF"), "image/png": self.tr("PNG image"), "image/jpeg": self.tr("JPEG image"), TEXT_TYPE: self.tr("Text")}
        return names.get(media_type, self.tr("Other file"))

    def _size_text(self, size: int) -> str:
        locale = QLocale()
        if size >= 1024 * 1024:
            return self.tr("{size} MB").format(size=locale.toString(size / (1024 * 1024), "f", 1))
        return self.tr("{size} KB").format(size=locale.toString(max(1, round(size / 1024))))

    def _message_text(self) -> str:
        kind, detail = self._message
        if kind == "choose":
            return self.tr("Choose a document on the left to read it here.")
        if kind == "damaged":
            return self.tr("This PDF is damaged and cannot be shown. Ask the review organization for a new copy.")
        if kind == "password":
            return self.tr(
                "This PDF is locked with a password and cannot be shown. "
                "Ask the review organization for an unlocked copy."
            )
        if kind == "undecodable":
            return self.tr("This image is damaged or in a format the app cannot read, so it cannot be shown.")
        if kind == "too_long":
            return self.tr("This text file is too long to show in the app (more than {size} MB).").format(size=textfiles.MAX_SHOWN_BYTES // (1024 * 1024))
        if kind == "image_too_large":
            return self.tr("This image is too large to show in the app ({megapixels} million pixels).").format(megapixels=detail)
        if kind == "unsupported":
            return self.tr("Files of this kind ({type}) cannot be shown in the app.").format(type=detail)
        return detail  # a failure message, already translated by the job

    # -- public API -----------------------------------------------------------
    def set_documents(self, documents: list[DocumentRef], read: Opener) -> None:
        """Show these documents; `read(id)` gives one's bytes or a random-access source (called on a worker thread)."""
        self.clear()
        self._read = read
        self._documents = {ref.id: ref for ref in documents}
        if any(ref.media_type == PDF_TYPE for ref in documents):
            warm_up()  # pdfium loads while the expert makes the declarations
        with QSignalBlocker(self.document_list):
            for ref in documents:
                item = QListWidgetItem(self._item_text(ref))
                item.setData(Qt.ItemDataRole.UserRole, ref.id)
                item.setToolTip(ref.title)
                self.document_list.addItem(item)

    def open_document(self, document_id: str) -> None:
        ref = self._documents[document_id]
        if self._opened == ref and self._shown != "message":
            return
        self._opened = ref
        self._select_in_list(document_id)
        self._forget_job()
        if ref.media_type not in SHOWN_TYPES:
            self._show_message("unsupported", ref.media_type)
        elif document_id in self._memory:
            self._memory.move_to_end(document_id)
            self._display(self._memory[document_id])
        else:
            self._start_decrypting(ref)

    def clear(self) -> None:
        """Forget every document and overwrite the decrypted bytes (the workspace is closing)."""
        self._forget_job()
        self._selection_timer.stop()
        self._search_timer.stop()
        self._unload()
        for decrypted in self._memory.values():
            decrypted.wipe()
        self._memory.clear()
        self._last_page.clear()
        self._documents.clear()
        self._read = None
        self._opened = None
        with QSignalBlocker(self.document_list):
            self.document_list.clear()
        self.search_box.clear()
        self.search_model.set_search_string("")
        self._show_message("choose")

    def current_document_id(self) -> str | None:
        """The document chosen, whether it is shown, still opening, or refused with a message."""
        return self._opened.id if self._opened else None

    def current_page(self) -> int | None:
        """1-based page on screen; an image or a text is one page; None when no page is shown."""
        if self._shown == "pdf":
            return self.pdf_view.current_page() + 1
        return 1 if self._shown in ("image", "text") else None

    def page_count(self) -> int:
        return self.pdf_view.page_count() if self._shown == "pdf" else int(self._shown in ("image", "text"))

    def go_to_page(self, page: int) -> None:
        if self._shown == "pdf":
            self.pdf_view.go_to_page(max(1, min(page, self.page_count())) - 1)

    def ask_for_page(self) -> None:
        """Go to page (Ctrl+L, as in Evince; Ctrl+G is "find next" on some systems): a box in
        place of the page label; Enter goes there, Escape leaves it."""
        if self._shown != "pdf":
            return
        self.page_box.setRange(1, self.page_count())
        self.page_box.setValue(self.current_page() or 1)
        self.page_place.setCurrentWidget(self.page_box)
        self.page_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page_box.selectAll()

    def _go_to_typed_page(self) -> None:
        if self.page_place.currentWidget() is self.page_box:
            self.go_to_page(self.page_box.value())
            self._close_page_box()

    def _close_page_box(self) -> None:
        if self.page_place.currentWidget() is self.page_box:
            with QSignalBlocker(self.page_box):  # losing focus must not "finish" the edit: Escape goes nowhere
                self.page_place.setCurrentWidget(self.page_label)
            self.pdf_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def next_page(self) -> None:
        self.go_to_page((self.current_page() or 0) + 1)

    def previous_page(self) -> None:
        self.go_to_page((self.current_page() or 0) - 1)

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        if self._shown == "pdf":
            self.pdf_view.set_fit_width()
        elif self._shown == "image":
            self.image_view.fit_width()
        elif self._shown == "text":
            self.text_view.set_zoom(1.0)  # the lines always wrap at the width: back to the usual size
        self._update_zoom_label()  # also re-checks the button when it was clicked in fit mode

    def zoom_factor(self) -> float:
        """The scale on screen (1.0 = 100 %), also while fitting the width."""
        if self._shown == "pdf":
            return self.pdf_view.zoom_factor()
        if self._shown == "text":
            return self.text_view.zoom_factor()
        return self.image_view.zoom_factor() if self._shown == "image" else 1.0

    def fits_width(self) -> bool:
        if self._shown == "pdf":
            return self.pdf_view.fits_width()
        if self._shown == "text":
            return self.text_view.zoom_factor() == 1.0
        return self._shown == "image" and self.image_view.fits_width()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def find_next(self) -> None:
        self._step_hit(+1)

    def find_previous(self) -> None:
        self._step_hit(-1)

    def cite_current_page(self) -> None:
        page = self.current_page()
        if self._opened is not None and page is not None:
            self.page_reference_requested.emit(self._opened.id, page)

    # -- opening ----------------------------------------------------------------
    def _open_selected(self) -> None:
        item = self.document_list.currentItem()
        if item is not None:
            self.open_document(item.data(Qt.ItemDataRole.UserRole))

    def _open_activated(self, item: QListWidgetItem) -> None:
        """Enter (or double-click) opens at once and moves the keyboard to the document."""
        self._selection_timer.stop()
        self.open_document(item.data(Qt.ItemDataRole.UserRole))
        self.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_in_list(self, document_id: str) -> None:
        with QSignalBlocker(self.document_list):
            for row in range(self.document_list.count()):
                if self.document_list.item(row).data(Qt.ItemDataRole.UserRole) == document_id:
                    self.document_list.setCurrentRow(row)

    def _start_decrypting(self, ref: DocumentRef) -> None:
        assert self._read is not None, "set_documents() gives the reader"
        self._show_busy()
        self._job = self._jobs.start(_load, self._read, ref)
        self._job.succeeded.connect(self._on_decrypted)
        self._job.failed.connect(self._on_decrypt_failed)

    def _forget_job(self) -> None:
        """A job still running for a document the expert moved on from is ignored when it ends."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _on_decrypted(self, decrypted: _Opened) -> None:
        if self.sender() is not self._job:
            decrypted.wipe()
            return
        self._job = None
        self._display(decrypted)
        self._keep_in_memory(decrypted)

    def _on_decrypt_failed(self, message: str) -> None:
        if self.sender() is self._job:
            self._job = None
            self._show_message("failed", message)

    def _keep_in_memory(self, decrypted: _Opened) -> None:
        if decrypted.refused:
            return  # nothing worth keeping: it would fail the same way again
        self._memory[decrypted.document_id] = decrypted
        self._memory.move_to_end(decrypted.document_id)
        while len(self._memory) > 1 and (
            len(self._memory) > KEPT_DOCUMENTS or sum(d.size() for d in self._memory.values()) > MEMORY_BUDGET
        ):
            _id, oldest = self._memory.popitem(last=False)
            oldest.wipe()

    def _display(self, decrypted: _Opened) -> None:
        if decrypted.is_pdf() or decrypted.refused:
            self._show_pdf(decrypted)
        elif decrypted.text is not None:
            self._unload()
            self.text_view.set_text(decrypted.text)
            self._show("text")
            self._start_search(force=True)
        else:
            self._show_image(decrypted.image)

    def _show_image(self, image: QImage) -> None:
        self._unload()
        if image.isNull():
            self._show_message("undecodable")
            return
        self.image_view.set_image(image)
        self._show("image")

    def _show_pdf(self, opened: _Opened) -> None:
        self._unload()
        if opened.refused:
            self._show_message(opened.refused, opened.problem)
            return
        assert opened.pages is not None
        # Shown and sized first, so the pages are laid out once, fitted to the view's real width.
        self._show("pdf")
        self.stack.layout().activate()
        self._attach(opened.pages)
        self.pdf_view.set_fit_width()
        self._update_labels()
        self.go_to_page(self._last_page.get(opened.document_id, 1))
        self._on_page_changed(self.pdf_view.current_page())  # label and thumbnail even if the page did not change
        self._start_search(force=True)

    def _attach(self, pages: PdfPages | None) -> None:
        """Point the view, the search and the thumbnails at an open document (or at none).
        None of them waits for pdfium: a page being drawn for the former document is dropped."""
        self._pages = pages
        self.pdf_view.set_document(pages)
        self.search_model.set_document(pages)
        self.thumbnail_model.set_document(pages)

    def _unload(self) -> None:
        """Take the shown document off screen; it stays open in memory for flipping back."""
        if self._pages is not None:
            self._attach(None)
        self._close_page_box()
        self.image_view.clear()
        self.text_view.clear_text()

    # -- what is on screen --------------------------------------------------------
    def _show(self, shown: str) -> None:
        self._shown = shown
        pages = {"message": self.message, "busy": self._busy_page, "pdf": self.pdf_view, "image": self.image_view, "text": self.text_view}
        self.stack.setCurrentWidget(pages[shown])
        is_pdf, has_page, searchable = shown == "pdf", shown in ("pdf", "image", "text"), shown in ("pdf", "text")
        for action in self._pdf_only_actions():
            action.setEnabled(is_pdf)
        for action in self._search_actions():
            action.setEnabled(searchable)
        self.search_box.setEnabled(searchable)
        self.thumbnails.setVisible(is_pdf)
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_width_action, self.cite_action):
            action.setEnabled(has_page)
        self._hit = -1
        self._step_when_found = 0
        self._update_labels()

    def _pdf_only_actions(self) -> tuple[QAction, ...]:
        return self.previous_page_action, self.next_page_action, self.go_to_page_action

    def _search_actions(self) -> tuple[QAction, ...]:
        return self.find_action, self.find_previous_action, self.find_next_action

    def _show_message(self, kind: str, detail: str = "") -> None:
        self._unload()
        self._message = (kind, detail)
        self.message.setText(self._message_text())
        self.message.setProperty("kind", kind)
        self._show("message")

    def _show_busy(self) -> None:
        self._unload()
        self._show("busy")
        self._update_busy_label()

    def _update_busy_label(self) -> None:
        title = self._opened.title if self._opened else ""
        self.busy_label.setText(self.tr("Opening “{title}”…").format(title=title))

    def _update_labels(self) -> None:
        self._update_page_label()
        self._update_zoom_label()
        self._update_hit_label()

    def _update_page_label(self) -> None:
        page = self.current_page()
        text = self.tr("Page {page} of {count}").format(page=page, count=self.page_count())
        self.page_label.setText(text if self._shown == "pdf" and page else "")

    def _update_zoom_label(self) -> None:
        shown = self._shown in ("pdf", "image", "text")
        self.zoom_label.setText(f"{round(self.zoom_factor() * 100)} %" if shown else "")
        self.fit_width_action.setChecked(shown and self.fits_width())

    # -- pages and thumbnails ------------------------------------------------------
    def _on_page_changed(self, page_index: int) -> None:
        if self._shown != "pdf":
            return
        if self._opened is not None:
            self._last_page[self._opened.id] = page_index + 1
        self._update_page_label()
        self._syncing_thumbnails = True
        index = self.thumbnail_model.index(page_index)
        self.thumbnails.setCurrentIndex(index)
        self.thumbnails.scrollTo(index)
        self._syncing_thumbnails = False

    def _on_source_failed(self) -> None:
        """The bundle file changed or vanished while the document was read: say so, forget it."""
        pages = self._pages
        if pages is None or pages.problem is None or self._opened is None:
            return
        self._show_message("failed", translated(pages.problem))
        opened = self._memory.pop(self._opened.id, None)
        if opened is not None:
            opened.wipe()

    def _on_thumbnail_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._syncing_thumbnails:
            self.go_to_page(current.row() + 1)

    # -- zoom -----------------------------------------------------------------------
    def _zoom_by(self, step: float) -> None:
        if self._shown == "image":
            self.image_view.zoom_by(step)
        elif self._shown == "text":
            self.text_view.zoom_by(step)
        elif self._shown == "pdf":
            self.pdf_view.set_zoom(self.pdf_view.zoom_factor() * step)

    # -- search -----------------------------------------------------------------------
    def _start_search(self, force: bool = False) -> None:
        self._search_timer.stop()
        self._hit = -1
        self.pdf_view.set_highlight(None)
        if self._shown == "text":
            self.text_view.set_search(self.search_box.text().strip())
        else:
            self.search_model.set_search_string(self.search_box.text().strip(), force=force)
        self._update_hit_label()

    def _searched_for(self) -> str:
        return self.text_view.search_string() if self._shown == "text" else self.search_model.search_string()

    def _hit_count(self) -> int:
        return self.text_view.hit_count() if self._shown == "text" else self.search_model.count()

    def _step_hit(self, step: int) -> None:
        if self._shown not in ("pdf", "text"):
            return
        if not self.search_box.text().strip():
            self.focus_search()
            return
        if self._searched_for() != self.search_box.text().strip():
            self._start_search()
        if self._shown == "pdf" and self.search_model.is_searching():
            self._step_when_found = step
        else:
            self._go_to_step(step)

    def _on_search_finished(self) -> None:
        self._update_hit_label()
        if self._step_when_found:
            step, self._step_when_found = self._step_when_found, 0
            self._go_to_step(step)

    def _go_to_step(self, step: int) -> None:
        count = self._hit_count()
        if count == 0:
            self._update_hit_label()
            return
        if self._hit < 0:  # the first step goes to the hits nearest the page being read
            first = self.text_view.first_hit_from_cursor() if self._shown == "text" else self._first_hit_from(self.pdf_view.current_page())
            index = first if step > 0 else first - 1
        else:
            index = self._hit + step
        self._go_to_hit(index % count)

    def _first_hit_from(self, page_index: int) -> int:
        for index in range(self.search_model.count()):
            if self.search_model.hit(index).page >= page_index:
                return index
        return 0

    def _go_to_hit(self, index: int) -> None:
        self._hit = index
        if self._shown == "text":
            self.text_view.go_to_hit(index)
            self._update_hit_label()
            return
        hit = self.search_model.hit(index)
        self.pdf_view.set_highlight(hit)
        top = min((y for _x, y, _w, _h in hit.rects), default=0.0)
        self.pdf_view.scroll_to_point(hit.page, top, HIT_POSITION)
        self._update_hit_label()

    def _update_hit_label(self) -> None:
        count = self._hit_count()
        if self._shown not in ("pdf", "text") or not self._searched_for():
            text = ""
        elif self._shown == "pdf" and self.search_model.is_searching():
            text = self.tr("Searching…")
        elif count == 0:
            text = self.tr("No match")
        elif self._hit < 0:
            text = self.tr("{count} matches").format(count=count)
        else:
            text = self.tr("Match {current} of {count}").format(current=self._hit + 1, count=count)
        self.hit_label.setText(text)
