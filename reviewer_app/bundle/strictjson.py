"""JSON read defensively: size-bounded, UTF-8, no duplicate keys, no NaN, every field type-checked.

A `Fields` wraps one JSON object and raises the given refusal (naming the document and the
field) when a field is missing, of the wrong type, or unexpected.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any, NoReturn

from reviewer_app.bundle.errors import BundleRefused, MalformedDocument
from reviewer_app.errors import QT_TRANSLATE_NOOP

_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
_FINGERPRINT = re.compile(r"^[0-9A-F]{2}(:[0-9A-F]{2}){31}$")

MALFORMED = QT_TRANSLATE_NOOP("Errors", "The {document} in this bundle is malformed ({detail}).")


class _Malformed(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Malformed("a key appears twice")
    return result


def _constant(name: str) -> NoReturn:
    raise _Malformed(f"{name} is not a number")


def loads(data: bytes, document: str) -> dict[str, Any]:
    """The JSON object in `data`; BundleRefused naming `document` otherwise."""
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_pairs, parse_constant=_constant)
    except UnicodeDecodeError:
        raise MalformedDocument(MALFORMED, document=document, detail="not UTF-8 text") from None
    except _Malformed as exc:
        raise MalformedDocument(MALFORMED, document=document, detail=str(exc)) from None
    except (ValueError, RecursionError):
        raise MalformedDocument(MALFORMED, document=document, detail="not valid JSON") from None
    if not isinstance(value, dict):
        raise MalformedDocument(MALFORMED, document=document, detail="not a JSON object")
    return value


def dumps(value: object) -> bytes:
    """Stable, readable JSON (UTF-8, Chinese kept as is, sorted nowhere: order is meaningful)."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class Fields:
    """Typed access to one JSON object; every failure names the document and the field path."""

    def __init__(self, data: object, document: str, path: str = "", *, keys: tuple[str, ...] | None = None) -> None:
        self.document = document
        self.path = path
        if not isinstance(data, dict):
            self.fail("must be an object")
        self.data: dict[str, Any] = data
        if keys is not None:
            unexpected = sorted(set(data) - set(keys))
            if unexpected:
                self.fail(f"unexpected field {unexpected[0]!r}")
            missing = [key for key in keys if key not in data]
            if missing:
                self.fail(f"missing field {missing[0]!r}")

    def fail(self, detail: str, key: str | None = None) -> NoReturn:
        where = ".".join(part for part in (self.path, key) if part)
        raise MalformedDocument(MALFORMED, document=self.document, detail=f"{where} {detail}".strip())

    def _get(self, key: str, check: Callable[[Any], bool], wanted: str) -> Any:
        value = self.data.get(key)
        if key not in self.data or not check(value):
            self.fail(f"must be {wanted}", key)
        return value

    def text(self, key: str, *, nonempty: bool = False) -> str:
        return self._get(key, lambda v: isinstance(v, str) and (v.strip() != "" or not nonempty), "text")

    def integer(self, key: str, *, minimum: int = 0) -> int:
        return self._get(key, lambda v: type(v) is int and v >= minimum, f"a whole number from {minimum}")

    def boolean(self, key: str) -> bool:
        return self._get(key, lambda v: type(v) is bool, "true or false")

    def sha256(self, key: str) -> str:
        return self._get(key, lambda v: isinstance(v, str) and bool(_SHA256_HEX.match(v)), "a SHA-256 in lowercase hex")

    def fingerprint(self, key: str) -> str:
        return self._get(key, is_fingerprint, "a SHA-256 fingerprint AB:CD:…")

    def timestamp(self, key: str) -> dt.datetime:
        text = self.text(key)
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            self.fail("must be a date and time (ISO 8601)", key)
        if value.tzinfo is None:
            self.fail("must include a time zone offset", key)
        return value

    def obj(self, key: str, keys: tuple[str, ...] | None = None) -> Fields:
        return Fields(self.data.get(key), self.document, ".".join(p for p in (self.path, key) if p), keys=keys) if key in self.data else self.fail("is missing", key)

    def objects(self, key: str, keys: tuple[str, ...] | None = None) -> list[Fields]:
        values = self._get(key, lambda v: isinstance(v, list), "a list")
        return [Fields(v, self.document, f"{'.'.join(p for p in (self.path, key) if p)}[{i}]", keys=keys) for i, v in enumerate(values)]

    def texts(self, key: str) -> list[str]:
        return self._get(key, lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of texts")

    def raw(self, key: str) -> Any:
        return self._get(key, lambda v: True, "present")


def is_fingerprint(value: object) -> bool:
    return isinstance(value, str) and bool(_FINGERPRINT.match(value))


def format_time(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


__all__ = ["Fields", "BundleRefused", "dumps", "format_time", "is_fingerprint", "loads"]
