"""The score-sheet viewer and the overview of my scores fit a 1366×768 laptop and 1920×1080 at
150 %, with their buttons on screen. Each screen is a fresh process (Qt fixes the screen at start):
the offscreen platform with a configured screen, and QT_SCALE_FACTOR for the scaling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from package_fixtures import world_dir  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[3]) / "tests"))
from PySide6.QtWidgets import QPushButton
from ui.app import create_application
app = create_application([])  # as the app starts: with its screen fit (ui/screen_fit.py)
from package_fixtures import build, demo_review, demo_signer, members_of, opened_bundle
from reviewer_app.store.database import open_store
from ui.workspace.overview import ScoreOverviewDialog
from ui.workspace.session import WorkspaceModel
from ui.workspace.signing import PdfPreviewDialog

world, tmp = Path(sys.argv[1]), Path(sys.argv[2])
review = demo_review(world, "GZ-2025-ZZ-03", "lin-xiaomei")
built = build(world, "GZ-2025-ZZ-03", demo_signer(world, "lin-xiaomei"), review.state)
pdf = dict(members_of(built.data))["score.pdf"]
store = open_store(tmp / "review.db")
opened = opened_bundle(world, "GZ-2025-ZZ-03")
session = WorkspaceModel(opened, store.reviews, built.document.expert.field, store.inspections)
session.state = review.state
area = app.primaryScreen().availableGeometry()
results = {"screen": [area.width(), area.height()]}
for name, dialog in (("viewer", PdfPreviewDialog(pdf, "score sheet", on_print=lambda data: None)),
                     ("overview", ScoreOverviewDialog(session))):
    dialog.show()
    app.processEvents()
    frame = dialog.frameGeometry()
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    on_screen = [area.contains(b.rect().translated(b.mapToGlobal(b.rect().topLeft()) - b.rect().topLeft())) for b in buttons]
    results[name] = {"frame": [frame.x(), frame.y(), frame.width(), frame.height()], "fits": area.contains(frame),
                     "buttons": len(buttons), "buttons_on_screen": all(on_screen)}
    dialog.close()
store.close()
print(json.dumps(results))
"""


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, "1"), (1920, 1080, "1.5")])
def test_viewer_and_overview_fit_the_screen(world_dir: Path, tmp_path: Path, width: int, height: int, scale: str) -> None:  # noqa: F811
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale,
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", CHILD, str(world_dir), str(tmp_path), str(ROOT)],
                            capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    expected = [round(width / float(scale)), round(height / float(scale))]
    assert report["screen"] == expected, "the virtual screen was not applied"
    for name in ("viewer", "overview"):
        dialog = report[name]
        assert dialog["fits"] and dialog["buttons"] >= 1 and dialog["buttons_on_screen"], (name, dialog, report["screen"])
