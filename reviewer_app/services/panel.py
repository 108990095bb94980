"""What the leader's panel view keeps between sessions (issue 17): the packages imported and the
veto rulings typed, so closing the app loses neither (store/panel.py, migration 10).

A package is kept as it was received when it is encrypted (to the organization and the panel,
this expert included), else encrypted to the expert's own age key first: nothing of it is on
disk in clear. Kept packages are checked again, as on import, whenever the view loads them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyrage

from reviewer_app.export import confidential
from reviewer_app.panel.opinion import OpinionRefused
from reviewer_app.panel.packages import import_package_data, read_file
from reviewer_app.store.store import Store


def import_and_keep(store: Store | None, path, opened, identities: Sequence[object], own_recipient: str = ""):  # noqa: ANN001, ANN201 - Path, OpenedBundle -> VerifiedPackage
    """Import the package in `path` (OpinionRefused when refused) and keep it when there is a store."""
    received = read_file(path)
    verified = import_package_data(received, path.name, opened, identities)
    if store is not None and own_recipient:
        kept = received if confidential.is_encrypted(received[: len(confidential.AGE_MAGIC)]) else pyrage.encrypt(received, [pyrage.x25519.Recipient.from_str(own_recipient)])
        store.panel.keep_package(opened.bundle_id, verified.score_sha256, path.name, kept)
    return verified


def has_kept(store: Store, bundle_id: str) -> bool:
    return store.panel.has_packages(bundle_id)


def load_kept(store: Store, opened, identities: Sequence[object]) -> list[tuple[str, object]]:  # noqa: ANN001
    """(file name, VerifiedPackage or OpinionRefused) for every package kept for `opened`."""
    results: list[tuple[str, object]] = []
    for name, data in store.panel.packages(opened.bundle_id):
        try:
            results.append((name, import_package_data(data, name, opened, identities)))
        except OpinionRefused as exc:
            results.append((name, exc))
    return results


def keep_ruling(store: Store, bundle_id: str, veto_id: str, ruling: str, reason: str) -> None:
    store.panel.set_ruling(bundle_id, veto_id, ruling, reason)


def rulings(store: Store, bundle_id: str) -> dict[str, tuple[str, str]]:
    return store.panel.rulings(bundle_id)
