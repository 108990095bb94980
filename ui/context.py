"""What every window needs from the application, passed explicitly (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer_app.datadir import DataDir
from reviewer_app.settings import Settings
from ui.i18n import Translations
from ui.jobs import JobRunner

if TYPE_CHECKING:  # the store imports sqlmodel, which is slow; it is opened after the window shows
    from reviewer_app.identity import UnlockedIdentity
    from reviewer_app.store.store import Store


@dataclass
class AppContext:
    data_dir: DataDir
    settings: Settings
    translations: Translations
    jobs: JobRunner
    store: Store | None = None
    unlocked: UnlockedIdentity | None = None  # kept for this run once the expert typed the passphrase
