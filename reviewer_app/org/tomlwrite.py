"""A small TOML writer for the shapes review.toml uses (the standard library only reads TOML).

Scalars, lists of scalars, tables, arrays of tables; a list of small flat tables (score bands)
is written inline so the file stays readable.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_scalar(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_flat_table(value: Any) -> bool:
    return isinstance(value, Mapping) and all(not isinstance(v, (Mapping, list)) for v in value.values())


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _short_flat(value: Any) -> bool:
    return _is_flat_table(value) and len(_scalar(value)) <= 48


def _inline(value: Any) -> bool:
    """Scalars and lists of scalars; small flat tables (a comment rule) and short lists of them (bands)."""
    if isinstance(value, Mapping):
        return _short_flat(value) and len(value) <= 3
    if _is_table_array(value):
        return len(value) <= 6 and all(_short_flat(v) for v in value)
    return True


def _table(data: Mapping[str, Any], path: list[str], lines: list[str]) -> None:
    for key, value in data.items():
        if _inline(value):
            lines.append(f"{_key(key)} = {_scalar(value)}")
    for key, value in data.items():
        if _inline(value):
            continue
        if isinstance(value, Mapping):
            lines.extend(["", f"[{'.'.join(_key(p) for p in [*path, key])}]"])
            _table(value, [*path, key], lines)
        else:
            for item in value:
                lines.extend(["", f"[[{'.'.join(_key(p) for p in [*path, key])}]]"])
                _table(item, [*path, key], lines)


def dumps(data: Mapping[str, Any], header: str = "") -> str:
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    _table(data, [], lines)
    return "\n".join(lines).lstrip("\n") + "\n"
