"""On-site inspection (现场考察): the bundle's checklist by section, each item with guidance,
expected evidence, result, note, claimed vs observed and photos; the inspection log (times,
inspectors, site notes); photos not yet placed, matching by capture time; and a summary.

Every change goes through the one WorkspaceModel, like the scoring page: saved
at once in its own transaction, shown as saved, undoable where that makes sense (results,
texts, times, visits, placing photos; importing and removing files are not undo steps:
removal asks first). Imports run on a worker thread with progress and cancel.
"""

from __future__ import annotations

import html
import time
from collections import deque
from collections.abc import Callable, Sequence
from functools import partial
from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.review import inspection_rules
from reviewer_app.review.completeness import Missing
from reviewer_app.services.evidence import (
    IMPORTABLE_SUFFIXES,
    EvidenceStore,
    ImportReport,
    list_folder,
    match_by_time,
)
from reviewer_app.review.inspection import DOCUMENT, PHOTO, Evidence
from reviewer_app.store.inspections import InspectionRepository
from reviewer_app.settings import Settings
from reviewer_app.timestamps import now
from ui.folders import remember_folder, start_folder
from ui.times import shown_time, zone_name
from ui.widgets import ERROR_STYLE, OK_STYLE, bold, wrapped
from ui.jobs import Job, JobContext, JobRunner
from ui.workspace.page import Steps, WorkspacePage, route_history_keys
from ui.workspace.session import ChangeSet, Part, WorkspaceModel
from ui.messages import translated

KEY_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB = QSize(112, 112)
THUMBNAILS_PER_TURN_S = 0.008  # thumbnails read on the GUI thread per turn of the event loop
TIME = "%H:%M"
DATE_TIME = "%Y-%m-%d %H:%M"
EVIDENCE_FOLDER = "inspection evidence"  # ui/folders.py purpose


# --- the files ---------------------------------------------------------------------------


class InspectionFiles(QObject):
    """The inspection's files: evidence imported on a worker thread, decrypted thumbnails,
    removal. The inspection's state and its edits live in the one WorkspaceModel."""

    import_progress = Signal(object, object)  # done, total
    import_done = Signal(object)  # ImportReport
    import_failed = Signal(str)  # a translated sentence

    def __init__(self, model: WorkspaceModel, evidence: EvidenceStore, jobs: JobRunner) -> None:
        super().__init__()
        self.model = model
        self.bundle_id = model.bundle_id
        self.evidence_store = evidence
        self.jobs = jobs
        self.job: Job | None = None
        self._thumbnails: dict[int, QPixmap | None] = {}
        evidence.sweep(model.inspections, self.bundle_id)  # files left by a crash mid-import

    @property
    def importing(self) -> bool:
        return self.job is not None

    def match_by_time(self) -> int:
        """Place unassigned photos by capture time (see reviewer_app.services.evidence); one undo step."""
        matches = match_by_time(self.model.inspection)
        if matches:
            self.model.place_evidence(matches)
        return len(matches)

    def remove_evidence(self, evidence_ids: Sequence[int]) -> None:
        """Delete attachments and their encrypted files (not an undo step: the page asks first)."""
        model = self.model
        for evidence_id in evidence_ids:
            model.run_write(QT_TRANSLATE_NOOP("Errors", "the attached files"), partial(
                self.evidence_store.remove, model.inspections, self.bundle_id, evidence_id))
            self._thumbnails.pop(evidence_id, None)
        model.reload_inspection()

    # -- import -------------------------------------------------------------------
    def import_paths(self, paths: Sequence[Path], item_id: str | None = None) -> Job | None:
        """Import files and folders (folders: everything in them, not placed) on a worker thread."""
        if self.job is not None or not paths:
            return None
        files = [p for p in paths if not p.is_dir()]
        folders = [p for p in paths if p.is_dir()]
        job = self.jobs.start(_import_work, self.evidence_store, self.model.inspections, self.bundle_id, files, folders,
                              item_id)
        self.job = job
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._imported)
        job.failed.connect(self.import_failed)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(self._job_finished)
        return job

    def cancel_import(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def close(self) -> None:
        """When the workspace closes: stop a running import after the file in hand (it is kept)."""
        self.cancel_import()

    def _progressed(self, done: int, total: int) -> None:
        self.model.reload_inspection()  # thumbnails appear as the photos come in
        self.import_progress.emit(done, total)

    def _imported(self, report: ImportReport) -> None:
        self.model.reload_inspection()  # every file was committed on its own
        self.model.saved.emit(now())
        self.import_done.emit(report)

    def _cancelled(self) -> None:
        self._imported(ImportReport(cancelled=True))

    def _job_finished(self) -> None:
        self.job = None
        self.model.reload_inspection()

    # -- decrypted pictures ---------------------------------------------------------
    def has_thumbnail(self, evidence: Evidence) -> bool:
        """Read already (or known to have none): `thumbnail` returns at once."""
        return evidence.id in self._thumbnails or evidence.kind != PHOTO

    def thumbnail(self, evidence: Evidence) -> QPixmap | None:
        if evidence.id in self._thumbnails:
            return self._thumbnails[evidence.id]
        pixmap = None
        if evidence.thumbnail_name and self.evidence_store.identity is not None:
            try:
                data = self.evidence_store.read_thumbnail(self.bundle_id, evidence)
            except UserFacingError:
                data = None
            if data:
                pixmap = QPixmap()
                pixmap.loadFromData(data, "JPEG")
        self._thumbnails[evidence.id] = pixmap
        return pixmap

    def display_image(self, evidence: Evidence) -> bytes | None:
        return self.evidence_store.read_display(self.bundle_id, evidence)


def in_zone(at: datetime, zone: tzinfo | None) -> datetime:
    """For the editors: `at` in the review's zone (the laptop's when the review names none)."""
    return at.astimezone(zone)


def _import_work(context: JobContext, store: EvidenceStore, repository: InspectionRepository, bundle_id: str,
                 files: list[Path], folders: list[Path], item_id: str | None) -> ImportReport:
    """Files go to `item_id`; a folder's contents (a phone's photos) are not placed: "Match by time" does that."""
    batches: list[tuple[list[Path], str | None]] = [(list(files), item_id)] if files else []
    skipped: list[Path] = []
    for folder in folders:
        listing = list_folder(folder)
        batches.append((listing.files, None))
        skipped += listing.skipped
    total = sum(len(paths) for paths, _ in batches)
    report = ImportReport(skipped=[p.name for p in skipped])
    offset = 0
    for paths, target in batches:
        part = store.import_files(repository, bundle_id, paths, target,
                                  lambda done, _total, base=offset: context.progress(base + done, total), context.cancelled)
        report.imported += part.imported
        report.duplicates += part.duplicates
        report.refused += part.refused
        offset += len(paths)
        if part.cancelled:
            report.cancelled = True
            break
    return report



# --- small widgets ----------------------------------------------------------------------------




class TextEdit(QPlainTextEdit):
    """Plain text saved as it is typed; never overwritten under the expert's fingers."""

    def __init__(self, name: str, height: int = 80, grow: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(height)
        route_history_keys(self)
        if not grow:
            self.setMaximumHeight(height)

    def set_text_quietly(self, text: str) -> None:
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)


def document_icon() -> QPixmap:
    pixmap = QPixmap(THUMB)
    pixmap.fill(QColor("#eef1f5"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#5d6d7e"))
    font = QFont(painter.font())
    font.setBold(True)
    font.setPointSize(18)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "PDF")
    painter.end()
    return pixmap


class EvidenceList(QListWidget):
    """Thumbnails of attachments; files dropped on it are imported."""

    files_dropped = Signal(list)  # list[Path]
    opened = Signal(int)  # evidence id

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 40))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setMinimumHeight(THUMB.height() + 56)
        self.setAcceptDrops(True)
        self.setDragEnabled(False)
        self.itemActivated.connect(lambda item: self.opened.emit(item.data(ID_ROLE)))
        self._document_icon: QIcon | None = None
        self._placeholder_icon: QIcon | None = None
        self._shown: tuple = ()
        self._unread: deque[tuple[int, Evidence]] = deque()  # (row, photo) whose thumbnail is still to read

    def show_evidence(self, inspection: InspectionFiles, evidence: Sequence[Evidence]) -> None:
        """The thumbnails not read yet (decrypted and decoded: ~0.7 ms each) are read a few
        milliseconds' worth per turn of the event loop: a folder of photos not yet placed would
        otherwise hold the window for as long as all of them take (issue 16)."""
        shown = tuple((e.id, e.captured_at, e.file_name) for e in evidence)
        if shown == self._shown:
            return  # unchanged: keep scroll position and selection as they are
        self._shown = shown
        selected = set(self.selected_ids())
        self.clear()
        self._unread.clear()
        for row, entry in enumerate(evidence):
            ready = inspection.has_thumbnail(entry)
            icon = self._icon(inspection, entry) if ready else self._placeholder()
            item = QListWidgetItem(icon, evidence_caption(entry, inspection.model.zone))
            item.setData(ID_ROLE, entry.id)
            item.setToolTip(evidence_details(entry, inspection.model.zone))
            self.addItem(item)
            item.setSelected(entry.id in selected)
            if not ready:
                self._unread.append((row, entry))
        if self._unread:
            self._next_turn(inspection, shown)

    def _next_turn(self, inspection: InspectionFiles, shown: tuple) -> None:
        """As ui.preload.next_turn (a 1 ms timer), dropped if the list is deleted meanwhile."""
        QTimer.singleShot(1, self, partial(self._read_thumbnails, inspection, shown))

    def _read_thumbnails(self, inspection: InspectionFiles, shown: tuple) -> None:
        if shown != self._shown:
            return  # filled again meanwhile: that filling reads its own
        deadline = time.perf_counter() + THUMBNAILS_PER_TURN_S
        while self._unread and time.perf_counter() < deadline:
            row, entry = self._unread.popleft()
            self.item(row).setIcon(self._icon(inspection, entry))
        if self._unread:
            self._next_turn(inspection, shown)

    def _placeholder(self) -> QIcon:
        if self._placeholder_icon is None:
            pixmap = QPixmap(THUMB)
            pixmap.fill(QColor("#eef1f5"))
            self._placeholder_icon = QIcon(pixmap)
        return self._placeholder_icon

    def _icon(self, inspection: InspectionFiles, entry: Evidence) -> QIcon:
        pixmap = inspection.thumbnail(entry) if entry.kind == PHOTO else None
        if pixmap is not None and not pixmap.isNull():
            return QIcon(pixmap)
        if self._document_icon is None:
            self._document_icon = QIcon(document_icon())
        return self._document_icon

    def selected_ids(self) -> list[int]:
        return [item.data(ID_ROLE) for item in self.selectedItems()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        if dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            super().dropEvent(event)


def dropped_paths(urls: Sequence[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


def evidence_caption(evidence: Evidence, zone: tzinfo | None) -> str:
    if evidence.captured_at is not None:
        return shown_time(evidence.captured_at, zone, "%H:%M:%S")
    return evidence.file_name if len(evidence.file_name) <= 18 else evidence.file_name[:15] + "…"


def evidence_details(evidence: Evidence, zone: tzinfo | None, full_digest: bool = False) -> str:
    digest = evidence.sha256 if full_digest else evidence.sha256[:16] + "…"
    lines = [evidence.file_name, QCoreApplication.translate("InspectionPage", "{size} KB, SHA-256 {digest}").format(
        size=max(1, evidence.size // 1024), digest=digest)]
    if evidence.width and evidence.height:
        lines.append(QCoreApplication.translate("InspectionPage", "{width} × {height} pixels").format(
            width=evidence.width, height=evidence.height))
    if evidence.captured_at is not None:
        lines.append(QCoreApplication.translate("InspectionPage", "Taken {time}").format(
            time=shown_time(evidence.captured_at, zone, "%Y-%m-%d %H:%M:%S")))
    if evidence.gps:
        lines.append(QCoreApplication.translate("InspectionPage", "GPS {lat:.5f}, {lon:.5f}").format(
            lat=evidence.gps.get("lat", 0.0), lon=evidence.gps.get("lon", 0.0)))
    return "\n".join(lines)


class EvidenceDialog(QDialog):
    """One attachment, decrypted into memory: the downscaled picture and its record."""

    def __init__(self, inspection: InspectionFiles, evidence: Evidence, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDialog")
        self.setWindowTitle(evidence.file_name)
        self.picture = QLabel(objectName="evidencePicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = wrapped(name="evidenceDetails")
        self.details.setText(evidence_details(evidence, inspection.model.zone, full_digest=True))
        try:
            data = inspection.display_image(evidence)
        except UserFacingError as error:
            data = None
            self.details.setText(error.message() + "\n\n" + self.details.text())
        if data:
            pixmap = QPixmap()
            pixmap.loadFromData(data, "JPEG")
            self.picture.setPixmap(pixmap.scaled(QSize(900, 640), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.picture.setText(self.tr("A document: its original is kept, encrypted, and goes into the score package."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)


class AssignBar(QWidget):
    """"Attach the selected to: [item ▼] [Move]" under a thumbnail list."""

    move_requested = Signal(object)  # item id or None

    def __init__(self, inspection: InspectionFiles, name: str) -> None:
        super().__init__()
        self.inspection = inspection
        self.model = inspection.model
        self.label = QLabel()
        self.target = QComboBox(objectName=f"{name}Target")
        self.target.setMinimumContentsLength(14)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.move_button = QPushButton(objectName=f"{name}Move")
        self.move_button.clicked.connect(lambda: self.move_requested.emit(self.target.currentData()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.target, 1)
        layout.addWidget(self.move_button)

    def retranslate(self, exclude: str | None = None) -> None:
        self.label.setText(self.tr("Move the selected to:"))
        self.move_button.setText(self.tr("Move"))
        self.target.clear()
        for item in self.model.spec.checklist.items:
            if item.id != exclude:
                self.target.addItem(f"{item.id}  {item.title}", item.id)
        if exclude is not None:
            self.target.addItem(self.tr("(not placed on an item)"), None)


# --- the panels ---------------------------------------------------------------------------------


class ItemPanel(QWidget):
    """One checklist item: guidance, evidence expected, result, note, claimed vs observed, photos."""

    import_requested = Signal(list, object)  # paths, item id
    add_files_requested = Signal(object)  # item id
    open_requested = Signal(int)
    remove_requested = Signal(list)  # evidence ids

    def __init__(self, inspection: InspectionFiles) -> None:
        super().__init__()
        self.inspection = inspection
        self.model = inspection.model
        self.item: rubric.ChecklistItem | None = None
        self.title = bold(wrapped(name="itemTitle"), 1.25)
        self.facts = wrapped(name="itemFacts")
        self.guidance = wrapped(name="itemGuidance")
        self.visit_button = QPushButton(objectName="visitButton")
        self.visit_button.clicked.connect(self._visit)
        self.visits = wrapped(name="itemVisits")
        visit_row = QHBoxLayout()
        visit_row.addWidget(self.visit_button)
        visit_row.addWidget(self.visits, 1)

        self.result_box = QGroupBox(objectName="resultBox")
        self.result_layout = QHBoxLayout(self.result_box)
        self.result_layout.addStretch(1)
        self.result_group = QButtonGroup(self)
        self.result_group.setExclusive(True)
        self.result_buttons: dict[str, QRadioButton] = {}
        self.result_group.buttonToggled.connect(self._result_toggled)
        self.note_label = QLabel()
        self.note = TextEdit("itemNote", 72)
        self.note.textChanged.connect(lambda: self.item and self.model.set_item_note(self.item.id, self.note.toPlainText()))
        self.note_label.setBuddy(self.note)
        self.note_rule = wrapped(name="noteRule")

        self.claims_box = QGroupBox(objectName="claimsBox")
        self.claims_grid = QGridLayout()
        self.claims_grid.setColumnStretch(1, 1)
        self.observed_label = QLabel()
        self.observed = TextEdit("itemObserved", 56)
        self.observed.textChanged.connect(
            lambda: self.item and self.model.set_observed(self.item.id, self.observed.toPlainText()))
        self.observed_label.setBuddy(self.observed)
        self.discrepancy = QCheckBox(objectName="discrepancyCheck")
        self.discrepancy.toggled.connect(lambda on: self.item and self.model.set_discrepancy(self.item.id, on))
        self.observed_rule = wrapped(name="observedRule")
        self.observed_rule.setStyleSheet(ERROR_STYLE)
        claims_layout = QVBoxLayout(self.claims_box)
        claims_layout.addLayout(self.claims_grid)
        claims_layout.addWidget(self.observed_label)
        claims_layout.addWidget(self.observed)
        claims_layout.addWidget(self.discrepancy)
        claims_layout.addWidget(self.observed_rule)

        self.evidence_box = QGroupBox(objectName="evidenceBox")
        self.evidence_hint = wrapped(name="evidenceHint")
        self.evidence = EvidenceList("itemEvidence")
        self.evidence.setFixedHeight(THUMB.height() + 72)  # one row visible; the page scrolls, not the list
        self.evidence.files_dropped.connect(lambda paths: self.item and self.import_requested.emit(paths, self.item.id))
        self.evidence.opened.connect(self.open_requested)
        self.add_button = QPushButton(objectName="addEvidence")
        self.add_button.clicked.connect(lambda: self.item and self.add_files_requested.emit(self.item.id))
        self.remove_button = QPushButton(objectName="removeEvidence")
        self.remove_button.clicked.connect(lambda: self.evidence.selected_ids() and self.remove_requested.emit(self.evidence.selected_ids()))
        self.assign_bar = AssignBar(inspection, "itemAssign")
        self.assign_bar.move_requested.connect(
            lambda target: self.evidence.selected_ids() and self.model.place_evidence(dict.fromkeys(self.evidence.selected_ids(), target)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.assign_bar, 2)
        evidence_layout = QVBoxLayout(self.evidence_box)
        evidence_layout.addWidget(self.evidence_hint)
        evidence_layout.addWidget(self.evidence)
        evidence_layout.addLayout(buttons)

        form = QFormLayout()
        form.addRow(self.note_label, self.note)
        form.addRow("", self.note_rule)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.facts, self.guidance):
            layout.addWidget(widget)
        layout.addLayout(visit_row)
        layout.addWidget(self.result_box)
        layout.addLayout(form)
        layout.addWidget(self.claims_box)
        layout.addWidget(self.evidence_box)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.visit_button.setText(self.tr("▶ Now inspecting this item"))
        self.visit_button.setToolTip(self.tr(
            "Records the time. “Match by time” later places each photo on the item you were inspecting when it was taken."))
        self.result_box.setTitle(self.tr("Result (Alt+1 … Alt+{count})").format(count=max(1, len(self.result_buttons))))
        self.note_label.setText(self.tr("&Note:"))
        self.claims_box.setTitle(self.tr("Claimed in the application vs observed on site"))
        self.observed_label.setText(self.tr("&Observed on site:"))
        self.discrepancy.setText(self.tr("What I observed &differs from the application"))
        self.evidence_box.setTitle(self.tr("Photos and documents"))
        self.add_button.setText(self.tr("Add files…"))
        self.remove_button.setText(self.tr("Remove"))
        self.assign_bar.retranslate(exclude=self.item.id if self.item else "")
        if self.item is not None:
            self.show_item(self.item.id)

    def show_item(self, item_id: str) -> None:
        item = self.model.spec.checklist.item(item_id)
        changed = self.item is None or self.item.id != item_id
        self.item = item
        self.title.setText(f"{item.id}  {item.title}")
        expected = "、".join(evidence_kind_text(kind) for kind in item.evidence) or self.tr("none")
        facts = self.tr("{section} · evidence expected: {expected}").format(section=item.section, expected=expected)
        if not self.model.checklist_item_is_mine(item):
            titles = {f.id: f.title for f in self.model.spec.fields}
            facts += " · " + self.tr("optional for you: assigned to {fields}").format(
                fields="、".join(titles.get(f, f) for f in item.fields))
        self.facts.setText(facts)
        self.guidance.setText(item.guidance)
        self.guidance.setVisible(bool(item.guidance))
        if tuple(self.result_buttons) != item.results:
            self._build_results(item)
        if changed:
            self._build_claims(item)
            self.assign_bar.retranslate(exclude=item.id)
        self.refresh()

    def _build_results(self, item: rubric.ChecklistItem) -> None:
        for button in self.result_buttons.values():
            self.result_group.removeButton(button)
            button.deleteLater()
        self.result_buttons = {}
        for index, result in enumerate(item.results):
            button = QRadioButton(result, objectName=f"result_{index}")
            button.setProperty("result", result)
            button.setMinimumHeight(32)
            self.result_group.addButton(button)
            self.result_layout.insertWidget(index, button)
            self.result_buttons[result] = button
        self.result_box.setTitle(self.tr("Result (Alt+1 … Alt+{count})").format(count=len(item.results)))

    def _build_claims(self, item: rubric.ChecklistItem) -> None:
        while self.claims_grid.count():
            widget = self.claims_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        claims = inspection_rules.claimed_facts(self.model.spec, item)
        for row, fact in enumerate(claims):
            label = bold(QLabel(fact.label + "："))
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value = wrapped(name=f"claim_{fact.key}")
            value.setText(fact.value)
            self.claims_grid.addWidget(label, row, 0)
            self.claims_grid.addWidget(value, row, 1)
        if not claims:
            none = wrapped(name="noClaims")
            none.setText(self.tr("The application declares nothing specific for this item; record what you saw if it matters."))
            none.setStyleSheet("color: #5d6d7e;")
            self.claims_grid.addWidget(none, 0, 0, 1, 2)

    def refresh(self) -> None:
        item = self.item
        if item is None:
            return
        state = self.model.inspection
        entry = state.result(item.id)
        for result, button in self.result_buttons.items():
            if button.isChecked() != (entry.result == result):
                self.result_group.blockSignals(True)
                self.result_group.setExclusive(False)
                button.setChecked(entry.result == result)
                self.result_group.setExclusive(True)
                self.result_group.blockSignals(False)
        self.note.set_text_quietly(entry.note)
        if inspection_rules.note_required(item, entry.result) and not entry.note.strip():
            self.note_rule.setText(self.tr("⚠ The result “{result}” needs a note.").format(result=entry.result))
            self.note_rule.setStyleSheet(ERROR_STYLE)
        elif item.results_requiring_note:
            self.note_rule.setText(self.tr("A note is required for: {results}.").format(results="、".join(item.results_requiring_note)))
            self.note_rule.setStyleSheet("color: #5d6d7e;")
        else:
            self.note_rule.clear()
        self.observed.set_text_quietly(entry.observed)
        if self.discrepancy.isChecked() != entry.discrepancy:
            self.discrepancy.blockSignals(True)
            self.discrepancy.setChecked(entry.discrepancy)
            self.discrepancy.blockSignals(False)
        self.observed_rule.setText(self.tr("⚠ Say what you observed.") if entry.discrepancy and not entry.observed.strip() else "")
        self.observed_rule.setVisible(bool(self.observed_rule.text()))
        visits = state.visits_for(item.id)
        self.visits.setText(self.tr("Inspected at: {times}").format(times=", ".join(shown_time(v.at, self.model.zone, "%H:%M:%S") for v in visits))
                            if visits else self.tr("Not yet marked as inspected."))
        attached = state.evidence_for(item.id)
        self.evidence.show_evidence(self.inspection, attached)
        kinds = {e.kind for e in attached}
        lacking = [evidence_kind_text(k) for k in item.evidence if k not in kinds]
        hint = self.tr("Drop photos or PDF files here, or use “Add files…”. Double-click to view.")
        if lacking:
            hint = self.tr("Expected and not attached yet: {kinds}. ").format(kinds="、".join(lacking)) + hint
        self.evidence_hint.setText(hint)
        self.remove_button.setEnabled(bool(attached))
        self.assign_bar.setEnabled(bool(attached))

    def choose_result(self, index: int) -> None:
        if self.item is not None and 0 <= index < len(self.item.results):
            self.model.set_result(self.item.id, self.item.results[index])

    def _result_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked and self.item is not None:
            self.model.set_result(self.item.id, button.property("result"))

    def _visit(self) -> None:
        if self.item is not None:
            self.model.add_visit(self.item.id)


def evidence_kind_text(kind: str) -> str:
    names = {PHOTO: QCoreApplication.translate("InspectionPage", "photo"),
             DOCUMENT: QCoreApplication.translate("InspectionPage", "document")}
    return names.get(kind, kind)


class SitePanel(QWidget):
    """The inspection log: when it started and finished, who was there, free-form notes."""

    def __init__(self, inspection: InspectionFiles) -> None:
        super().__init__()
        self.inspection = inspection
        self.model = inspection.model
        self.title = bold(wrapped(name="siteTitle"), 1.25)
        self.started = QDateTimeEdit(objectName="startedEdit")
        self.finished = QDateTimeEdit(objectName="finishedEdit")
        self.start_now = QPushButton(objectName="startNowSite")
        self.finish_now = QPushButton(objectName="finishNowSite")
        self.start_now.clicked.connect(lambda: self.model.set_started(now()))
        self.finish_now.clicked.connect(lambda: self.model.set_finished(now()))
        for edit in (self.started, self.finished):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.started.editingFinished.connect(lambda: self._time_edited(self.started, self.model.set_started,
                                                                       self.model.inspection.started_at))
        self.finished.editingFinished.connect(lambda: self._time_edited(self.finished, self.model.set_finished,
                                                                        self.model.inspection.finished_at))
        self.inspectors = TextEdit("inspectorsEdit", 90)
        self.inspectors.textChanged.connect(lambda: self.model.set_inspectors(self.inspectors.toPlainText().splitlines()))
        self.site_notes = TextEdit("siteNotesEdit", 200, grow=True)
        self.site_notes.textChanged.connect(lambda: self.model.set_site_notes(self.site_notes.toPlainText()))
        self.started_label, self.finished_label, self.inspectors_label, self.notes_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.inspectors_label.setBuddy(self.inspectors)
        self.notes_label.setBuddy(self.site_notes)
        started_row, finished_row = QHBoxLayout(), QHBoxLayout()
        self.zone_labels = (QLabel(objectName="startedZone"), QLabel(objectName="finishedZone"))
        rows = ((started_row, self.started, self.start_now), (finished_row, self.finished, self.finish_now))
        for (row, edit, button), zone_label in zip(rows, self.zone_labels):
            row.addWidget(edit)
            row.addWidget(zone_label)
            row.addWidget(button)
            row.addStretch(1)
        self.facts = wrapped(name="siteFacts")
        form = QFormLayout()
        form.addRow(self.started_label, started_row)
        form.addRow(self.finished_label, finished_row)
        form.addRow(self.inspectors_label, self.inspectors)
        form.addRow(self.notes_label, self.site_notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(form)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Inspection log"))
        self.started_label.setText(self.tr("Started:"))
        self.finished_label.setText(self.tr("Finished:"))
        self.start_now.setText(self.tr("Now"))
        self.finish_now.setText(self.tr("Now"))
        self.inspectors_label.setText(self.tr("&Inspectors present\n(one per line):"))
        self.notes_label.setText(self.tr("&Site notes:"))
        facts = [f"{fact.label}：{fact.value}" for fact in self.model.spec.facts
                 if fact.key in {"applicant", "registered_in"}]
        self.facts.setText("\n".join(facts))
        for zone_label in self.zone_labels:
            zone_label.setText(self._zone_shown())
        self.refresh()

    def _zone_shown(self) -> str:
        """The review's zone, named only when this laptop's clock runs in another one."""
        zone = self.model.zone
        if zone is None:
            return ""
        offset = datetime.now(zone).utcoffset()
        return "" if offset is None or offset == datetime.now().astimezone().utcoffset() else zone_name(offset)

    def refresh(self) -> None:
        state = self.model.inspection
        for edit, value in ((self.started, state.started_at), (self.finished, state.finished_at)):
            if edit.hasFocus():
                continue
            edit.blockSignals(True)
            if value is None:
                edit.setSpecialValueText(self.tr("not recorded"))
                edit.setMinimumDateTime(QDateTime(2000, 1, 1, 0, 0, 0))
                edit.setDateTime(edit.minimumDateTime())
            else:
                edit.setDateTime(QDateTime(in_zone(value, self.model.zone).replace(tzinfo=None)))
            edit.blockSignals(False)
        if not self.inspectors.hasFocus():  # blank lines while typing are the expert's, not ours to remove
            self.inspectors.set_text_quietly("\n".join(state.inspectors))
        self.site_notes.set_text_quietly(state.site_notes)

    def _time_edited(self, edit: QDateTimeEdit, write: Callable[[datetime | None], None], old: datetime | None) -> None:
        """The editors show and take the review's zone (named beside them when the laptop's differs)."""
        if edit.dateTime() == edit.minimumDateTime():
            return
        typed = edit.dateTime().toPython().replace(second=0, microsecond=0)
        value = typed.replace(tzinfo=self.model.zone) if self.model.zone is not None else typed.astimezone()
        if old is None or value != in_zone(old, self.model.zone).replace(second=0, microsecond=0):
            write(value)


class UnassignedPanel(QWidget):
    """Photos and documents not yet placed on an item; matching by capture time."""

    import_requested = Signal(list, object)
    open_requested = Signal(int)
    remove_requested = Signal(list)

    def __init__(self, inspection: InspectionFiles) -> None:
        super().__init__()
        self.inspection = inspection
        self.model = inspection.model
        self.title = bold(wrapped(name="unassignedTitle"), 1.25)
        self.explanation = wrapped(name="matchExplanation")
        self.match_button = QPushButton(objectName="matchByTime")
        self.match_button.clicked.connect(self._match)
        self.result = wrapped(name="matchResult")
        self.evidence = EvidenceList("unassignedEvidence")
        self.evidence.files_dropped.connect(lambda paths: self.import_requested.emit(paths, None))
        self.evidence.opened.connect(self.open_requested)
        self.remove_button = QPushButton(objectName="removeUnassigned")
        self.remove_button.clicked.connect(lambda: self.evidence.selected_ids() and self.remove_requested.emit(self.evidence.selected_ids()))
        self.assign_bar = AssignBar(inspection, "unassignedAssign")
        self.assign_bar.move_requested.connect(
            lambda target: self.evidence.selected_ids() and self.model.place_evidence(dict.fromkeys(self.evidence.selected_ids(), target)))
        match_row = QHBoxLayout()
        match_row.addWidget(self.match_button)
        match_row.addWidget(self.result, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.assign_bar, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addLayout(match_row)
        layout.addWidget(self.evidence, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Not placed on an item"))
        self.explanation.setText(self.tr(
            "Photos imported from a folder land here. While inspecting, press “Now inspecting this item” on each item; "
            "“Match by time” then places every photo on the item you were inspecting when it was taken (the item marked "
            "most recently before the photo's capture time). Photos without a capture time, taken before the first "
            "marked item, or outside the inspection's start and finish stay here for you to place by hand."))
        self.match_button.setText(self.tr("Match by time"))
        self.remove_button.setText(self.tr("Remove"))
        self.assign_bar.retranslate()
        self.refresh()

    def refresh(self) -> None:
        loose = self.model.inspection.unassigned()
        self.evidence.show_evidence(self.inspection, loose)
        self.match_button.setEnabled(bool(loose))
        self.remove_button.setEnabled(bool(loose))
        self.assign_bar.setEnabled(bool(loose))

    def _match(self) -> None:
        if not self.model.inspection.visits:
            self.result.setText(self.tr("No item has been marked with “Now inspecting this item” yet, so there is nothing to match against."))
            return
        count = self.inspection.match_by_time()
        left = len(self.model.inspection.unassigned())
        self.result.setText(self.tr("Placed {count} photo(s) by capture time; {left} left to place by hand (Ctrl+Z undoes).").format(
            count=count, left=left))


class SummaryPanel(QWidget):
    """Counts per result, discrepancies with the claims, items without evidence, what is missing."""

    item_requested = Signal(str)

    def __init__(self, inspection: InspectionFiles) -> None:
        super().__init__()
        self.inspection = inspection
        self.model = inspection.model
        self.title = bold(wrapped(name="summaryTitle"), 1.25)
        self.browser = QTextBrowser(objectName="summaryBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._anchor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Inspection summary"))
        self.refresh()

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "item":
            self.item_requested.emit(url.path())

    def refresh(self) -> None:
        self.browser.setHtml(self.summary_html())

    def summary_html(self) -> str:
        model = self.model
        state = model.inspection
        summary = inspection_rules.summary(model.spec, state)
        e = html.escape

        def link(item: rubric.ChecklistItem) -> str:
            return f'<a href="item:{e(item.id)}">{e(item.id)} {e(item.title)}</a>'

        def heading(text: str) -> str:
            return f"<h3>{e(text)}</h3>"

        def paragraph(text: str, style: str = "") -> str:
            return f"<p style='{style}'>{e(text)}</p>" if style else f"<p>{e(text)}</p>"

        parts = []
        if not state.begun:
            parts.append(paragraph(self.tr("The on-site inspection has not begun. Nothing here is required unless you inspect."),
                                   "color:#5d6d7e"))
        facts = []
        if state.started_at:
            facts.append(self.tr("started {time}").format(time=shown_time(state.started_at, self.model.zone, DATE_TIME)))
        if state.finished_at:
            facts.append(self.tr("finished {time}").format(time=shown_time(state.finished_at, self.model.zone, DATE_TIME)))
        if state.inspectors:
            facts.append(self.tr("inspectors: {names}").format(names="、".join(state.inspectors)))
        if facts:
            parts.append(paragraph("; ".join(facts)))

        parts.append(heading(self.tr("Results")))
        rows = [(result, count) for result, count in summary.counts.items()]
        rows.append((self.tr("No result yet"), len(summary.unanswered)))
        parts.append("<table cellspacing='0' cellpadding='4' border='1'>" + "".join(
            f"<tr><td>{e(label)}</td><td align='right'><b>{count}</b></td></tr>" for label, count in rows) + "</table>")
        parts.append(paragraph(self.tr("{count} photo(s) and document(s), {loose} not placed on an item.").format(
            count=summary.evidence_count, loose=summary.unassigned_count)))

        parts.append(heading(self.tr("Discrepancies with the application ({count})").format(count=len(summary.discrepancies))))
        if summary.discrepancies:
            claimed_label, observed_label = e(self.tr("Claimed:")), e(self.tr("Observed:"))
            nothing_declared, no_result = e(self.tr("(nothing declared)")), self.tr("no result")
            entries = []
            for d in summary.discrepancies:
                claimed = "<br>".join(f"{e(f.label)}：{e(f.value)}" for f in d.claimed) or nothing_declared
                entries.append(f"<li>{link(d.item)} — {e(d.result or no_result)}<br>{claimed_label} {claimed}<br>"
                               f"{observed_label} <b>{e(d.observed) or '—'}</b></li>")
            parts.append("<ul>" + "".join(entries) + "</ul>")
        else:
            parts.append(paragraph(self.tr("None recorded.")))

        parts.append(heading(self.tr("Items expecting evidence without any ({count})").format(
            count=len(summary.without_evidence))))
        if summary.without_evidence:
            parts.append("<ul>" + "".join(f"<li>{link(item)}</li>" for item in summary.without_evidence) + "</ul>")
        else:
            parts.append(paragraph(self.tr("None.")))

        missing = model.inspection_missing()
        parts.append(heading(self.tr("Still needed before signing ({count})").format(count=len(missing))))
        if missing:
            parts.append("<ul style='color:#c0392b'>" + "".join(
                f"<li>{_linked(m, translated(m))}</li>" for m in missing) + "</ul>")
        else:
            parts.append(paragraph(self.tr("Nothing: the inspection part is complete."), "color:#1e8449"))
        warnings = inspection_rules.warnings(model.spec.checklist, state)
        if warnings:
            parts.append(heading(self.tr("Worth a second look")))
            parts.append("<ul>" + "".join(f"<li>{_linked(w, translated(w))}</li>" for w in warnings) + "</ul>")
        return "".join(parts)


def _linked(missing: Missing, text: str) -> str:
    if missing.target:
        return f'<a href="item:{html.escape(missing.target)}">{html.escape(text)}</a>'
    return html.escape(text)


# --- the page -------------------------------------------------------------------------------------


class InspectionPage(WorkspacePage):
    """The 现场考察 tab of the workspace."""

    status_message = Signal(str)

    def __init__(self, inspection: InspectionFiles, settings: Settings, *, in_steps: bool = False) -> None:
        """Built at once, or with `in_steps` a part per step of `self.parts` (Workspace.build_step)."""
        super().__init__()
        self.setObjectName("inspectionPage")
        self.inspection = inspection
        self.settings = settings
        self.model = inspection.model
        self.setAcceptDrops(True)
        self.build_in_parts(self._build(), in_steps)

    def _build(self) -> Steps:
        inspection, model = self.inspection, self.model

        self.start_button = QPushButton(objectName="startInspection")
        self.finish_button = QPushButton(objectName="finishInspection")
        self.start_button.clicked.connect(lambda: self.model.set_started(now()))
        self.finish_button.clicked.connect(lambda: self.model.set_finished(now()))
        self.times = QLabel(objectName="inspectionTimes")
        self.saved = QLabel(objectName="inspectionSaved")
        self.saved.setStyleSheet(OK_STYLE)
        top = QHBoxLayout()
        top.addWidget(self.start_button)
        top.addWidget(self.finish_button)
        top.addWidget(self.times, 1)
        top.addWidget(self.saved)

        self.tree = QTreeWidget(objectName="checklistTree")
        self.tree.setColumnCount(3)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.add_files_button = QPushButton(objectName="addFiles")
        self.import_folder_button = QPushButton(objectName="importFolder")
        self.add_files_button.clicked.connect(lambda: self.add_files(self.current_item_id()))
        self.import_folder_button.clicked.connect(self.import_folder)
        tree_buttons = QHBoxLayout()
        tree_buttons.addWidget(self.add_files_button)
        tree_buttons.addWidget(self.import_folder_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(tree_buttons)
        yield True

        self.site_panel = SitePanel(inspection)
        self.detail = QStackedWidget()
        self.detail.addWidget(self._scrollable(self.site_panel))
        yield True
        self.item_panel = ItemPanel(inspection)
        self.detail.addWidget(self._scrollable(self.item_panel))
        yield True
        self.unassigned_panel = UnassignedPanel(inspection)
        self.summary_panel = SummaryPanel(inspection)
        self.detail.addWidget(self.unassigned_panel)
        self.detail.addWidget(self.summary_panel)
        for panel in (self.item_panel, self.unassigned_panel):
            panel.import_requested.connect(self.import_paths)
            panel.open_requested.connect(self.open_evidence)
            panel.remove_requested.connect(self.remove_evidence)
        self.item_panel.add_files_requested.connect(self.add_files)
        self.summary_panel.item_requested.connect(lambda item_id: self.select("item", item_id))

        self.import_bar = QWidget(objectName="importBar")
        self.import_label = QLabel(objectName="importLabel")
        self.import_progress = QProgressBar(objectName="importProgress")
        self.cancel_button = QPushButton(objectName="cancelImport")
        self.cancel_button.clicked.connect(inspection.cancel_import)
        bar = QHBoxLayout(self.import_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.import_label)
        bar.addWidget(self.import_progress, 1)
        bar.addWidget(self.cancel_button)
        self.import_bar.hide()
        self.report = wrapped(name="importReport")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([340, 860])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.import_bar)
        layout.addWidget(self.report)
        yield True
        self._build_tree()
        self.tree.currentItemChanged.connect(self._current_changed)

        model.changed.connect(self._model_changed)
        inspection.import_progress.connect(self._import_progress)
        inspection.import_done.connect(self._import_done)
        inspection.import_failed.connect(self._import_failed)
        model.saved.connect(self._saved)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in ((QKeySequence("Alt+Down"), 1), (QKeySequence("Alt+Up"), -1)):
            QShortcut(keys, self, lambda step=step: self.move(step), context=context)
        for number in range(9):
            QShortcut(QKeySequence(f"Alt+{number + 1}"), self, lambda n=number: self.item_panel.choose_result(n), context=context)
        QShortcut(QKeySequence("Ctrl+T"), self, self.item_panel._visit, context=context)
        self.retranslate()
        QTimer.singleShot(0, self.select_first)

    @staticmethod
    def _scrollable(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(widget)
        return area

    def _build_tree(self) -> None:
        self.items: dict[str, QTreeWidgetItem] = {}

        def add(parent: QTreeWidget | QTreeWidgetItem, key: str, item_id: str, text: str, selectable: bool = True) -> QTreeWidgetItem:
            node = QTreeWidgetItem([text, "", ""])
            node.setData(0, KEY_ROLE, key)
            node.setData(0, ID_ROLE, item_id)
            if not selectable:
                node.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if isinstance(parent, QTreeWidget):  # sections, the log, the unplaced photos, the summary
                font = QFont(node.font(0))
                font.setBold(True)
                node.setFont(0, font)
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(node)
            else:
                parent.addChild(node)
            self.items[f"{key}:{item_id}"] = node
            return node

        add(self.tree, "site", "", "")
        checklist = self.model.spec.checklist
        for section in checklist.sections():
            section_node = add(self.tree, "section", section, section, selectable=False)
            for item in checklist.items:
                if item.section == section:
                    add(section_node, "item", item.id, f"{item.id}  {item.title}")
        add(self.tree, "unassigned", "", "")
        add(self.tree, "summary", "", "")
        self.tree.expandAll()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Checklist item"), self.tr("Result"), self.tr("Files")])
        self.items["site:"].setText(0, self.tr("Inspection log: times, inspectors, site notes"))
        self.items["summary:"].setText(0, self.tr("Summary"))
        self.add_files_button.setText(self.tr("Add files…"))
        self.add_files_button.setToolTip(self.tr("Photos or PDF documents, attached to the selected item"))
        self.import_folder_button.setText(self.tr("Import a folder…"))
        self.import_folder_button.setToolTip(self.tr("All photos and PDFs in a folder (e.g. from a phone), then “Match by time”"))
        self.cancel_button.setText(self.tr("Cancel"))
        for panel in (self.site_panel, self.item_panel, self.unassigned_panel, self.summary_panel):
            panel.retranslate()
        self.refresh()

    # -- state -> view ---------------------------------------------------------------------
    def _model_changed(self, change: ChangeSet) -> None:
        if change.touches(Part.INSPECTION | Part.EVIDENCE | Part.LOCK):
            self.refresh()

    def refresh(self) -> None:
        state = self.model.inspection
        checklist = self.model.spec.checklist
        missing_targets = {m.target for m in self.model.inspection_missing() if m.target}
        for item in checklist.items:
            node = self.items[f"item:{item.id}"]
            entry = state.result(item.id)
            node.setText(1, entry.result or "—")
            count = len(state.evidence_for(item.id))
            node.setText(2, str(count) if count else "")
            flagged = item.id in missing_targets
            node.setForeground(1, QBrush(QColor("#c0392b") if flagged else QColor(Qt.GlobalColor.black)))
            node.setForeground(0, QBrush(QColor(Qt.GlobalColor.black if self.model.checklist_item_is_mine(item) else Qt.GlobalColor.gray)))
            node.setText(0, ("≠ " if entry.discrepancy else "") + f"{item.id}  {item.title}")
        loose = len(state.unassigned())
        self.items["unassigned:"].setText(0, self.tr("Not placed on an item ({count})").format(count=loose))
        answered = sum(1 for item in checklist.items if state.result(item.id).result in item.results)
        self.items["summary:"].setText(1, f"{answered}/{len(checklist.items)}")
        self.start_button.setText(self.tr("Start inspection"))
        self.start_button.setVisible(state.started_at is None)
        self.finish_button.setText(self.tr("Finish inspection"))
        self.finish_button.setVisible(state.started_at is not None and state.finished_at is None)
        times = []
        if state.started_at:
            times.append(self.tr("Started {time}").format(time=shown_time(state.started_at, self.model.zone, DATE_TIME)))
        if state.finished_at:
            times.append(self.tr("finished {time}").format(time=shown_time(state.finished_at, self.model.zone, TIME)))
        self.times.setText(" · ".join(times) if times else self.tr("Not started: press “Start inspection” on arrival."))
        current = self.detail.currentIndex()
        if current == 0:
            self.site_panel.refresh()
        elif current == 1:
            self.item_panel.refresh()
        elif current == 2:
            self.unassigned_panel.refresh()
        else:
            self.summary_panel.refresh()

    def _saved(self, when: datetime) -> None:
        self.saved.setText(self.tr("✓ Saved {time}").format(time=f"{when:%H:%M:%S}"))

    # -- navigation ---------------------------------------------------------------------------
    def current_item_id(self) -> str | None:
        node = self.tree.currentItem()
        return node.data(0, ID_ROLE) if node is not None and node.data(0, KEY_ROLE) == "item" else None

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(0, KEY_ROLE)
        if key == "item":
            self.item_panel.show_item(current.data(0, ID_ROLE))
            self.detail.setCurrentIndex(1)
        elif key == "site":
            self.site_panel.refresh()
            self.detail.setCurrentIndex(0)
        elif key == "unassigned":
            self.unassigned_panel.refresh()
            self.detail.setCurrentIndex(2)
        elif key == "summary":
            self.summary_panel.refresh()
            self.detail.setCurrentIndex(3)

    def select(self, key: str, item_id: str = "") -> None:
        node = self.items.get(f"{key}:{item_id}")
        if node is not None:
            self.tree.setCurrentItem(node)

    def select_first(self) -> None:
        if self.tree.currentItem() is not None:
            return
        items = self.model.spec.checklist.items
        if items and self.model.inspection.begun:
            self.select("item", items[0].id)
        else:
            self.select("site")

    def go_to(self, missing: Missing) -> None:
        """Show what a Missing entry (from inspection_rules) is about."""
        if missing.target:
            self.select("item", missing.target)
            if missing.kind == inspection_rules.InspectionMissingKind.NOTE:
                self.item_panel.note.setFocus()
            elif missing.kind == inspection_rules.InspectionMissingKind.OBSERVED:
                self.item_panel.observed.setFocus()
        elif missing.kind == inspection_rules.InspectionMissingKind.UNASSIGNED:
            self.select("unassigned")
        else:
            self.select("site")

    def move(self, step: int) -> None:
        """Next/previous checklist item (Alt+Down / Alt+Up)."""
        ids = [item.id for item in self.model.spec.checklist.items]
        if not ids:
            return
        current = self.current_item_id()
        index = ids.index(current) if current in ids else -1
        self.select("item", ids[max(0, min(len(ids) - 1, index + step))])

    # -- evidence --------------------------------------------------------------------------------
    def add_files(self, item_id: str | None = None) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(IMPORTABLE_SUFFIXES))
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach photos or documents"), start_folder(self.settings, EVIDENCE_FOLDER),
            self.tr("Photos and PDF documents ({patterns})").format(patterns=patterns))
        if names:
            remember_folder(self.settings, EVIDENCE_FOLDER, names[0])
            self.import_paths([Path(n) for n in names], item_id)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import all photos and documents in a folder"), start_folder(self.settings, EVIDENCE_FOLDER))
        if folder:
            remember_folder(self.settings, EVIDENCE_FOLDER, folder)
            self.import_paths([Path(folder)], None)

    def import_paths(self, paths: list[Path], item_id: str | None = None) -> None:
        if self.inspection.importing:
            self.report.setText(self.tr("An import is still running; wait for it or cancel it."))
            return
        job = self.inspection.import_paths(paths, item_id)
        if job is None:
            return
        self.report.clear()
        self.import_label.setText(self.tr("Importing…"))
        self.import_progress.setRange(0, 0)
        self.import_bar.show()

    def _import_progress(self, done: int, total: int) -> None:
        self.import_label.setText(self.tr("Importing {done} of {total}…").format(done=min(done + 1, total), total=total))
        self.import_progress.setRange(0, max(1, total))
        self.import_progress.setValue(done)

    def _import_done(self, report: ImportReport) -> None:
        self.import_bar.hide()
        lines = []
        if report.cancelled:
            lines.append(self.tr("Import cancelled; {count} file(s) imported before that are kept.").format(count=len(report.imported)))
        else:
            lines.append(self.tr("Imported {count} file(s).").format(count=len(report.imported)))
        if report.duplicates:
            lines.append(self.tr("{count} already attached, skipped.").format(count=len(report.duplicates)))
        if report.skipped:
            lines.append(self.tr("{count} other file(s) (not photos or PDF) left alone.").format(count=len(report.skipped)))
        if report.refused:
            lines.append(self.tr("Refused {count}:").format(count=len(report.refused)))
            lines += [translated(r) for r in report.refused[:20]]
        self.report.setText("\n".join(lines))
        self.report.setStyleSheet(ERROR_STYLE if report.refused else "")
        self.status_message.emit(lines[0])

    def _import_failed(self, message: str) -> None:
        self.import_bar.hide()
        self.report.setText(message)
        self.report.setStyleSheet(ERROR_STYLE)

    def open_evidence(self, evidence_id: int) -> None:
        evidence = self.model.inspection.evidence_by_id(evidence_id)
        if evidence is not None:
            EvidenceDialog(self.inspection, evidence, self).exec()

    def remove_evidence(self, evidence_ids: list[int], confirm: bool = True) -> None:
        if not evidence_ids:
            return
        if confirm:
            answer = QMessageBox.question(self, self.tr("Remove attachments"), self.tr(
                "Remove {count} attachment(s) from this inspection? The encrypted copies are deleted; "
                "the files you imported them from are not touched.").format(count=len(evidence_ids)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.inspection.remove_evidence(evidence_ids)

    # -- drag and drop onto the whole page ---------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths, self.current_item_id())


__all__ = ["InspectionPage", "InspectionFiles"]
