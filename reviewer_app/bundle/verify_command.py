"""`reviewer-app verify BUNDLE …`: check a bundle without the GUI.

Exit 0 and a short summary when the bundle is sound; exit 1 and one plain sentence naming the
fault when it is not; exit 2 for a command-line mistake. Never a traceback.

With an identity (or the session passphrase) the bundle is also unlocked: the review window
and recipients are checked, the inner manifest's signature and rubric are validated, and every
document is decrypted as a stream (bounded memory): every chunk must authenticate and the size
match the signed manifest (a version 1 bundle: the plaintext's signed SHA-256 too).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.reader import OpenedBundle, VerifiedBundle, describe_time, unlock_bundle, verify_outer
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

if TYPE_CHECKING:
    from cryptography import x509


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer-app verify",
        description="Check that a sealed bundle is exactly what the organization sealed; optionally unlock it.",
    )
    parser.add_argument("bundle", type=Path, metavar="BUNDLE", help="the .rvb file")
    parser.add_argument("--org-cert", type=Path, action="append", metavar="PEM", help="trusted organization certificate (repeatable)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="use the organization certificates the app trusts in DIR")
    parser.add_argument("--identity", type=Path, metavar="DIR", help="unlock with this expert identity folder")
    parser.add_argument("--passphrase-file", type=Path, metavar="F", help="file holding the identity's passphrase")
    parser.add_argument("--session-passphrase-file", type=Path, metavar="F", help="unlock with the session passphrase in F")
    return parser


def read_secret(path: Path) -> str:
    """The first line of a passphrase file, without its line ending."""
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline(4096)
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The passphrase file {file} cannot be read: {reason}."), file=str(path), reason=getattr(exc, "strerror", None) or str(exc)) from None
    return line.rstrip("\r\n")


def _trusted_loader(options: argparse.Namespace):  # noqa: ANN202 - a zero-argument callable returning certificates
    """Load certificates on the verifier's helper thread, while the file is being hashed."""

    def load() -> list[x509.Certificate]:
        if options.org_cert:
            from reviewer_app.keys import load_certificate_file

            return [load_certificate_file(path) for path in options.org_cert]
        from reviewer_app.trust import pinned_certificates

        return list(pinned_certificates(options.data_dir / "trust"))

    return load


def _unlock(verified: VerifiedBundle, options: argparse.Namespace) -> OpenedBundle | None:
    if options.identity is not None:
        from reviewer_app import identity

        expert = identity.unlock(options.identity, read_secret(options.passphrase_file))
        return unlock_bundle(verified, identity=expert)
    if options.session_passphrase_file is not None:
        return unlock_bundle(verified, session_passphrase=read_secret(options.session_passphrase_file))
    return None


def _check_materials(opened: OpenedBundle) -> None:
    for material in opened.materials:
        opened.check_material(material.id)


class _UnlockWhileHashing:
    """Unlock the bundle and decrypt its documents while verify_outer still hashes them.

    Started on verify_outer's helper thread once all but the documents is checked, so the file
    is hashed on one core while it is decrypted (and the plaintext hashed) on the other. What
    is found here counts only after verify_outer succeeded: a document changed in the file is
    reported as verify_outer words it, not as a decryption failure."""

    def __init__(self, options: argparse.Namespace) -> None:
        self._options = options
        self._opened: OpenedBundle | None = None
        self._error: BaseException | None = None
        self.started = False

    def __call__(self, provisional: VerifiedBundle) -> None:
        self.started = True
        try:
            opened = _unlock(provisional, self._options)
            if opened is not None:
                _check_materials(opened)
            self._opened = opened
        except BaseException as error:  # handed over by result(), after the outer check
            self._error = error

    def result(self, verified: VerifiedBundle) -> OpenedBundle | None:
        """The opened bundle, now backed by the completely verified file."""
        if self._error is not None:
            raise self._error
        if self._opened is None:
            return None
        return OpenedBundle(verified, self._opened.manifest, self._opened.bundle_key)


def _summary(verified: VerifiedBundle, opened: OpenedBundle | None) -> list[str]:
    from reviewer_app.keys import format_fingerprint

    info = verified.info
    lines = [
        f"{verified.path.name}: sound (sealed by {info.organization_name}, {format_fingerprint(info.organization_fingerprint)})",
        f"  bundle id:      {info.bundle_id}",
        f"  issued at:      {describe_time(info.issued_at)}",
        f"  review window:  {describe_time(info.window.valid_from)} to {describe_time(info.window.valid_until)}",
        f"  sealed for:     {len(info.recipients)} expert(s){' and a session passphrase' if info.session_passphrase else ''}",
        f"  members:        {len(verified.members)}, {verified.file_size:,} bytes, every digest and the signature checked",
        f"  SHA256SUMS:     sha256 {verified.sums_sha256}",
    ]
    if opened is not None:
        rubric = opened.rubric
        lines += [
            f"  review:         {opened.review.title}",
            f"  application:    {opened.application.id} {opened.application.title} ({opened.application.applicant})",
            f"  rubric:         {rubric.total:g} points, {len(rubric.sections)} sections, {sum(1 for _ in rubric.criteria())} criteria, "
            f"{len(rubric.vetoes)} veto items; checklist {len(opened.checklist.items)} items",
            f"  materials:      {len(opened.materials)} decrypted and matching the signed manifest",
        ]
        leader = opened.manifest.leader_member()
        lines.append(f"  panel leader:   {leader.name} (named by the organization at sealing)" if leader else "  panel leader:   not named; the panel chooses on the review day")
    return lines


def run(argv: Sequence[str], default_data_root: Callable[[None], Path] | None = None) -> int:
    """`default_data_root(None)` gives the app's own data folder (its pinned organizations)
    when neither --org-cert nor --data-dir is given."""
    parser = _parser()
    try:
        options = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not options.org_cert and options.data_dir is None and default_data_root is not None:
        options.data_dir = default_data_root(None)
    if not options.org_cert and options.data_dir is None:
        parser.print_usage(sys.stderr)
        print("reviewer-app verify: give the organization's certificate with --org-cert, or the app's data folder with --data-dir.", file=sys.stderr)
        return 2
    if (options.identity is None) != (options.passphrase_file is None) or (options.identity and options.session_passphrase_file):
        parser.print_usage(sys.stderr)
        print("reviewer-app verify: use --identity with --passphrase-file, or --session-passphrase-file alone.", file=sys.stderr)
        return 2
    # The file is hashed on this thread while the signature thread imports and checks; each
    # hash call releases the GIL and should get it back at once, not after Python's 5 ms slice.
    sys.setswitchinterval(0.0002)
    early = _UnlockWhileHashing(options)
    try:
        verified = verify_outer(options.bundle, _trusted_loader(options), while_hashing=early)
        if early.started:
            opened = early.result(verified)
        else:  # a small bundle: hashed before anything else is done
            opened = _unlock(verified, options)
            if opened is not None:
                _check_materials(opened)
    except (BundleRefused, UserFacingError) as refusal:
        print(refusal.message(), file=sys.stderr)
        return 1
    print("\n".join(_summary(verified, opened)))
    # The command ends here: the interpreter's last collection would walk every object of the
    # crypto libraries (~18 ms, 2 % of checking 1 GiB) only to free memory the exit frees anyway.
    gc.freeze()
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
