"""The app as a laptop shows it: the whole screen at 1366×768, and 1920×1080 at 150 % scaling
(1280×720 logical), with the windows where the app puts them. Writes docs/screenshots/laptop-*.png.

    .venv/bin/python tools/laptop_screenshots.py

Each screen runs in its own process (the screen size and scale are fixed when Qt starts), on the
offscreen platform with a configured screen; the demo world is built once and copied."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SCREENS = {"1366x768": (1366, 768, "1"), "150pct": (1920, 1080, "1.5")}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        take(sys.argv[2], Path(sys.argv[3]))
        return
    sys.path.insert(0, str(ROOT))
    from reviewer_app.org.demo import build_demo_world

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        world = Path(temp) / "world"
        build_demo_world(world)
        for name, (width, height, scale) in SCREENS.items():
            config = Path(temp) / f"{name}.json"
            config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
                {"name": name, "x": 0, "y": 0, "width": width, "height": height,
                 "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale,
                   "PYTHONPATH": str(ROOT)}
            subprocess.run([sys.executable, __file__, "--child", name, str(world)], env=env, check=True, timeout=900)
        opinion_pages(world)


def opinion_pages(world: Path) -> None:
    """The pages of a demo group opinion (the one with a dissent and a re-check), pdftoppm at 60 dpi."""
    import zipfile

    from reviewer_app.panel import opinion as opinions

    final = world / "opinions" / f"GZ-2025-ZZ-07-专家组意见{opinions.FINAL_SUFFIX}"
    with tempfile.TemporaryDirectory() as temp, zipfile.ZipFile(final) as archive:
        pdf = Path(temp) / opinions.OPINION_PDF
        pdf.write_bytes(archive.read(opinions.OPINION_PDF))
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / "group-opinion")], check=True, timeout=120)
    print("wrote", sorted(p.name for p in OUT.glob("group-opinion-*.png")))


def panel_shots(window, context, world: Path, name: str, screen_shot, wait_until) -> None:  # noqa: ANN001
    """The 专家组 tab with the application's packages imported, the draft dialog, and a re-check
    request on the workspace with its answer dialog (signed by the named leader, else another member)."""
    import datetime as dt

    from reviewer_app import identity, keys
    from reviewer_app.demo_setup import demo_expert_id
    from reviewer_app.org.demo import PASSPHRASE_FILE
    from reviewer_app.org.demo_content import EXPERTS
    from reviewer_app.panel import recheck

    workspace = window.workspace
    panel, opened = workspace.panel, workspace.session.opened
    workspace.tabs.setCurrentWidget(panel)
    panel.import_files(sorted((world / "packages").glob(f"{opened.application.id}-*.rvs")))
    wait_until(lambda: panel.job is None)
    if panel.rulings:
        ruling, reason = next(iter(panel.rulings.values()))
        ruling.setCurrentIndex(ruling.findData("confirmed"))
        reason.setText("专家组讨论后确认。")
    screen_shot([window], f"laptop-{name}-panel.png")
    draft = panel.open_draft()
    if draft is not None:
        screen_shot([window, draft], f"laptop-{name}-panel-draft.png")
        draft.reject()
    fingerprints = {e.id: identity.load_public(world / "experts" / e.id).fingerprint for e in EXPERTS}
    asker = next((i for i, fp in fingerprints.items() if fp == opened.manifest.leader), next(e.id for e in EXPERTS if e.id != demo_expert_id()))
    folder = world / "experts" / asker
    key, _ = keys.read_pkcs12(folder / identity.P12_FILE, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
    criteria = [c.id for c in opened.spec.rubric.criteria()][:2]
    request = world / f"{opened.application.id}{recheck.REQUEST_SUFFIX}"
    request.write_bytes(recheck.make_request(
        bundle_id=opened.bundle_id, application_id=opened.application.id, panel=[m.fingerprint for m in opened.manifest.panel],
        criteria=criteria, member=context.unlocked.fingerprint, question="A1、A2 评分明显低于其他成员，请结合答辩补充材料复核。",
        certificate=identity.load_public(folder).certificate, private_key=key, now=dt.datetime.now().astimezone().replace(microsecond=0)))  # fmt: skip
    answer = panel.answer_recheck(request, world)
    screen_shot([window, answer], f"laptop-{name}-recheck-answer.png")
    answer.reject()


def take(name: str, world: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    from reviewer_app.datadir import DataDir
    from reviewer_app.demo_setup import WORLD_DIR, prepare_demo
    from reviewer_app.settings import Settings
    from reviewer_app.store.database import open_store
    from ui.app import create_application, place_window, register_cjk_font
    from ui.context import AppContext
    from ui.i18n import Translations
    from ui.jobs import JobRunner
    from ui.main_window import MainWindow

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_until(predicate) -> None:  # noqa: ANN001
        for _ in range(600):
            if predicate():
                return
            settle(100)
        raise SystemExit("timed out")

    def screen_shot(windows: list[QWidget], file_name: str) -> None:
        """The screen as the expert sees it: each window drawn where it is, on an empty desktop."""
        settle()
        screen = windows[0].screen()
        ratio = screen.devicePixelRatio()
        size = screen.geometry().size() * ratio
        canvas = QPixmap(size)
        canvas.fill(QColor("#3b4a5a"))
        painter = QPainter(canvas)
        for window in windows:
            frame = window.frameGeometry()
            painter.fillRect(frame.x() * ratio, frame.y() * ratio, frame.width() * ratio, frame.height() * ratio,
                             QColor("#d0d4d8"))
            grab = window.grab()
            grab.setDevicePixelRatio(1)
            painter.drawPixmap(round(window.geometry().x() * ratio), round(window.geometry().y() * ratio), grab)
        painter.end()
        canvas.save(str(OUT / file_name))
        print("wrote", OUT / file_name, f"{size.width()}×{size.height()}")

    app = create_application(sys.argv[:1])
    register_cjk_font(app)
    with tempfile.TemporaryDirectory() as temp:
        data_dir = DataDir(Path(temp) / "demo").create()
        shutil.copytree(world, data_dir.root / WORLD_DIR)
        translations = Translations(app)
        translations.switch("zh_CN")
        context = AppContext(data_dir, Settings(data_dir.settings), translations, JobRunner())
        context.store = open_store(data_dir.database)
        context.unlocked = prepare_demo(data_dir, context.store).expert
        window = MainWindow(context)
        place_window(window)
        window.show()
        window.attach_store(context.store)
        screen_shot([window], f"laptop-{name}-library.png")
        window.opener.open_from_library(context.store.library_entries()[0].bundle_id)
        wait_until(lambda: window.workspace is not None)
        workspace = window.workspace
        for question in workspace.declarations.units:  # one answer per unit the application lists
            question.none.setChecked(True)
        workspace.declarations.no_conflict.setChecked(True)
        workspace.declarations.pledge.setChecked(True)
        workspace.declarations.submit()
        session = workspace.session
        first = session.my_criteria[0]
        session.set_score(first.id, first.maximum - first.step)
        session.set_comment(first.id, "技术路线清晰，核心专利布局较完整；产业化验证数据尚需补充。《申报书》第 3 页")
        workspace.tabs.setCurrentWidget(workspace.scoring)
        workspace.scoring.select("criterion", first.id)
        screen_shot([window], f"laptop-{name}-scoring.png")
        window.show_guide()
        wait_until(lambda: any(w.objectName() == "guideDialog" and w.isVisible() for w in QApplication.topLevelWidgets()))
        guide = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "guideDialog")
        screen_shot([window, guide], f"laptop-{name}-guide.png")
        guide.close()
        workspace.tabs.setCurrentWidget(workspace.signing)
        screen_shot([window], f"laptop-{name}-signing.png")
        workspace.signing.show_overview()
        overview = workspace.signing.overview_dialog
        screen_shot([window, overview], f"laptop-{name}-overview.png")
        overview.close()
        panel_shots(window, context, world, name, screen_shot, wait_until)
        window.close_workspace()
        context.jobs.wait_for_all()
        context.store.close()


if __name__ == "__main__":
    main()
