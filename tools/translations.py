"""Qt Linguist workflow.

    python tools/translations.py update   # pyside6-lupdate: refresh resources/translations/*.ts from the sources
    python tools/translations.py build    # pyside6-lrelease: compile .ts -> .qm (build step; .qm is not committed)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCE_DIRS = ("reviewer_app", "ui")
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install the project (pip install -e .) first")
    return found


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"reviewer_{language}.ts"
        subprocess.run(
            [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)],
            cwd=ROOT,
            check=True,
        )


def build() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    commands = {"update": update, "build": build}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()
