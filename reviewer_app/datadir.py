"""Where the app keeps the expert's data. One root; everything lives below it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        return self
