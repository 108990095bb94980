"""Refusals of a score package: one plain, translatable sentence that names the fault."""

from __future__ import annotations

from reviewer_app.errors import UserFacingError


class PackageRefused(UserFacingError):
    """A score package that is not exactly what an expert signed, or not acceptable as an answer."""


class PackageSignerUntrusted(PackageRefused):
    """Signed by a certificate that is not trusted here; params["fingerprint"] names it."""


class SignRefused(UserFacingError):
    """Signing (or amending) is not possible now; the message says why and what to do."""


def refuse(template: str, **params: object) -> PackageRefused:
    return PackageRefused(template, **params)
