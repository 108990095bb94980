"""Layering rules: the core never imports Qt; starting the GUI imports nothing heavy."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reviewer_app

HEAVY_FOR_STARTUP = ("sqlmodel", "sqlalchemy", "reportlab", "pyhanko", "cryptography", "pyrage", "PIL")


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return result.stdout.strip()


def test_core_imports_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(reviewer_app.__path__, "reviewer_app.")]
    assert "reviewer_app.store.database" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    assert run_python(code) == "[]"


def test_gui_start_up_path_imports_nothing_heavy() -> None:
    code = (
        "import sys, ui.app, ui.main_window\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY_FOR_STARTUP!r})))"
    )
    assert run_python(code) == "[]"
