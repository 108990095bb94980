"""The review workspace walked as an expert would: open, declare, read, score (with refusals),
notes, opinion, complete; undo/redo; everything saved and back after reopening."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from gui_helpers import type_text
from reviewer_app import rubric
from reviewer_app.library import ReviewStatus
from ui.main_window import MainWindow
from ui.workspace.workspace import Workspace


def open_window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.attach_store(context.store)
    return window


def open_first_bundle(qtbot, window: MainWindow) -> Workspace:
    entries = window.context.store.library_entries()
    window.home.table.setCurrentIndex(window.home.model.index(0, 0))
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    assert window.workspace.session.bundle_id == entries[0].bundle_id
    window.activateWindow()  # the progress dialog had it; offscreen has no window manager to give it back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window.workspace


def enter_score(qtbot, workspace: Workspace, text: str) -> None:
    edit = workspace.scoring.criterion_panel.score
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def declare(qtbot, workspace: Workspace) -> None:
    page = workspace.declarations
    assert workspace.stack.currentWidget() is page, "materials must stay hidden until the declarations"
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    if page.units:  # the application lists related units: one explicit answer for each first
        assert page.units[0].unit.unit in page.message.text() and not page.no_conflict.isEnabled()
        for question in page.units:
            question.none.setChecked(True)
        assert page.no_conflict.isEnabled()
        qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert "conflict" in page.message.text().lower() or "回避" in page.message.text()
    page.no_conflict.setChecked(True)
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert workspace.stack.currentWidget() is page
    assert page.message.text()
    page.pledge.setChecked(True)
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert workspace.stack.currentIndex() == 1


def test_whole_review_from_opening_to_complete(qtbot, demo_context) -> None:
    window = open_window(qtbot, demo_context)
    workspace = open_first_bundle(qtbot, window)
    session = workspace.session
    declare(qtbot, workspace)
    assert session.state.declarations.cleared
    assert demo_context.store.library_entries()[0].status is ReviewStatus.IN_REVIEW

    # Read a page of the application form, then cite it in a comment later.
    workspace.tabs.setCurrentWidget(workspace.materials)
    viewer = workspace.materials
    first_material = session.opened.materials[0]
    viewer.open_document(first_material.id)
    qtbot.waitUntil(lambda: viewer.page_count() > 1, timeout=30_000)
    viewer.next_page()
    qtbot.waitUntil(lambda: viewer.current_page() == 2)

    workspace.tabs.setCurrentWidget(workspace.scoring)
    scoring = workspace.scoring
    mine = session.my_criteria
    assert mine and all(c.scored_by("technical") for c in mine)  # own field's sections and the every-member ones
    assert any(c.all_members for c in mine) and any("technical" in c.fields for c in mine)
    assert scoring.only_mine.isChecked()
    visible = [i.data(0, Qt.ItemDataRole.UserRole + 1) for i in scoring.selectable_items()]
    assert [c.id for c in mine] == [v for v in visible if v in {c.id for c in mine}]

    first = mine[0]
    scoring.select("criterion", first.id)
    panel = scoring.criterion_panel
    assert panel.title.text() == first.title and first.guidance in panel.guidance.text()
    enter_score(qtbot, workspace, "abc")
    assert panel.score.text() == "abc" and panel.score_message.text(), "letters are refused, and stay to be corrected"
    assert session.state.score(first.id).value is None
    enter_score(qtbot, workspace, "99")
    assert panel.score.text() == "99" and rubric.format_score(first.maximum) in panel.score_message.text()
    assert session.state.score(first.id).value is None, "a refused score is never cut to 9"
    good = first.maximum - 2  # on every step grid, below the maximum
    enter_score(qtbot, workspace, rubric.format_score(good))
    assert session.state.score(first.id).value == good and not panel.score_message.text()
    off_step = rubric.format_score(good - 0.7)
    enter_score(qtbot, workspace, off_step)
    assert panel.score.text() == off_step and panel.score_message.text() and rubric.format_score(good) in panel.score_message.text()
    assert session.state.score(first.id).value == good, "refused input never replaces the saved score"

    for criterion in mine:
        scoring.select("criterion", criterion.id)
        value = criterion.maximum - criterion.step
        enter_score(qtbot, workspace, rubric.format_score(value))
        assert session.state.score(criterion.id).value == value
        if rubric.comment_required(criterion, value):
            assert "⚠" in panel.comment_rule.text()
            type_text(qtbot, panel.comment, "技术路线清晰，专利布局完整。")
            assert session.state.score(criterion.id).comment == "技术路线清晰，专利布局完整。"
            assert "⚠" not in panel.comment_rule.text()
    scoring.select("criterion", mine[0].id)
    with qtbot.waitSignal(viewer.page_reference_requested):
        viewer.cite_current_page()
    assert session.state.score(mine[0].id).comment.endswith(f"《{first_material.title}》第 2 页")
    expected_total = sum(c.maximum - c.step for c in mine)
    assert rubric.format_score(expected_total) in scoring.total.text()

    # A raised veto needs a reason.
    veto = session.spec.rubric.vetoes[0]
    scoring.select("veto", veto.id)
    scoring.veto_panel.raised.setChecked(True)
    assert any(m.target == veto.id for m in session.missing())
    scoring.veto_panel.raised.setChecked(False)
    assert not any(m.target == veto.id for m in session.missing())

    # Defense note linked to a criterion shows beside it while scoring.
    workspace.tabs.setCurrentWidget(workspace.notes)
    notes = workspace.notes
    notes.list.setFocus()
    qtbot.keyClick(notes.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(session.state.notes) == 1)
    type_text(qtbot, notes.question, "核心专利是否已授权？")
    type_text(qtbot, notes.answer, "已授权发明专利12项。")
    notes.criteria.item(next(r for r in range(notes.criteria.count())
                             if notes.criteria.item(r).data(Qt.ItemDataRole.UserRole) == mine[0].id)
                        ).setCheckState(Qt.CheckState.Checked)
    assert session.state.notes[0].criteria == (mine[0].id,)
    workspace.tabs.setCurrentWidget(scoring)
    scoring.select("criterion", mine[0].id)
    assert "核心专利是否已授权" in panel.notes.text()

    # Opinion and recommendation, with the bundle's length rule.
    workspace.tabs.setCurrentWidget(workspace.opinion)
    opinion = workspace.opinion
    type_text(qtbot, opinion.opinion, "短评")
    assert any("50" in QApplication.translate("Errors", m.template).format(**m.params) for m in session.missing())
    type_text(qtbot, opinion.opinion, "。" + "该中心技术方向明确，牵头单位研发实力较强，联盟成员覆盖产业链上下游，建议加强成果转化机制建设。")
    choice = next(iter(opinion.buttons.values()))
    qtbot.mouseClick(choice, Qt.MouseButton.LeftButton, pos=QPoint(8, choice.height() // 2))
    assert session.missing() == []
    assert workspace.missing.list.count() == 0 and "✓" in workspace.missing.heading.text()
    assert window.saved_indicator.text()
    entry = demo_context.store.library_entries()[0]
    assert (entry.criteria_scored, entry.criteria_total) == (len(mine), len(mine))

    # Undo and redo the last score.
    last = mine[-1]
    scoring.select("criterion", last.id)
    workspace.tabs.setCurrentWidget(scoring)
    enter_score(qtbot, workspace, "0")
    assert session.state.score(last.id).value == 0
    window.undo_action.trigger()
    assert session.state.score(last.id).value == last.maximum - last.step
    window.redo_action.trigger()
    assert session.state.score(last.id).value == 0
    window.undo_action.trigger()

    # Everything is in the store: a fresh load sees it all.
    reloaded = demo_context.store.reviews.load(session.bundle_id)
    assert reloaded == session.state
    window.close_workspace()
    assert window.pages.currentWidget() is window.home


def test_missing_panel_jumps_to_the_criterion(qtbot, demo_context) -> None:
    window = open_window(qtbot, demo_context)
    workspace = open_first_bundle(qtbot, window)
    declare(qtbot, workspace)
    first_missing = workspace.missing.items[0]
    workspace.jump_to_next_missing()
    assert workspace.tabs.currentWidget() is workspace.scoring
    assert workspace.scoring.criterion_panel.criterion.id == first_missing.target
    assert workspace.scoring.criterion_panel.score.hasFocus()
    workspace.scoring.move(1)
    assert workspace.scoring.criterion_panel.criterion.id != first_missing.target


def test_declaring_a_conflict_ends_the_review(qtbot, demo_context) -> None:
    window = open_window(qtbot, demo_context)
    workspace = open_first_bundle(qtbot, window)
    page = workspace.declarations
    page.has_conflict.setChecked(True)
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert page.message.text(), "a reason is required"
    type_text(qtbot, page.reason, "本人曾任申报单位技术顾问。")
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert workspace.tabs.currentWidget() is workspace.signing
    assert not workspace.tabs.isTabEnabled(workspace.tabs.indexOf(workspace.materials)), "no materials after recusal"
    assert "本人曾任申报单位技术顾问" in workspace.signing.state_label.text()
    window.close_workspace()
    assert demo_context.store.library_entries()[0].status is ReviewStatus.RECUSED
