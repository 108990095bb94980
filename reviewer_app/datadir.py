"""Where the app keeps the expert's data. One root; everything lives below it.

The root is readable by the user alone (0700, the database and its journal files 0600) where
the system has POSIX modes; on Windows the user's profile folder is already private to the
user (its ACL), and `os.chmod` could only toggle the read-only flag, so nothing is changed.
A file system without modes (a FAT stick in portable mode) is left as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


def make_private(path: Path, *, directory: bool) -> None:
    """Make `path` readable by its owner alone, where the system has modes; never fails."""
    if os.name == "nt":
        return
    try:
        os.chmod(path, PRIVATE_DIR_MODE if directory else PRIVATE_FILE_MODE)
    except OSError:
        pass  # a file system without modes (FAT/exFAT): nothing to tighten


def private_database(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (SQLite gives its -wal and -shm
    files the database's mode), and tighten an existing one and its companions."""
    if os.name != "nt" and not path.exists():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        except FileExistsError:
            pass
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in DATABASE_COMPANIONS)):
        if candidate.exists():
            make_private(candidate, directory=False)


PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "reviewer-data"


def portable_root(executable_dir: Path) -> Path | None:
    """Portable mode (USB stick): a file `portable.txt` beside the executable makes the app
    keep its data in `reviewer-data/` beside itself instead of the user's profile."""
    if (executable_dir / PORTABLE_MARKER).is_file():
        return executable_dir / PORTABLE_DATA
    return None


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "reviewer.db"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def identity(self) -> Path:
        return self.root / "identity"

    @property
    def trust(self) -> Path:
        return self.root / "trust"

    @property
    def bundles(self) -> Path:
        """Sealed bundles as received (still encrypted)."""
        return self.root / "bundles"

    @property
    def evidence(self) -> Path:
        """Inspection photos and documents, age-encrypted to the expert's own key."""
        return self.root / "evidence"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def create(self) -> DataDir:
        for folder in (self.root, self.bundles, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
            make_private(folder, directory=True)
        private_database(self.database)
        return self
