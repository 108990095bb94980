"""The one workspace model, driven through the real workspace: a keystroke is one durable write
and no read; a typed score is saved exactly or kept visibly unsaved; undo and redo leave field,
tree, total, grade, to-do list and database in agreement; a refusing disk is told plainly."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget
from sqlalchemy import event

from gui_helpers import type_text
from reviewer_app import rubric
from reviewer_app.review.completeness import MissingKind
from reviewer_app.review.score_entry import normalise, read_score
from test_signing_gui import complete_review
from test_workspace_gui import declare, enter_score, open_first_bundle, open_window


class StatementLog:
    """Every SQL statement the store's engine runs, as an expert's edit causes it."""

    def __init__(self, engine) -> None:  # noqa: ANN001 - SQLAlchemy Engine
        self.engine = engine
        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute", self._seen)
        event.listen(engine, "commit", self._committed)

    def _seen(self, _conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        self.statements.append(statement.strip().split()[0].upper())

    def _committed(self, _conn) -> None:  # noqa: ANN001
        self.statements.append("COMMIT")

    def clear(self) -> None:
        self.statements.clear()

    def count(self, verb: str) -> int:
        return sum(1 for s in self.statements if s == verb)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
        event.remove(self.engine, "commit", self._committed)


def open_scoring(qtbot, context):
    window = open_window(qtbot, context)
    workspace = open_first_bundle(qtbot, window)
    declare(qtbot, workspace)
    workspace.tabs.setCurrentWidget(workspace.scoring)
    return window, workspace


def saved_score(context, bundle_id: str, criterion_id: str) -> float | None:
    """Read from the file by a connection of its own (the app's engine may be made to fail)."""
    connection = sqlite3.connect(f"file:{context.data_dir.database}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT value FROM score WHERE bundle_id = ? AND criterion_id = ?",
                                 (bundle_id, criterion_id)).fetchone()
    finally:
        connection.close()
    return row[0] if row else None


def test_a_keystroke_is_one_write_and_no_read(qtbot, demo_context) -> None:
    window, workspace = open_scoring(qtbot, demo_context)
    session = workspace.session
    criterion = session.my_criteria[0]
    workspace.scoring.select("criterion", criterion.id)
    panel = workspace.scoring.criterion_panel
    log = StatementLog(demo_context.store.engine)
    try:
        panel.comment.setFocus()
        for char in "good p3":
            log.clear()
            qtbot.keyClick(panel.comment, char)
            assert log.count("SELECT") == 0, log.statements
            assert log.count("COMMIT") == 1 and log.count("INSERT") == 1, log.statements
        workspace.tabs.setCurrentWidget(workspace.opinion)
        log.clear()
        type_text(qtbot, workspace.opinion.opinion, "方向明确")
        assert log.count("SELECT") == 0 and log.count("COMMIT") == 4, log.statements
        workspace.tabs.setCurrentWidget(workspace.scoring)
        log.clear()
        enter_score(qtbot, workspace, "7")
        assert log.count("SELECT") == 0 and log.count("COMMIT") == 1, log.statements
    finally:
        log.close()
    assert demo_context.store.reviews.load(session.bundle_id) == session.state, "the held state is what is saved"
    entry = demo_context.store.library_entries()[0]
    assert entry.criteria_scored == 1, "the library's progress is written in the same transaction"
    window.close_workspace()


def test_a_refused_score_stays_visible_is_listed_and_blocks_signing(qtbot, demo_context, monkeypatch) -> None:
    window, workspace = open_scoring(qtbot, demo_context)
    session, scoring = workspace.session, workspace.scoring
    panel = scoring.criterion_panel
    bundle_id = session.bundle_id
    complete_review(demo_context, bundle_id, session)
    session.reload()
    assert session.missing() == [] and workspace.signing.sign_button.isEnabled()
    ten = next(c for c in session.my_criteria if c.maximum == 10)
    saved = session.state.score(ten.id).value
    scoring.select("criterion", ten.id)
    enter_score(qtbot, workspace, "12")
    assert panel.score.text() == "12" and panel.score.refused and panel.score.styleSheet()
    assert "最高 10 分" in panel.score_message.text()
    assert f"仍以 {rubric.format_score(saved)} 分计" in panel.score_message.text(), "the screen says which value counts"
    assert saved_score(demo_context, bundle_id, ten.id) == saved, "nothing saved, nothing cut to 1"

    # Moving away keeps it: listed in 尚待完成, signing blocked, and it is still there on return.
    qtbot.keyClick(panel.score, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert panel.criterion.id != ten.id
    refused = [m for m in workspace.missing.items if m.kind is MissingKind.REFUSED_SCORE]
    assert [m.target for m in refused] == [ten.id]
    assert "12" in workspace.missing.list.item(0).text()
    assert not workspace.signing.sign_button.isEnabled()
    assert scoring.items[f"criterion:{ten.id}"].text(1).startswith("⚠")
    workspace.jump_to_next_missing()
    assert panel.criterion.id == ten.id and panel.score.text() == "12" and panel.score.hasFocus()

    # Off the step, then moved away with Alt+Down: it does not vanish either.
    enter_score(qtbot, workspace, "6.3")
    assert "以 0.5 分为单位" in panel.score_message.text()
    panel.score.setFocus()
    panel.score.selectAll()
    qtbot.keyClicks(panel.score, "6.7")
    qtbot.keyClick(panel.score, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [m.params["text"] for m in workspace.missing.items if m.kind is MissingKind.REFUSED_SCORE] == ["6.7"]

    # Leaving for the library asks first: the typed value would be lost.
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(workspace.back_button, Qt.MouseButton.LeftButton)
    assert window.workspace is workspace and "6.7" in asked[0], "not left, and told what would be lost"
    assert panel.criterion.id == ten.id and panel.score.text() == "6.7"
    window.close()  # quitting asks the same
    assert len(asked) == 2 and window.workspace is workspace

    # Corrected: saved exactly as typed (full-width digits and the Chinese point), list clear, signing back.
    scoring.select("criterion", ten.id)
    panel.score.setFocus()
    panel.score.selectAll()
    type_text(qtbot, panel.score, "８。５")
    qtbot.keyClick(panel.score, Qt.Key.Key_Return)
    assert saved_score(demo_context, bundle_id, ten.id) == 8.5 and panel.score.text() == "8.5"
    assert not panel.score.refused and not panel.score_message.text()
    assert session.missing() == [] and workspace.signing.sign_button.isEnabled()
    window.close_workspace()


def test_whatever_is_accepted_is_saved_exactly_and_whatever_is_refused_saves_nothing(qtbot, demo_context) -> None:
    window, workspace = open_scoring(qtbot, demo_context)
    session = workspace.session
    criteria = session.my_criteria
    alphabet = st.sampled_from(list("0123456789０１２３４５６７８９.。．,， \u3000分-e七"))

    @settings(max_examples=120, deadline=None)
    @given(text=st.text(alphabet=alphabet, max_size=6), index=st.integers(0, len(criteria) - 1))
    def typed(text: str, index: int) -> None:
        criterion = criteria[index]
        before = saved_score(demo_context, session.bundle_id, criterion.id)
        reading = session.enter_score(criterion.id, text)
        after = saved_score(demo_context, session.bundle_id, criterion.id)
        assert after == session.state.score(criterion.id).value
        if reading.accepted:
            folded = normalise(text)
            assert after == (float(Decimal(folded)) if folded else None)
            assert criterion.id not in session.refused_inputs
        else:
            assert after == before, "a refused text saves nothing"
            assert session.refused_inputs[criterion.id].text == text
            assert any(m.kind is MissingKind.REFUSED_SCORE and m.target == criterion.id for m in session.missing())
        assert reading == read_score(criterion, text)

    typed()
    window.close_workspace()


def assert_agreement(workspace, context, criterion, value: float | None) -> None:
    """Field, tree, total, grade label, to-do list and database all say `value`."""
    session, scoring = workspace.session, workspace.scoring
    panel = scoring.criterion_panel
    shown = "" if value is None else rubric.format_score(value)
    assert panel.score.text() == shown
    assert scoring.items[f"criterion:{criterion.id}"].text(1).split(" / ")[0] == (shown or "—")
    total = sum(session.state.score(c.id).value or 0 for s in session.spec.rubric.sections for c in s.criteria)
    assert f"{rubric.format_score(total)} /" in scoring.total.text()
    band = rubric.band_for(criterion, value) if value is not None else None
    assert panel.band.text() == ("" if band is None else f"等级：{band.label}")
    asks = any(m.kind is MissingKind.SCORE and m.target == criterion.id for m in session.missing())
    assert asks == (value is None)
    assert asks == any(m.kind is MissingKind.SCORE and m.target == criterion.id for m in workspace.missing.items)
    assert saved_score(context, session.bundle_id, criterion.id) == value


def test_undo_and_redo_act_on_the_saved_model(qtbot, demo_context) -> None:
    window, workspace = open_scoring(qtbot, demo_context)
    scoring = workspace.scoring
    criterion = workspace.session.my_criteria[0]
    scoring.select("criterion", criterion.id)
    panel = scoring.criterion_panel
    enter_score(qtbot, workspace, "7")
    assert_agreement(workspace, demo_context, criterion, 7)
    assert panel.score.hasFocus()
    qtbot.keyClick(panel.score, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # focus still in the field
    assert_agreement(workspace, demo_context, criterion, None)
    qtbot.keyClick(panel.score, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert_agreement(workspace, demo_context, criterion, 7)
    enter_score(qtbot, workspace, "5")
    assert_agreement(workspace, demo_context, criterion, 5)
    window.undo_action.trigger()
    assert_agreement(workspace, demo_context, criterion, 7)
    qtbot.keyClick(panel.score, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert_agreement(workspace, demo_context, criterion, 5)

    # Typing not yet confirmed, then Ctrl+Z: the typed text goes first, then the saved steps.
    panel.score.selectAll()
    qtbot.keyClicks(panel.score, "12")
    qtbot.keyClick(panel.score, Qt.Key.Key_Return)
    assert panel.score.refused
    qtbot.keyClick(panel.score, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not panel.score.refused and criterion.id not in workspace.session.refused_inputs
    assert_agreement(workspace, demo_context, criterion, 5)

    # A comment: Ctrl+Z in the comment box undoes through the model too (never the box's own history).
    panel.comment.setFocus()
    qtbot.keyClicks(panel.comment, "ok")
    assert workspace.session.state.score(criterion.id).comment == "ok"
    qtbot.keyClick(panel.comment, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.comment.toPlainText() == "" == workspace.session.state.score(criterion.id).comment
    assert demo_context.store.reviews.load(workspace.session.bundle_id).score(criterion.id).comment == ""
    qtbot.keyClick(panel.comment, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert panel.comment.toPlainText() == "ok" == demo_context.store.reviews.load(
        workspace.session.bundle_id).score(criterion.id).comment

    shortcuts = [s.toString() for s in window.redo_action.shortcuts()]
    assert sorted(shortcuts) == ["Ctrl+Shift+Z", "Ctrl+Y"], "each once: a duplicate is ambiguous and does nothing"
    from ui.shortcuts import ShortcutsDialog

    listed = ShortcutsDialog(window).findChild(QTableWidget, "shortcutsTable").item(1, 0).text()
    assert all(keys in listed for keys in ("Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z")), "F1 lists what works"
    assert window.undo_action.shortcut().matches(QKeySequence("Ctrl+Z")) == QKeySequence.SequenceMatch.ExactMatch
    window.close_workspace()


def test_a_full_disk_is_told_plainly_and_the_edit_is_kept_and_retried(qtbot, demo_context) -> None:
    window, workspace = open_scoring(qtbot, demo_context)
    session = workspace.session
    criterion = session.my_criteria[0]
    workspace.scoring.select("criterion", criterion.id)
    panel = workspace.scoring.criterion_panel
    engine = demo_context.store.engine
    enter_score(qtbot, workspace, "6")

    def no_room(dbapi_connection: sqlite3.Connection, _record) -> None:  # noqa: ANN001
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")  # SQLite's own SQLITE_FULL, as on a full disk

    engine.dispose()
    event.listen(engine, "connect", no_room)
    try:
        panel.comment.setFocus()
        type_text(qtbot, panel.comment, "技术" * 3000)  # more than fits: the disk is "full"
        qtbot.waitUntil(lambda: session.failure is not None)
        assert workspace.storage_banner.isVisible()
        banner = workspace.storage_banner.text()
        assert "磁盘已满" in banner and criterion.title in banner and "此前的内容均已保存" in banner
        assert panel.comment.toPlainText() == "技术" * 3000, "the unsaved text stays on screen, whole"
        assert any(m.kind is MissingKind.UNSAVED for m in workspace.missing.items)
        assert not workspace.signing.sign_button.isEnabled()
        assert QApplication.activeModalWidget() is None, "never the crash dialog"
        assert saved_score(demo_context, session.bundle_id, criterion.id) == 6, "what was saved before stays"
    finally:
        event.remove(engine, "connect", no_room)
        engine.dispose()
    session.retry_unsaved()  # the timer does this every few seconds; room again
    assert session.failure is None and not workspace.storage_banner.isVisible()
    assert demo_context.store.reviews.load(session.bundle_id).score(criterion.id).comment == panel.comment.toPlainText()
    window.close_workspace()


def test_a_read_only_database_is_told_plainly(qtbot, demo_context) -> None:
    window, workspace = open_scoring(qtbot, demo_context)
    session = workspace.session
    criterion = session.my_criteria[0]
    workspace.scoring.select("criterion", criterion.id)
    engine = demo_context.store.engine

    def read_only(dbapi_connection: sqlite3.Connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute("PRAGMA query_only=1")  # SQLite's SQLITE_READONLY, as on a write-protected stick

    engine.dispose()
    event.listen(engine, "connect", read_only)
    try:
        enter_score(qtbot, workspace, "5")
        assert "只读" in workspace.storage_banner.text() and workspace.storage_banner.isVisible()
        assert workspace.scoring.criterion_panel.score.text() == "5", "the unsaved value stays on screen"
        assert saved_score(demo_context, session.bundle_id, criterion.id) is None
        assert any(m.kind is MissingKind.UNSAVED for m in workspace.missing.items)
        assert "未保存" in window.statusBar().currentMessage() or "未保存" in workspace.storage_banner.text()
    finally:
        event.remove(engine, "connect", read_only)
        engine.dispose()
    session.retry_unsaved()
    assert saved_score(demo_context, session.bundle_id, criterion.id) == 5 and session.failure is None
    window.close_workspace()
