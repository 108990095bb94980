"""Sealed application bundles (`*.rvb`): format, sealing and the defensive reader.

The GUI uses `verify_outer` / `unlock_bundle` (or `open_bundle` for both) from a worker
thread and gets an `OpenedBundle`; the organization toolkit uses `load_source` and
`seal_bundle`. The format is specified in docs/formats.md.

Names are exported lazily (PEP 562) so that `reviewer-app verify` imports only what it needs
before it starts hashing.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from reviewer_app.bundle.errors import BundleRefused, Cancelled, SealRefused

_LAZY = {
    "ApplicationInfo": "model",
    "BundleInfo": "model",
    "Manifest": "model",
    "Material": "model",
    "PanelMember": "model",
    "ReviewInfo": "model",
    "Window": "model",
    "OpenedBundle": "reader",
    "VerifiedBundle": "reader",
    "check_window": "reader",
    "open_bundle": "reader",
    "unlock_bundle": "reader",
    "verify_outer": "reader",
}

__all__ = ["BundleRefused", "Cancelled", "SealRefused", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"reviewer_app.bundle.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'reviewer_app.bundle' has no attribute {name!r}")
