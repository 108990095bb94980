"""Every window and dialog of the app, walked as an expert meets them, in both languages:
no two visible, enabled controls share a mnemonic (Alt+letter), and each window fits the screen.

The fit is checked on small virtual screens in a subprocess (the offscreen platform with a screen
of 1366×768, and 1920×1080 at QT_SCALE_FACTOR=1.5 = 1280×720 logical)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
    QWizard,
)

from ui.main_window import MainWindow
from ui.screen_fit import install_screen_fit

ROOT = Path(__file__).resolve().parent.parent
SCREEN_UNDER_TEST = "REVIEWER_TEST_SCREEN"  # set by the fit tests for the walk in their subprocess
MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def labelled_mnemonics(window: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, control text) for every visible, enabled control of `window` that has a mnemonic."""
    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            if action.isVisible() and action.isEnabled() and (letter := mnemonic(action.text())):
                yield letter, f"menu {action.text()}"
    if isinstance(window, QMenu):  # a menu's own items: Alt is not needed once it is open
        for action in window.actions():
            if action.isVisible() and action.isEnabled() and (letter := mnemonic(action.text())):
                yield letter, action.text()
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window) or not widget.isEnabled():
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.textFormat() != Qt.TextFormat.RichText:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())
                      if widget.isTabEnabled(i) and widget.isTabVisible(i)]
        for text in texts:
            if letter := mnemonic(text):
                yield letter, text


def clashes(window: QWidget) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for letter, text in labelled_mnemonics(window):
        seen.setdefault(letter, []).append(text)
    return {letter: texts for letter, texts in seen.items() if len(texts) > 1}


def unreachable(window: QWidget) -> list[str]:
    """Buttons of `window` lying outside it (not inside a scrolling area, which can bring them in)."""
    lost = []
    for button in window.findChildren(QAbstractButton):
        if button.window() is not window or not button.isVisibleTo(window):
            continue
        parent = button.parentWidget()
        while parent is not None and parent is not window and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QAbstractScrollArea):
            continue
        rect = button.rect().translated(button.mapTo(window, button.rect().topLeft()))
        if not window.rect().contains(rect):
            lost.append(button.text() or button.objectName())
    return lost


class Walk:
    """Collects what is wrong with each window met on the way."""

    def __init__(self, check_fit: bool) -> None:
        self.check_fit = check_fit
        self.problems: list[str] = []
        self.visited: list[str] = []

    def visit(self, window: QWidget, where: str) -> None:
        QApplication.processEvents()
        self.visited.append(where)
        for letter, texts in clashes(window).items():
            self.problems.append(f"{where}: Alt+{letter} is {' and '.join(texts)}")
        if self.check_fit and not isinstance(window, QMenu):
            available = window.screen().availableGeometry()
            if not available.contains(window.frameGeometry()):
                self.problems.append(f"{where}: {window.frameGeometry()} is not inside the screen {available}")
            if lost := unreachable(window):
                self.problems.append(f"{where}: buttons outside the window: {lost}")


def shown_dialog(qtbot, kind: type, name: str = "") -> QDialog:
    def find() -> QDialog | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible() and (not name or widget.objectName() == name):
                return widget
        return None

    qtbot.waitUntil(lambda: find() is not None, timeout=60_000)
    dialog = find()
    assert dialog is not None
    return dialog


def visit_dialog(qtbot, walk: Walk, open_it: Callable[[], object], kind: type, where: str, name: str = "") -> None:
    open_it()
    dialog = shown_dialog(qtbot, kind, name)
    if isinstance(dialog, QWizard):
        visit_wizard(walk, dialog, where)
    else:
        walk.visit(dialog, where)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def visit_modal(qtbot, walk: Walk, open_modal: Callable[[], object], kind: type, where: str) -> None:
    """A dialog run with exec() (e.g. QFileDialog's static functions): looked at from inside its loop."""
    seen: list[QWidget] = []

    def look() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, look)
            return
        walk.visit(dialog, where)
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, look)
    open_modal()
    assert seen, f"{where} was not shown"


def visit_wizard(walk: Walk, wizard: QWizard, where: str) -> None:
    """Every page as the current one (the pages' own checks are tested with the wizard itself)."""
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        for other_id in wizard.pageIds():
            wizard.page(other_id).setVisible(other_id == page_id)
        walk.visit(wizard, f"{where}, page “{page.title()}”")
    for page_id in wizard.pageIds():
        wizard.page(page_id).setVisible(page_id == wizard.currentId())


def walk_the_app(qtbot, context, walk: Walk) -> None:
    from ui.app import place_window

    window = MainWindow(context)
    qtbot.addWidget(window)
    place_window(window)  # where the app puts it on start
    window.show()
    qtbot.waitExposed(window)
    walk.visit(window, "empty library")
    window.show_preparing(1, 4)
    walk.visit(window, "preparing the demo")
    window.attach_store(context.store)
    walk.visit(window, "library")
    visit_modal(qtbot, walk, window.choose_bundle, QFileDialog, "Open bundle (file dialog)")
    for action in window.menuBar().actions():
        walk.visit(action.menu(), f"menu {action.text()}")

    from ui.about import AboutDialog
    from ui.enrolment import EnrolmentWizard
    from ui.guide import GuideDialog
    from ui.identity_dialog import IdentityDialog
    from ui.passphrase_widgets import UnlockDialog
    from ui.shortcuts import ShortcutsDialog

    visit_dialog(qtbot, walk, window.show_about, AboutDialog, "About")
    visit_dialog(qtbot, walk, window.show_shortcuts, ShortcutsDialog, "Keyboard shortcuts")
    visit_dialog(qtbot, walk, window.show_guide, GuideDialog, "Guide to a review")
    visit_dialog(qtbot, walk, window.show_identity, IdentityDialog, "Identity and trust")
    visit_dialog(qtbot, walk, window.show_enrolment, EnrolmentWizard, "Enrolment wizard")
    unlock = UnlockDialog(context.jobs, lambda _passphrase: None, "解锁", window)
    visit_dialog(qtbot, walk, unlock.open, UnlockDialog, "Unlock")
    from reviewer_app import trust
    from reviewer_app.demo_setup import WORLD_DIR
    from ui.trust_widgets import PinOrganizationDialog

    certificate = (context.data_dir.root / WORLD_DIR / "org" / "org-cert.pem").read_bytes()
    pin = PinOrganizationDialog(trust.inspect_certificate(certificate), window)
    visit_dialog(qtbot, walk, pin.open, PinOrganizationDialog, "Trust an organization")

    window.home.table.setCurrentIndex(window.home.model.index(0, 0))
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    workspace = window.workspace
    walk.visit(window, "workspace, declarations")
    page = workspace.declarations
    for question in page.units:  # one answer per unit the application lists
        question.none.setChecked(True)
    page.no_conflict.setChecked(True)
    page.pledge.setChecked(True)
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        walk.visit(window, f"workspace, tab {workspace.tabs.tabText(index)}")

    signing = workspace.signing
    visit_dialog(qtbot, walk, signing.overview_button.click, QDialog, "Score overview", "scoreOverview")
    visit_dialog(qtbot, walk, signing.preview_button.click, QDialog, "Draft score sheet", "pdfPreview")
    visit_panel(qtbot, walk, window, context)
    window.close_workspace()


def visit_panel(qtbot, walk: Walk, window: MainWindow, context) -> None:
    """The 专家组 tab with the panel's packages in, its dialogs, and a re-check request shown on
    the workspace (signed by another demo member, answered from the banner)."""
    from reviewer_app.demo_setup import WORLD_DIR
    from reviewer_app.panel import opinion as opinions
    from test_panel_flow_gui import request_from_the_leader
    from ui.panel.cosign import CosignDialog
    from ui.panel.draft_dialog import DraftDialog
    from ui.panel.recheck_dialogs import AnswerDialog, RequestDialog

    workspace = window.workspace
    panel, opened = workspace.panel, workspace.session.opened
    world = context.data_dir.root / WORLD_DIR
    workspace.tabs.setCurrentWidget(panel)
    panel.import_files(sorted((world / "packages").glob(f"{opened.application.id}-*.rvs")))
    qtbot.waitUntil(lambda: panel.job is None, timeout=300_000)
    assert panel.table.isVisibleTo(window)
    walk.visit(window, "workspace, panel tab with the packages")
    member = next(fp for fp in panel._members if fp != context.unlocked.fingerprint)
    visit_dialog(qtbot, walk, lambda: panel.ask_recheck(member, world), RequestDialog, "Re-check request")
    visit_dialog(qtbot, walk, panel.open_draft, DraftDialog, "Draft the group opinion")
    visit_dialog(qtbot, walk, lambda: panel.sign_opinion(world / "opinions" / "work" / f"{opened.application.id}{opinions.DRAFT_SUFFIX}"), CosignDialog, "Sign the group opinion")
    request = request_from_the_leader(world, opened, context.unlocked.fingerprint, world)
    visit_dialog(qtbot, walk, lambda: panel.answer_recheck(request, world), AnswerDialog, "Answer the re-check")
    assert panel.recheck_banner.isVisibleTo(window)
    walk.visit(window, "workspace with a re-check request on it")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_window_has_unique_mnemonics(qtbot, qapp, demo_context, language: str) -> None:
    demo_context.translations.switch(language)
    screen = os.environ.get(SCREEN_UNDER_TEST)
    fit = install_screen_fit(qapp)  # as ui.app.create_application does
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    walk = Walk(check_fit=bool(screen))
    try:
        walk_the_app(qtbot, demo_context, walk)
    finally:
        qapp.removeEventFilter(fit)
    assert len(walk.visited) >= 20, walk.visited
    assert not walk.problems, "\n".join(walk.problems)
    if screen:
        print(json.dumps({"screen": screen, "visited": walk.visited}))


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, "1"), (1920, 1080, "1.5")],
                         ids=["1366x768", "1920x1080 at 150%"])
def test_every_window_fits_a_laptop_screen(tmp_path: Path, width: int, height: int, scale: str) -> None:
    config = tmp_path / "screen.json"
    # A 40-px taskbar is not modelled by the offscreen platform; the frames it adds are.
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale, SCREEN_UNDER_TEST: f"{width}x{height}@{scale}"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(Path(__file__)), "-p", "no:cacheprovider", "-q", "-s",
         "-k", "test_every_window_has_unique_mnemonics"],
        capture_output=True, text=True, timeout=900, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    reports = [json.loads(line[line.index("{"):]) for line in result.stdout.splitlines() if "{\"screen\"" in line]
    assert len(reports) == 2 and all(r["screen"] == f"{width}x{height}@{scale}" for r in reports)
