"""`reviewer-app`: the GUI, plus `reviewer-app verify` for checking a bundle without it.

The entry point lives in ui/ because finding the expert's data folder needs Qt
(QStandardPaths); the core's `verify` command is handed that folder, so the core never
imports the UI.
"""

from __future__ import annotations

import time

STARTED_AT = time.perf_counter()

import argparse  # noqa: E402 - the clock above must start first
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from reviewer_app import __version__  # noqa: E402


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer-app",
        description="Offline review app for expert panels. "
        "Run `reviewer-app verify BUNDLE ...` to check a bundle without the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"reviewer-app {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep all user data in DIR (tests, portable use)")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="print ready_ms=<milliseconds> once the main window is shown, then exit",
    )
    parser.add_argument("--demo", action="store_true", help="open the built-in demo (separate data)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="user interface language for this run")
    return parser


def _show_qt_its_plugins_in_the_built_app() -> None:
    """What PyInstaller's PySide6 run-time hook did, left out of the build (build_installer.spec)
    so that commands without a window do not load Qt: tell Qt where the collected plugins are, and
    on Windows let it find the DLLs collected beside the app's modules."""
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or base is None:
        return
    qt = Path(base) / "PySide6" if sys.platform == "win32" else Path(base) / "PySide6" / "Qt"
    os.environ["QT_PLUGIN_PATH"] = str(qt / "plugins")
    if sys.platform == "win32":
        os.environ["PATH"] = os.pathsep.join(filter(None, (base, os.environ.get("PATH"))))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["verify"]:
        from reviewer_app.bundle.verify_command import run

        def resolve_data_root(explicit: Path | None) -> Path:
            # Qt (~50 ms) only when the app's own pinned organizations are asked for.
            from ui.paths import resolve_data_root as resolve

            return resolve(explicit)

        return run(args[1:], default_data_root=resolve_data_root)
    options = _gui_parser().parse_args(args)
    _show_qt_its_plugins_in_the_built_app()
    from ui.app import run_gui  # Qt only when the GUI is really wanted

    return run_gui(options, started_at=STARTED_AT)


if __name__ == "__main__":
    sys.exit(main())
