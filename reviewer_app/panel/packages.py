"""The leader imports the panel's score packages on their own laptop (issue 17).

Each package is checked against the bundle's signed panel list before anything is shown:
opened with the leader's age key when confidential (version-2 packages are encrypted to every
panel member), its SHA256SUMS signature pinned to the certificate it carries whose fingerprint
the panel list names (the panel list holds fingerprints, the signature the certificate), every
member, the PDF and score.json checked as `reviewer-org verify` does (export.package.read_package),
and it must answer this very bundle. One plain sentence otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export import confidential
from reviewer_app.export import package as packages
from reviewer_app.export.errors import PackageRefused
from reviewer_app.panel.opinion import OpinionRefused, certificate_named



def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} cannot be read: {reason}."), file=Path(path).name, reason=exc.strerror or str(exc)) from None


def _plain(data: bytes, name: str, identities: Sequence[object]) -> bytes:
    if confidential.is_encrypted(data[: len(confidential.AGE_MAGIC)]):
        try:
            return confidential.decrypt(data, identities)
        except PackageRefused:
            raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The package {file} is not meant for this panel (your key does not open it), or it is damaged."), file=name) from None
    return data


def import_package(path: Path, opened, identities: Sequence[object]) -> packages.VerifiedPackage:  # noqa: ANN001 - bundle.reader.OpenedBundle
    """The verified package in `path`, from a member of `opened`'s panel, for `opened`."""
    return import_package_data(read_file(path), Path(path).name, opened, identities)


def import_package_data(received: bytes, name: str, opened, identities: Sequence[object]) -> packages.VerifiedPackage:  # noqa: ANN001
    """The same checks on a package's bytes as received (`name`: its file name, for the sentences)."""
    path = Path(name)
    data = _plain(received, name, identities)
    try:
        members = dict(unpack_names(data))
        signature = members.get(packages.SUMS_SIGNATURE, b"")
        panel = [m.fingerprint for m in opened.manifest.panel]
        certificate = next((c for c in (_named(signature, fp) for fp in panel) if c is not None), None)
        if certificate is None:
            raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The package {file} was not signed by a member of this application's panel."), file=path.name)
        verified = packages.read_package(data, [certificate])
    except PackageRefused as exc:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The package {file} is damaged: {reason}"), file=path.name, reason=exc.message()) from None
    bundle = verified.document.bundle
    if bundle.bundle_id != opened.bundle_id or bundle.sums_sha256 != opened.sums_sha256:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The package {file} answers another bundle, not this application's."), file=path.name)
    return verified


def unpack_names(data: bytes) -> list[tuple[str, bytes]]:
    """The members of a package ZIP (its own reader checks every byte afterwards)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist() if info.filename == packages.SUMS_SIGNATURE]
    except (zipfile.BadZipFile, RuntimeError, ValueError, OSError, EOFError):
        raise PackageRefused(QT_TRANSLATE_NOOP("Errors", "The file is not a score package.")) from None


def _named(signature: bytes, fingerprint: str) -> object | None:
    try:
        return certificate_named(signature, fingerprint, "")
    except OpinionRefused:
        return None
