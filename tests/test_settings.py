from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer_app.settings import DECLARED, Settings


def test_defaults_then_persisted_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    assert settings.get("language") == "zh_CN"
    assert "财务" in settings.get("expert_fields")
    settings.set("language", "en")
    assert Settings(path).get("language") == "en"
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"


def test_wrong_type_and_unknown_key_are_programming_errors(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    with pytest.raises(TypeError):
        settings.set("language", 3)
    with pytest.raises(KeyError):
        settings.get("no_such_setting")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"language": 7}'])
def test_damaged_settings_file_falls_back_to_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    assert Settings(path).get("language") == DECLARED["language"].default
