"""Refusals of a bundle: one plain, translatable sentence that names the fault."""

from __future__ import annotations

from reviewer_app.errors import Cancelled, UserFacingError

__all__ = ["BundleRefused", "Cancelled", "MalformedDocument", "SealRefused", "refuse"]


class BundleRefused(UserFacingError):
    """The bundle is not exactly what the organization sealed, or not for this expert or time."""


class MalformedDocument(BundleRefused):
    """A JSON document of a bundle (or package) out of shape; params name the document and the detail."""


class SealRefused(UserFacingError):
    """The organization's source folder or options cannot be sealed as they are."""


def refuse(template: str, **params: object) -> BundleRefused:
    return BundleRefused(template, **params)
