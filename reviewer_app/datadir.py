"""Where the app keeps the expert's data. One root; everything lives below it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    def logs(self) -> Path:
        return self.root / "logs"

    def create(self) -> DataDir:
        for folder in (self.root, self.bundles, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self
