"""Where the expert's data lives: --data-dir, else portable mode, else Qt's AppDataLocation."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from reviewer_app import APP_NAME, ORG_NAME
from reviewer_app.datadir import portable_root


def default_data_root() -> Path:
    # Fixed names keep QStandardPaths locations stable across versions.
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def resolve_data_root(explicit: Path | None) -> Path:
    """--data-dir wins; then portable mode (a marker beside the frozen executable); then the profile."""
    portable = portable_root(Path(sys.executable).parent) if getattr(sys, "frozen", False) else None
    return explicit or portable or default_data_root()
