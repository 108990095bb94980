"""Every user setting, declared once with its default.

Kept in a small JSON file rather than the database so the main window can appear
before the (slower to import) store is opened.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app import durable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    kind: type


LANGUAGES = ("zh_CN", "en")

DECLARED: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("language", "zh_CN", str),
        SettingSpec("expert_fields", ["技术", "产业", "管理", "财务", "经济", "金融"], list),
        SettingSpec("last_folders", {}, dict),  # file-dialog folder per purpose (ui/folders.py)
        SettingSpec("window_geometry", "", str),
    )
}


class Settings:
    """Typed access to the declared settings; unknown keys are a programming error."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._values = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            values = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("ignoring unreadable settings file %s: %s", self._path, error)
            return {}
        return values if isinstance(values, dict) else {}

    def get(self, key: str) -> Any:
        spec = DECLARED[key]
        value = self._values.get(key, spec.default)
        return value if isinstance(value, spec.kind) else spec.default

    def set(self, key: str, value: Any) -> None:
        spec = DECLARED[key]
        if not isinstance(value, spec.kind):
            raise TypeError(f"setting {key} takes {spec.kind.__name__}, not {type(value).__name__}")
        self._values[key] = value
        self._save()

    def _save(self) -> None:
        durable.write_text(self._path, json.dumps(self._values, ensure_ascii=False, indent=1), mode=durable.PRIVATE)
