"""`reviewer-org`: the organization toolkit on the command line.

    reviewer-org init --org DIR --name NAME       (also makes the age key for confidential packages)
    reviewer-org init --org DIR --add-age-identity  (adds that age key to an older organization)
    reviewer-org enrol CARD --org DIR [--fingerprint FP]
    reviewer-org roster --org DIR
    reviewer-org retire FINGERPRINT --org DIR
    reviewer-org check SOURCE [--org DIR (--recipients CARD_OR_FINGERPRINT… | --all-enrolled) [--leader CARD]]
    reviewer-org check X.rvb --org DIR          (a sealed bundle: its application, panel, leader and conflict screening)
    reviewer-org seal SOURCE --org DIR (--recipients CARD_OR_FINGERPRINT… | --all-enrolled) [--leader CARD]
                      [--session-passphrase-file F | --new-session-passphrase F] [--allow-unreadable] -o X.rvb
    reviewer-org demo OUT
    reviewer-org verify PACKAGE… --org DIR [--accept-out-of-window] [--passphrase-file F] [--jobs N]
    reviewer-org aggregate PACKAGE… --org DIR --out DIR [--pass-line N] [--quorum X] [--trim-min N] [--trim N]
                           [--outlier-share X] [--exclude-invalid] [--accept-out-of-window] [--jobs N]
                           (report.pdf is signed with the organization's key: PAdES)
    reviewer-org revoke FINGERPRINT --org DIR --from DATE --reason TEXT

A PACKAGE may be a folder: it stands for the *.rvs files in it.

`enrol` shows the card's name, field and fingerprint before it stores anything. With
--fingerprint (the fingerprint the expert read out, in any spelling) it compares them itself
and needs no answer, which is how scripts enrol; without it, it asks on the terminal and
refuses to run without one. Fingerprints are printed as 16 groups of four hex digits.

`seal --leader CARD` names the panel leader (专家组组长) in the bundle's signed manifest: CARD is
one of the panel's experts, by card file, fingerprint (any spelling) or name. Without it the
panel chooses its leader on the review day, in the app.

The organization's passphrase comes from --passphrase-file F, else the environment variable
REVIEWER_ORG_PASSPHRASE, else a prompt on the terminal. Errors: one sentence on stderr, exit 1;
command-line mistakes exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import math
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

if TYPE_CHECKING:
    from reviewer_app import keys

PASSPHRASE_ENV = "REVIEWER_ORG_PASSPHRASE"
Handler = Callable[[argparse.Namespace], int]


def _read_secret(path: Path) -> str:
    from reviewer_app.bundle.verify_command import read_secret

    return read_secret(path)


def _org_passphrase(options: argparse.Namespace, *, confirm: bool = False) -> str:
    """Asked once per command (aggregate needs it for the age key and for signing the report)."""
    if getattr(options, "cached_passphrase", None) is None:
        options.cached_passphrase = _ask_org_passphrase(options, confirm=confirm)
    return options.cached_passphrase


def _ask_org_passphrase(options: argparse.Namespace, *, confirm: bool = False) -> str:
    if options.passphrase_file is not None:
        return _read_secret(options.passphrase_file)
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "Give the organization passphrase with --passphrase-file or the REVIEWER_ORG_PASSPHRASE variable.")
        )
    passphrase = getpass.getpass("Organization passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != passphrase:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The two passphrases differ."))
    return passphrase


def cmd_init(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.org import age_key

    if options.add_age_identity:  # an organization made before confidential packages
        passphrase = _org_passphrase(options)
        keys.load_org_credentials(options.org, passphrase)  # the same passphrase protects both keys
        recipient = age_key.create(options.org, passphrase)
        print(f"Age key for confidential score packages written to {options.org}/ ({age_key.IDENTITY_FILE}, {age_key.RECIPIENT_FILE}).")
        print(f"Recipient: {recipient}. Bundles sealed from now on carry it; packages answering them are encrypted.")
        return 0
    if not options.name:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Give the organization's name with --name."))
    passphrase = _org_passphrase(options, confirm=True)
    org = keys.create_org_credentials(options.org, options.name, passphrase)
    age_key.create(options.org, passphrase)
    certificate = Path(options.org) / keys.ORG_CERT_FILE
    print(f"Organization key and certificate written to {options.org}/ ({keys.ORG_KEY_FILE}, {keys.ORG_CERT_FILE}),")
    print(f"and the age key that opens confidential score packages ({age_key.IDENTITY_FILE}, same passphrase).")
    print(f"Keep {keys.ORG_KEY_FILE} and its passphrase to yourselves: they seal every bundle.")
    print()
    print("Hand to every expert, before the first bundle:")
    print(f"  1. the certificate file {certificate} (on the USB stick with the bundles, or by e-mail);")
    print("     the expert imports it in the app (Settings > Identity and trust > Add organization certificate);")
    print("  2. its fingerprint, by a second way (read aloud by phone or in person, or on paper),")
    print("     so the expert can check that the file was not swapped on the way:")
    print(f"     {keys.format_fingerprint(org.fingerprint)}")
    print("Each expert then gives you an enrolment card (a .json file); enrol it with `reviewer-org enrol`.")
    return 0


def _show_card(card) -> None:  # noqa: ANN001 - identity.EnrolmentCard
    from reviewer_app import keys

    profile = card.profile
    print(f"Name:        {profile.name}")
    print(f"Field:       {profile.field}")
    print(f"Affiliation: {profile.affiliation or '-'}")
    print(f"Fingerprint: {keys.format_fingerprint(card.fingerprint)}")


def _confirmed(question: str) -> bool:
    print(question, end="", flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "是", "是的")


def cmd_enrol(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.org import roster

    card = roster.read_card_file(options.card)
    _show_card(card)
    if roster.is_enrolled(options.org, card.fingerprint):
        retired = roster.retirements(options.org).get(keys.fingerprint_hex(card.fingerprint))
        state = " (its key is retired; it is not sealed for)" if retired else ""
        print(f"This card is already enrolled{state}. Nothing was changed.")
        return 0
    for other in roster.same_name(options.org, card):
        print(f"Warning: {other.profile.name} ({other.profile.field}) is already enrolled with another key:", file=sys.stderr)
        print(f"  {keys.format_fingerprint(other.fingerprint)}", file=sys.stderr)
        print("  If this card replaces that key (a forgotten passphrase, a new computer), retire the old one:", file=sys.stderr)
        print(f"  reviewer-org retire \"{keys.format_fingerprint(other.fingerprint)}\" --org {options.org}", file=sys.stderr)
    if not options.fingerprint:
        if not sys.stdin.isatty():
            raise UserFacingError(QT_TRANSLATE_NOOP(
                "Errors", "Give the fingerprint the expert read out with --fingerprint, or run enrol in a terminal to compare it there. Nothing was enrolled."))
        if not _confirmed("Does every group match the fingerprint the expert reads out (from the app or the printed card)? Enrol? [y/N] "):
            print("Not enrolled.")
            return 1
    card = roster.enrol(options.org, options.card, options.fingerprint)
    print(f"Enrolled {card.profile.name} ({card.profile.field}, {card.profile.affiliation or '-'}).")
    return 0


def cmd_retire(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.org import roster

    card, retirement = roster.retire(options.org, options.fingerprint)
    when = f"{retirement.retired_at:%Y-%m-%d %H:%M}" if retirement.retired_at else "earlier"
    print(f"Retired the key of {card.profile.name} ({card.profile.field}) {keys.format_fingerprint(card.fingerprint)} ({when}).")
    print("Bundles are no longer sealed for it; what the expert signed with it still verifies.")
    return 0


def cmd_roster(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.org import roster

    if options.org is None:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Give the organization folder with --org."))
    cards, skipped = roster.usable_cards(options.org)  # a damaged card is named below, never fatal
    retired = roster.retirements(options.org)
    revoked = {keys.fingerprint_hex(fp): revocation for fp, revocation in roster.revocations(options.org).items()}
    for card in cards:
        digits = keys.fingerprint_hex(card.fingerprint)
        states = []
        if digits in retired:
            when = retired[digits].retired_at
            states.append(f"[retired {when:%Y-%m-%d}]" if when else "[retired]")
        if digits in revoked:
            states.append(f"[revoked from {revoked[digits].effective_from:%Y-%m-%d %H:%M}: {revoked[digits].reason}]")
        if card.certificate.not_valid_after_utc < dt.datetime.now(dt.timezone.utc):
            states.append(f"[certificate expired {card.certificate.not_valid_after_utc:%Y-%m-%d}]")
        state = ("  " + " ".join(states)) if states else ""
        print(f"{keys.format_fingerprint(card.fingerprint)}  {card.profile.name}  {card.profile.field}  {card.profile.affiliation}{state}")
    unused = sum(1 for card in cards if keys.fingerprint_hex(card.fingerprint) in (set(retired) | set(revoked)))
    for card in skipped:
        print(f"Roster card {card.file_name} skipped: {card.reason}", file=sys.stderr)
    print(f"{len(cards)} card(s) enrolled: {len(cards) - unused} in use, {unused} retired or revoked.")
    return 0


def _affiliation_commands(roster_parser: argparse.ArgumentParser) -> None:
    """`roster affiliation add|list|remove`: the affiliations conflict screening uses beside the card's."""
    org_help = "organization folder (may also be given before `affiliation`)"
    kinds = roster_parser.add_subparsers(dest="roster_command", metavar="affiliation")
    affiliation = kinds.add_parser("affiliation", help="an expert's past (or second, current) affiliations, for conflict screening")
    actions = affiliation.add_subparsers(dest="affiliation_command", required=True, metavar="add|list|remove")
    add = actions.add_parser("add", help="record an affiliation: --unit 名称 --from 2023-01 [--to 2025-06] [--role …]")
    add.add_argument("card", metavar="CARD_OR_FINGERPRINT")
    add.add_argument("--unit", required=True, metavar="NAME")
    add.add_argument("--from", dest="since", required=True, metavar="MONTH", help="2023-01 (or a day, 2023-01-15)")
    add.add_argument("--to", dest="until", metavar="MONTH", help="the last month held (absent: still held)")
    add.add_argument("--role", default="", metavar="TEXT", help="position held, e.g. 教授、兼职董事")
    listing = actions.add_parser("list", help="every affiliation, the card's current one first; those ended more than three years ago marked")
    listing.add_argument("card", nargs="?", metavar="CARD_OR_FINGERPRINT", help="one expert (default: everyone)")
    remove = actions.add_parser("remove", help="remove an expert's recorded affiliations with a unit")
    remove.add_argument("card", metavar="CARD_OR_FINGERPRINT")
    remove.add_argument("--unit", required=True, metavar="NAME")
    for sub in (add, listing, remove):
        sub.add_argument("--org", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=org_help)
        sub.set_defaults(handler=cmd_affiliation)


def cmd_affiliation(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.org import conflicts, roster

    if getattr(options, "org", None) is None:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Give the organization folder with --org."))
    if options.affiliation_command == "add":
        card = roster.resolve(options.org, options.card)
        until = conflicts.parse_month(options.until, end=True) if options.until else None
        affiliation = conflicts.Affiliation(options.unit.strip(), until, conflicts.parse_month(options.since, end=False), options.role.strip())
        conflicts.add_affiliation(options.org, card.fingerprint, affiliation)
        print(f"Recorded for {card.profile.name}: {affiliation.describe()}.")
        if not conflicts.is_recent(affiliation):
            print(f"It ended before {conflicts.horizon().isoformat()}, more than three years ago: conflict screening does not count it.")
        return 0
    if options.affiliation_command == "remove":
        card = roster.resolve(options.org, options.card)
        removed = conflicts.remove_affiliations(options.org, card.fingerprint, options.unit)
        if not removed:
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "No affiliation with {unit} is recorded for {name}; nothing was removed."), unit=options.unit, name=card.profile.name)
        print(f"Removed {removed} affiliation(s) of {card.profile.name} with {options.unit}.")
        return 0
    cards = [roster.resolve(options.org, options.card)] if options.card else roster.usable_cards(options.org)[0]
    recorded = conflicts.all_affiliations(options.org)
    for card in cards:
        print(f"{card.profile.name}  {keys.format_fingerprint(card.fingerprint)}")
        if card.profile.affiliation.strip():
            print(f"  {card.profile.affiliation.strip()} (current, from the enrolment card)")
        for affiliation in recorded.get(keys.fingerprint_hex(card.fingerprint), []):
            note = "" if conflicts.is_recent(affiliation) else "  [ended more than three years ago: not screened]"
            print(f"  {affiliation.describe()}{note}")
    return 0


def _print_problems(problems: Sequence[str]) -> None:
    print(f"The source folder has {len(problems)} problem(s):", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def _unreadable(source) -> list[str]:  # noqa: ANN001 - SealSource
    """Materials the expert's viewer could not show (damaged, locked, empty, blank)."""
    from reviewer_app.bundle.readable import unreadable

    return unreadable(source.folder, source.materials)


def _print_unreadable(problems: Sequence[str], *, to_stdout: bool = False) -> None:
    stream = sys.stdout if to_stdout else sys.stderr
    print(f"{len(problems)} material(s) cannot be read in the expert's viewer:", file=stream)
    for problem in problems:
        print(f"  - {problem}", file=stream)


def cmd_check(options: argparse.Namespace) -> int:
    from reviewer_app.bundle.source import SourceInvalid, load_source

    if options.source.is_file():
        return _check_sealed(options)
    try:
        source = load_source(options.source)
    except SourceInvalid as invalid:
        _print_problems(invalid.problems)
        return 1
    unreadable = _unreadable(source)
    if unreadable:
        _print_unreadable(unreadable)
        return 1
    criteria = sum(1 for _ in source.spec.rubric.criteria())
    if options.recipients or options.all_enrolled:
        if options.org is None:
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Give the organization folder with --org to check a panel."))
        recipients = _recipients(options)
        if not _panel_fits(source, recipients, options.org):
            return 1
        leader = _panel_leader(options.leader, recipients)
        if leader is not None:
            print(f"Panel leader: {_describe(leader)}")
            _warn_conflicted_leader(source, leader, options.org)
    elif options.leader is not None:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Name the panel with --recipients or --all-enrolled to check its leader."))
    print(f"{options.source}: sound — {source.application.id} {source.application.title}, {criteria} criteria, {len(source.materials)} materials.")
    return 0


def _check_sealed(options: argparse.Namespace) -> int:
    """A sealed bundle: its outer signature, and what the organization recorded when sealing it."""
    from reviewer_app import keys
    from reviewer_app.bundle.reader import verify_outer
    from reviewer_app.org import sealed as ledger

    if options.org is None:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Give the organization folder with --org to check a sealed bundle."))
    verified = verify_outer(options.source, [keys.load_certificate_file(Path(options.org) / keys.ORG_CERT_FILE)])
    record = ledger.load_record(options.org, verified.bundle_id)
    if record is None:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "This organization has no record of sealing {file}."), file=options.source.name)
    print(f"{options.source}: sound — bundle id {record.bundle_id}, {record.application.id} {record.application.title}")
    print(f"Panel of {len(record.panel)}:")
    for member in record.panel:
        mark = "  (leader, named at sealing)" if member.fingerprint == record.leader else ""
        print(f"  {member.name} ({member.field})  {keys.format_fingerprint(member.fingerprint)}{mark}")
    leader = record.member(record.leader) if record.leader else None
    print(f"Panel leader: {leader.name} (named at sealing)" if leader else "Panel leader: not named; the panel chooses on the review day.")
    _warn_sealed_conflicts(options.org, record)
    return 0


def _warn_sealed_conflicts(org_dir: Path, record) -> None:  # noqa: ANN001 - sealed.SealedRecord
    """The conflict screening of `seal`, again on a sealed bundle's panel, with the affiliations known today."""
    from reviewer_app import keys
    from reviewer_app.org import roster
    from reviewer_app.org.conflicts import past_affiliations, screen

    cards, _ = roster.usable_cards(org_dir)
    panel = {keys.fingerprint_hex(m.fingerprint) for m in record.panel}
    members = [card for card in cards if keys.fingerprint_hex(card.fingerprint) in panel]
    for warning in screen(record.spec, members, past_affiliations(org_dir), record.application.applicant):
        print(f"Warning: {warning}", file=sys.stderr)


def _describe(card) -> str:  # noqa: ANN001 - identity.EnrolmentCard
    from reviewer_app import keys

    return f"{card.profile.name} ({card.profile.field})  {keys.format_fingerprint(card.fingerprint)}"


def _panel_leader(given: str | None, recipients: Sequence):  # noqa: ANN202 - identity.EnrolmentCard | None
    """The panel member named by --leader: a card file, a fingerprint (any spelling) or a name."""
    from reviewer_app import identity, keys

    if given is None:
        return None
    if Path(given).is_file():
        wanted = keys.fingerprint_hex(identity.read_card(Path(given)).fingerprint)
    else:
        try:
            wanted = keys.fingerprint_hex(given)
        except keys.NotAFingerprint:
            wanted = None
    matches = [c for c in recipients if keys.fingerprint_hex(c.fingerprint) == wanted or (wanted is None and c.profile.name == given.strip())]
    if len(matches) > 1:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Two members of the panel are called {leader}; name the leader by fingerprint or card file."), leader=given)
    if not matches:
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "{leader} is not on the panel of this bundle; the leader must be one of the experts it is sealed for. Nothing was sealed."),
            leader=given,
        )
    return matches[0]


def _warn_conflicted_leader(source, leader, org_dir: Path) -> None:  # noqa: ANN001 - SealSource, EnrolmentCard | None
    """The leader chairs the panel's discussion: say so when the conflict screening names them."""
    from reviewer_app.org.conflicts import past_affiliations, screen

    if leader is not None and screen(source.spec, [leader], past_affiliations(org_dir), source.application.applicant):
        print(f"Warning: the panel leader {leader.profile.name} may have a conflict of interest with this application (see above); "
              "consider naming another member as leader.", file=sys.stderr)


def _recipients(options: argparse.Namespace) -> list:
    from reviewer_app.org import roster

    if options.all_enrolled:
        return roster.active_cards(options.org)
    return [_not_retired(options.org, roster.resolve(options.org, item)) for item in options.recipients or ()]


def _panel_fits(source, recipients: Sequence, org_dir: Path) -> bool:  # noqa: ANN001 - SealSource, EnrolmentCard
    """Print what the panel lacks (refusals, then warnings, conflicts of interest among them);
    False when it cannot score the review."""
    from reviewer_app.org.composition import Member, check_panel
    from reviewer_app.org.conflicts import all_affiliations, past_affiliations, screen, too_old_matches

    composition = check_panel(source.spec, [Member(c.profile.name, c.profile.field) for c in recipients])
    past, applicant = past_affiliations(org_dir), source.application.applicant
    for warning in [*composition.warnings, *screen(source.spec, recipients, past, applicant)]:
        print(f"Warning: {warning}", file=sys.stderr)
    for note in too_old_matches(source.spec, recipients, all_affiliations(org_dir), applicant=applicant):
        print(f"Note: {note}", file=sys.stderr)
    if composition.refusals:
        print(f"The panel of {len(recipients)} cannot score this review:", file=sys.stderr)
        for refusal in composition.refusals:
            print(f"  - {refusal}", file=sys.stderr)
        return False
    conflicted = [c for c in recipients if screen(source.spec, [c], past, applicant)]
    if conflicted:  # they may recuse on the day: would the rest still score every section?
        rest = check_panel(source.spec, [Member(c.profile.name, c.profile.field) for c in recipients if c not in conflicted])
        if rest.refusals:
            names = "、".join(c.profile.name for c in conflicted)
            print(f"Warning: if {names} recuse for the possible conflicts above, the rest of the panel cannot score this review:", file=sys.stderr)
            for refusal in rest.refusals:
                print(f"  - {refusal}", file=sys.stderr)
    return True


def _session_passphrase(options: argparse.Namespace) -> str | None:
    from reviewer_app import durable
    from reviewer_app.bundle.seal import generate_session_passphrase

    if options.session_passphrase_file is not None:
        return _read_secret(options.session_passphrase_file)
    if options.new_session_passphrase is not None:
        target: Path = options.new_session_passphrase
        if target.exists():
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "{file} already exists; it was not replaced."), file=str(target))
        passphrase = generate_session_passphrase()
        durable.write_bytes(target, (passphrase + "\n").encode(), mode=durable.PRIVATE)
        print(f"New session passphrase (announce it at the session): {passphrase}")
        return passphrase
    return None


def cmd_seal(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.bundle.seal import seal_bundle
    from reviewer_app.bundle.source import SourceInvalid, load_source
    from reviewer_app.org import roster
    from reviewer_app.org import age_key
    from reviewer_app.org import sealed as ledger

    try:
        source = load_source(options.source)
    except SourceInvalid as invalid:
        _print_problems(invalid.problems)
        return 1
    unlocked_org = _unlock_org_meanwhile(options)
    unreadable = _unreadable(source)
    if unreadable and not options.allow_unreadable:
        _print_unreadable(unreadable)
        print("Nothing was sealed. Replace these files, or pass --allow-unreadable to seal them as they are.", file=sys.stderr)
        return 1
    recipients = _recipients(options)
    if recipients and not _panel_fits(source, recipients, options.org):
        print("Nothing was sealed. Add experts of the missing fields, or lower min_raters in review.toml.", file=sys.stderr)
        return 1
    if not recipients and (options.session_passphrase_file is not None or options.new_session_passphrase is not None):
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "Name the panel with --recipients or --all-enrolled: a package is accepted only from a member of the panel, also when the bundle opens with the session passphrase.")
        )
    leader = _panel_leader(options.leader, recipients)
    _warn_conflicted_leader(source, leader, options.org)
    session_passphrase = _session_passphrase(options)
    organization_recipient = age_key.recipient(options.org)  # packages answering the bundle are encrypted to it
    org = unlocked_org()
    issued_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    sealed = seal_bundle(
        source, options.output, org, recipients, session_passphrase, issued_at=issued_at, scrypt_work_factor=options.scrypt_work_factor,
        organization_recipient=organization_recipient, leader=leader.fingerprint if leader else "",
    )  # fmt: skip
    ledger.record_from_source(options.org, sealed, source, org, recipients, issued_at=issued_at, leader=leader.fingerprint if leader else "")
    print(f"Sealed {sealed.path} ({sealed.size:,} bytes), bundle id {sealed.bundle_id}.")
    for card in recipients:
        mark = "  (panel leader)" if card is leader else ""
        print(f"  for {card.profile.name} ({card.profile.field})  {keys.format_fingerprint(card.fingerprint)}{mark}")
    if sealed.session_passphrase:
        print("  and for the session passphrase")
    if unreadable:
        print("Sealed although unreadable (--allow-unreadable):")
        _print_unreadable(unreadable, to_stdout=True)
    return 0


def _unlock_org_meanwhile(options: argparse.Namespace) -> Callable[[], keys.OrgCredentials]:
    """The organization's key, unlocked on a helper thread while the materials are checked when
    the passphrase is given by file or variable (the key derivation and pdfium both release the
    GIL: ~0.08 s off every seal); one to be typed is asked after the checks, as before."""
    from concurrent.futures import ThreadPoolExecutor

    from reviewer_app import keys

    if options.passphrase_file is None and not os.environ.get(PASSPHRASE_ENV):
        return lambda: keys.load_org_credentials(options.org, _org_passphrase(options))
    pool = ThreadPoolExecutor(1, thread_name_prefix="org-key")
    unlocking = pool.submit(keys.load_org_credentials, options.org, _org_passphrase(options))
    pool.shutdown(wait=False)  # its one thread ends with the unlock
    return unlocking.result


def _not_retired(org_dir: Path, card):  # noqa: ANN001, ANN202 - identity.EnrolmentCard
    from reviewer_app import keys
    from reviewer_app.org import roster

    if keys.fingerprint_hex(card.fingerprint) in roster.out_of_use(org_dir):
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "The key {fingerprint} of {name} is retired or revoked; seal for the expert's new card instead."),
            fingerprint=keys.format_fingerprint(card.fingerprint), name=card.profile.name)
    return card


def cmd_demo(options: argparse.Namespace) -> int:
    from reviewer_app.org.demo import build_demo_world

    world = build_demo_world(options.out, progress=lambda done, total: print(f"  {done}/{total}", file=sys.stderr))
    print(f"Demo world written to {world.root}: {len(world.experts)} experts, {len(world.bundles)} bundles.")
    print(f"Session passphrase: {world.session_passphrase} (also in bundles/SESSION_PASSPHRASE).")
    return 0


def cmd_verify(options: argparse.Namespace) -> int:
    from reviewer_app.org.verify_packages import expand, verify_all

    from reviewer_app.org import verify_opinions as opinion_verify

    opinion_paths = opinion_verify.expand(options.packages)
    paths = expand([p for p in options.packages if Path(p) not in opinion_paths])
    if not paths:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "No score package was given (the folders given hold no .rvs file)."))
    _print_roster_notes(options.org)
    reports = verify_all(paths, options.org, jobs=options.jobs, accept_out_of_window=options.accept_out_of_window, age_identity=_age_identity(options, paths), remember=True,
                         lean_documents=True)  # what verify prints and remembers needs no more
    for report in reports:
        if report.ok and not report.conflict:
            print(f"OK   {report.path}: {report.message}")
            for flag in report.flag_texts():
                print(f"     FLAGGED: {flag}")
        elif report.conflict:
            print(f"{report.path}: {report.message}")
        else:
            print(f"{report.path}: {report.message}", file=sys.stderr)
    refused_opinions = _verify_opinions(opinion_paths, options.org, [r for r in reports if r.ok and not r.conflict])
    bad = sum(1 for r in reports if not r.ok)
    conflicts = sum(1 for r in reports if r.conflict)
    flagged = sum(1 for r in reports if r.ok and r.flags)
    extra = (f" {conflicts} in conflict (two different packages with the same revision from one expert)." if conflicts else "") + (f" {flagged} flagged." if flagged else "")
    print(f"{len(reports) - bad - conflicts} package(s) sound, {bad} refused.{extra}")
    if opinion_paths:
        print(f"{len(opinion_paths) - refused_opinions} group opinion(s) sound, {refused_opinions} refused.")
    return 0 if bad == 0 and conflicts == 0 and refused_opinions == 0 else 1


def _verify_opinions(paths: Sequence[Path], org_dir: Path, sound_packages: Sequence[object]) -> int:
    """Check each group opinion (org/verify_opinions.py) against the sound packages; the number refused."""
    from reviewer_app.org import verify_opinions as opinion_verify
    from reviewer_app.panel.opinion import DISSENT

    refused = 0
    sound = []
    for path in paths:
        try:
            sound.append((path, opinion_verify.read_verified(path, org_dir, sound_packages)))
        except UserFacingError as exc:
            print(f"{path}: {exc.message()}", file=sys.stderr)
            refused += 1
    for group, sentence in opinion_verify.same_application(sound):
        print(sentence.message(), file=sys.stderr)
        refused += len(group)
        sound = [(p, v) for p, v in sound if p not in group]
    for path, verified in sound:
        dissents = sum(1 for s in verified.statements if s.decision == DISSENT)
        print(f"OK   {path}: group opinion on {verified.opinion['application']['id']}, {len(verified.statements)} member(s) signed, {dissents} dissent(s); conclusion {verified.opinion['conclusion']['title']}")
    return refused


def _age_identity(options: argparse.Namespace, paths: Sequence[Path]) -> object | None:
    """The organization's age key, unlocked only when a confidential package is among `paths`."""
    from reviewer_app.org import age_key
    from reviewer_app.org.verify_packages import any_encrypted

    if not any_encrypted(paths):
        return None
    if not age_key.exists(options.org):
        raise UserFacingError(age_key.MISSING, folder=str(options.org))
    return age_key.unlock(options.org, _org_passphrase(options))


def _print_roster_notes(org_dir: Path) -> None:
    """Skipped roster cards (named) and revocations, before the verdicts."""
    from reviewer_app.org import roster

    _, skipped = roster.usable_cards(org_dir)
    for card in skipped:
        print(f"Roster card {card.file_name} skipped: {card.reason}", file=sys.stderr)
    for revocation in roster.revocations(org_dir).values():
        print(f"Revoked: {revocation.name} {revocation.fingerprint} from {revocation.effective_from.isoformat()} ({revocation.reason})")


def cmd_aggregate(options: argparse.Namespace) -> int:
    from reviewer_app import chinese, keys
    from reviewer_app.org import roster
    from reviewer_app.org.aggregate import Entry, Settings, aggregate, apply_rulings, fmt, write_outputs
    from reviewer_app.org.bureau import confirmed_vetoes, ruling_from_opinion
    from reviewer_app.org.verify_packages import expand, verify_all

    try:
        settings = Settings(trim_min=options.trim_min, trim=options.trim, outlier_share=options.outlier_share)
    except ValueError:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The trimming settings leave no score to average; use --trim-min at least 2 × --trim + 1.")) from None
    options.quorum = _quorum(options.quorum)
    options.pass_line = _pass_line(options.pass_line)
    from reviewer_app.org import verify_opinions as opinion_verify

    opinion_paths = opinion_verify.expand(options.packages)
    paths = expand([p for p in options.packages if Path(p) not in opinion_paths])
    if not paths:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "No score package was given (the folders given hold no .rvs file)."))
    earlier = _earlier_results(options.earlier or ())  # a missing or unreadable file is refused before the long part
    _print_roster_notes(options.org)
    # What `verify` found sound (the same bytes, the same roster and records) is not checked again.
    reports = verify_all(paths, options.org, jobs=options.jobs, accept_out_of_window=options.accept_out_of_window, age_identity=_age_identity(options, paths), reuse=True,
                         lean_documents=True)
    refused = [r for r in reports if not r.ok]
    for report in refused:
        print(f"{report.path}: {report.message}", file=sys.stderr)
    if refused and not options.exclude_invalid:
        print(f"Nothing was aggregated: {len(refused)} package(s) failed verification. Remove them or pass --exclude-invalid.", file=sys.stderr)
        return 1
    entries = [Entry(r.file_name, r.document, r.score_sha256, r.spec, r.flag_texts(chinese.translate)) for r in reports if r.ok and r.document is not None]
    if not entries:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "No sound score package is left to aggregate."))
    _pass_line_within(options.pass_line, entries)
    opinions = _verified_opinions(opinion_paths, options.org, [r for r in reports if r.ok])
    results = apply_rulings(aggregate(entries, settings), {bundle_id: confirmed_vetoes(opinion) for bundle_id, (opinion, _, _) in opinions.items()})
    report = _bureau_report(options, results, entries, reports, {bundle_id: ruling_from_opinion(o, file) for bundle_id, (o, file, _) in opinions.items()}, earlier,
                            {bundle_id: (file, digest) for bundle_id, (_, file, digest) in opinions.items()})
    reasons = [(r.file_name, _chinese_reason(r)) for r in refused]  # the report is Chinese and names no local path
    flagged = [(r.path, r.flag_texts()) for r in reports if r.flags]
    count = len(reports)
    del reports, entries, opinions  # the parsed packages: their memory serves the outputs (results hold what they need)
    written = write_outputs(
        results, options.out, settings, refused=reasons, packages=count, revocations=list(roster.revocations(options.org).values()),
        bureau=report, org=keys.load_org_credentials(options.org, _org_passphrase(options)),
    )  # fmt: skip
    for result in results:
        flags = _veto_flags(result)
        row = report.row_for(result.bundle_id)
        verdict = f" [{row.verdict}]" if row is not None and options.pass_line is not None else ""
        verdict += f" [{row.assessment.period} {row.assessment.grade}]" if row is not None and row.assessment is not None else ""
        print(f"{result.rank:>3}. {result.application_id} {result.title}: {fmt(result.scaled_score)}{verdict}{flags} — {len(result.experts)} expert(s), {len(result.recused)} recused")
        if row is not None and row.assessment is not None and row.assessment.flag:
            print(f"     FLAGGED: {result.applicant}: {row.assessment.flag}")
        if row is not None and row.attendance is not None:
            a = row.attendance
            print(f"     panel {a.panel}: {len(a.returned)} returned, {len(a.recused)} recused, missing: {', '.join(a.missing) or 'none'}; quorum ({a.quorum_needed}) {'met' if a.quorum_met else 'NOT met'}")
        if row is not None and row.shortfalls:
            print("     TOO FEW RATERS: " + "; ".join(f"{x.criterion} scored by {x.scored}, needs {x.needed}" for x in row.shortfalls))
        for listed in result.conflicts:
            print(f"     CONFLICT: {listed.expert}, revision {listed.revision}, {listed.source}: two different packages with the same revision; not counted.")
    for missing in report.unreturned:
        print(f"  —. {missing.application_id} {missing.title}: no score package came back — panel {len(missing.panel)}: missing: {', '.join(missing.panel)}; quorum NOT met")
    for path, flags in flagged:
        for flag in flags:
            print(f"     FLAGGED: {path}: {flag}")
    print("Written: " + ", ".join(str(p) for p in written) + " (report.pdf signed by the organization)")
    conflicts = sum(len(r.conflicts) for r in results)
    if conflicts:
        print(f"{conflicts} package(s) in conflict: the results were written, but look at them before using them.")
        return 1
    return 0


def _pass_line(text: str | None) -> float | None:
    """--pass-line as the organization writes it: 60, 60.5, 60分, full-width digits; a number from 0 up."""
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFKC", text).strip().removesuffix("分").strip()
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The pass line {value} is not a score: give a number such as 60 or 60.5."), value=text)
    return value


def _quorum(given: float | str) -> float:
    """--quorum as a share of the panel: 0.67, 2/3 or 67% (full-width characters too), above 0 and at most 1."""
    if isinstance(given, float):
        return given
    text = "".join(unicodedata.normalize("NFKC", given).split())
    try:
        if text.endswith("%"):
            value = float(text[:-1]) / 100
        elif "/" in text:
            numerator, denominator = text.split("/", 1)
            value = float(numerator) / float(denominator)
        else:
            value = float(text)
    except (ValueError, ZeroDivisionError):
        value = math.nan
    if not 0 < value <= 1:  # NaN too
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The quorum is a share of the panel: give a number above 0 and at most 1, e.g. 0.67."))
    return value


def _pass_line_within(pass_line: float | None, entries: Sequence) -> None:  # noqa: ANN001 - aggregate.Entry
    """A pass line above the rubric's total would fail every application: refused, nothing written."""
    if pass_line is None:
        return
    total = min(e.document.rubric_total for e in entries)
    if pass_line > total + 1e-9:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The pass line {value} is above the rubric's total of {total} points; nothing was written."),
                              value=f"{pass_line:g}", total=f"{total:g}")


def _verified_opinions(opinion_paths: Sequence[Path], org_dir: Path, sound: Sequence) -> dict:  # noqa: ANN001
    """Bundle id -> (opinion.json, file name, SHA-256 of the file) of its verified group opinion
    (a refused one stops aggregation)."""
    import hashlib

    from reviewer_app.org import verify_opinions as opinion_verify

    verified = [(path, opinion_verify.read_verified(path, org_dir, sound)) for path in opinion_paths]
    for _, sentence in opinion_verify.same_application(verified):
        raise sentence
    return {v.opinion["bundle_id"]: (v.opinion, Path(path).name, hashlib.sha256(Path(path).read_bytes()).hexdigest()) for path, v in verified}


def _veto_flags(result) -> str:  # noqa: ANN001 - aggregate.ApplicationResult
    """What stdout says about the application's vetoes: raised, and how the panel ruled."""
    if not result.vetoed:
        return ""
    if not result.ruled:
        return " (veto raised, not ruled by the panel)"
    return f" (veto confirmed by the panel: {', '.join(result.confirmed_vetoes)})" if result.confirmed_vetoes else " (veto raised, dismissed by the panel)"


def _earlier_results(files: Sequence[Path]) -> list:
    """Results of earlier evaluations (--earlier), for the rule 连续两次不合格."""
    from reviewer_app.org.evaluation import read_earlier

    earlier = []
    for path in files:
        found = read_earlier(path)
        print(f"Earlier results: {path.name}: {len(found)} graded center(s).")
        earlier += found
    return earlier


def _bureau_report(options: argparse.Namespace, results, entries, reports, rulings=None, earlier=(), opinion_files=None):  # noqa: ANN001, ANN202
    """Pass line, attendance against the sealed panel, rulings, leniency, agreement and the index of
    packages and group opinions (`opinion_files`: bundle id -> (file name, SHA-256))."""
    from collections import defaultdict

    from reviewer_app.org import sealed as ledger
    from reviewer_app.org.bureau import PanelSeat, build_report

    panels, min_raters, reviews = {}, {}, set()
    for result in results:
        record = ledger.load_record(options.org, result.bundle_id)
        if record is not None:
            panels[result.bundle_id] = [PanelSeat(m.name, m.field, m.fingerprint) for m in record.panel]
            min_raters[result.bundle_id] = {c.id: c.min_raters for c in record.spec.rubric.criteria()}
            reviews.add((record.review_title, record.session_date))
    counted = {e.source for r in results for e in r.experts}
    documents = defaultdict(list)
    for entry in entries:
        if Path(entry.source).name in counted:
            documents[entry.document.bundle.bundle_id].append(entry.document)
    hashes = {r.file_name: r.file_sha256 for r in reports if r.file_sha256}  # hashed once, while verifying
    evaluations = {e.document.bundle.bundle_id: e.spec.evaluation for e in entries if e.spec is not None and e.spec.evaluation is not None}
    return build_report(results, pass_line=options.pass_line, panels=panels, documents=documents, file_hashes=hashes, rulings=rulings, quorum=options.quorum,
                        evaluations=evaluations, earlier=earlier, min_raters=min_raters, unreturned=_unreturned(options.org, reviews, results), opinion_files=opinion_files)


def _of_review(path: Path, reviews: set) -> bool:
    """Whether a record names one of `reviews` (title, session date), read without checking it whole:
    an organization keeps the records of years of reviews, and most are of other ones."""
    import json

    try:
        review = json.loads(path.read_bytes()).get("review", {})
        return (review.get("title"), review.get("session_date")) in reviews
    except (OSError, ValueError, AttributeError, TypeError):
        return True  # damaged: load_record says so


def _unreturned(org_dir: Path, reviews: set, results: Sequence) -> list:  # noqa: ANN001 - aggregate.ApplicationResult
    """Applications the organization sealed for the same review (title and session date) from which
    no package came back: the latest bundle of each, by application id."""
    from reviewer_app.org import sealed as ledger
    from reviewer_app.org.bureau import Unreturned

    answered = {r.application_id for r in results} | {r.bundle_id for r in results}
    latest = {}
    for path in sorted(ledger.sealed_dir(org_dir).glob("*.json")):
        if path.stem in answered or not _of_review(path, reviews):
            continue
        try:
            record = ledger.load_record(org_dir, path.stem)
        except UserFacingError:
            continue  # a damaged record of another bundle: verify names it when one of its packages comes
        if record is None or (record.review_title, record.session_date) not in reviews or record.application.id in answered:
            continue
        if record.application.id not in latest or record.issued_at > latest[record.application.id].issued_at:
            latest[record.application.id] = record
    return [Unreturned(r.application.id, r.application.title, r.application.applicant, r.bundle_id, tuple(m.name for m in r.panel))
            for r in sorted(latest.values(), key=lambda r: r.application.id)]


GENERIC_REFUSAL = "评分包文件已损坏或结构不符，未通过校验（校验命令的输出中有详细原因）。"


def _chinese_reason(report) -> str:  # noqa: ANN001 - verify_packages.PackageReport
    from reviewer_app import chinese
    from reviewer_app.errors import TRANSLATION_CONTEXT

    if report.error is None or not chinese.has(TRANSLATION_CONTEXT, report.error.template):
        return GENERIC_REFUSAL  # never an English sentence in the Chinese report
    return report.reason(chinese.translate)


def cmd_revoke(options: argparse.Namespace) -> int:
    from reviewer_app import keys
    from reviewer_app.org import roster

    revocation = roster.revoke(options.org, options.fingerprint, roster.parse_moment(options.effective_from), options.reason)
    print(f"Revoked {revocation.name} ({keys.format_fingerprint(revocation.fingerprint)}): nothing signed from {revocation.effective_from.isoformat()} on is accepted.")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reviewer-org", description="Organization toolkit: keys, roster, sealed bundles, demo world.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, *, org: bool = True, passphrase: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if org:
            sub.add_argument("--org", type=Path, required=True, metavar="DIR", help="organization folder (org.p12, org-cert.pem, roster/)")
        if passphrase:
            sub.add_argument("--passphrase-file", type=Path, metavar="F", help=f"organization passphrase (else ${PASSPHRASE_ENV}, else a prompt)")
        return sub

    init = command("init", cmd_init, "make the organization key (ECDSA P-256, encrypted) and certificate", passphrase=True)
    init.add_argument("--name", help="the organization's name, as experts will see it")
    init.add_argument("--add-age-identity", action="store_true", help="only add the age key for confidential packages to an existing organization")

    enrol = command("enrol", cmd_enrol, "show an expert's enrolment card (.json) and add it to the roster after the fingerprint is compared")
    enrol.add_argument("card", type=Path, metavar="CARD")
    enrol.add_argument("--fingerprint", metavar="FP", help="the fingerprint the expert read out (any spelling); enrol only if it is the card's, without asking")

    roster_parser = command("roster", cmd_roster, "list the enrolled experts, retired keys marked; `roster affiliation …` keeps their affiliations", org=False)
    roster_parser.add_argument("--org", type=Path, metavar="DIR", help="organization folder (org.p12, org-cert.pem, roster/)")
    _affiliation_commands(roster_parser)

    retire = command("retire", cmd_retire, "stop sealing for an expert's old key (after a forgotten passphrase or a new computer)")
    retire.add_argument("fingerprint", metavar="FINGERPRINT", help="the old key's fingerprint, as `roster` prints it (quote it)")

    check = command("check", cmd_check, "check a source folder (review.toml, and that every material opens in the expert's viewer) without sealing; "
                    "or show a sealed bundle's panel and leader", org=False)
    check.add_argument("source", type=Path, metavar="SOURCE", help="a source folder, or a sealed .rvb (with --org)")
    check.add_argument("--org", type=Path, metavar="DIR", help="organization folder, to check a panel against the rubric")
    check_panel = check.add_mutually_exclusive_group()
    check_panel.add_argument("--recipients", nargs="+", metavar="CARD_OR_FINGERPRINT", help="the panel to check: enrolled experts, by card file or fingerprint")
    check_panel.add_argument("--all-enrolled", action="store_true", help="check the panel of every expert in the roster")
    check.add_argument("--leader", metavar="CARD", help="the panel leader to check: one of the panel, by card file, fingerprint or name")

    seal = command("seal", cmd_seal, "seal a source folder for enrolled experts and/or a session passphrase", passphrase=True)
    seal.add_argument("source", type=Path, metavar="SOURCE")
    who = seal.add_mutually_exclusive_group()
    who.add_argument("--recipients", nargs="+", metavar="CARD_OR_FINGERPRINT", help="enrolled experts, by card file or fingerprint")
    who.add_argument("--all-enrolled", action="store_true", help="every expert in the roster")
    seal.add_argument("--leader", metavar="CARD", help="name the panel leader (专家组组长): one of the panel, by card file, fingerprint or name; "
                      "else the panel chooses on the day")
    session = seal.add_mutually_exclusive_group()
    session.add_argument("--session-passphrase-file", type=Path, metavar="F", help="also seal for the session passphrase in F")
    session.add_argument("--new-session-passphrase", type=Path, metavar="F", help="generate a session passphrase and write it to F")
    seal.add_argument("--allow-unreadable", action="store_true", help="seal even materials the expert's viewer cannot read (damaged, locked, empty, blank); they are listed")
    seal.add_argument("--scrypt-work-factor", type=int, default=18, metavar="N", help="log2 of the scrypt cost for the session passphrase (default 18)")
    seal.add_argument("-o", "--output", type=Path, required=True, metavar="X.rvb")

    verify = command("verify", cmd_verify, "check returned score packages: signatures, pinned expert, sealed bundle, completeness", passphrase=True)
    verify.add_argument("packages", nargs="+", metavar="PACKAGE", help="*.rvs score packages and *.rvo group opinions, or folders holding them")
    verify.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: one per CPU)")
    verify.add_argument("--accept-out-of-window", action="store_true", help="accept packages signed outside the review window (or before the bundle was issued), flagged")

    aggregate = command("aggregate", cmd_aggregate, "verify a panel's packages and aggregate them into results.csv, results.xlsx, report.pdf", passphrase=True)
    aggregate.add_argument("packages", nargs="+", metavar="PACKAGE", help="*.rvs files, or folders holding them")
    aggregate.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for results.csv, results.xlsx and report.pdf")
    aggregate.add_argument("--trim-min", type=int, default=5, metavar="N", help="drop the highest and lowest scores only when at least N experts scored (default 5)")
    aggregate.add_argument("--trim", type=int, default=1, metavar="N", help="how many highest and lowest scores to drop (default 1)")
    aggregate.add_argument("--outlier-share", type=float, default=0.2, metavar="X", help="flag a score further than X × maximum from the median (default 0.2)")
    aggregate.add_argument("--pass-line", default=None, metavar="N", help="及格线: the least score (on the rubric's scale) that passes, e.g. 60 or 60.5 (60分 is read as 60)")
    aggregate.add_argument("--quorum", default=2 / 3, metavar="X", help="share of the sealed panel that must have scored: 2/3 (the default), 0.67 or 67%%")
    aggregate.add_argument("--earlier", type=Path, action="append", metavar="CSV",
                           help="results of an earlier evaluation (its results.csv, or applicant,period,grade); repeatable; flags 连续两次不合格")
    aggregate.add_argument("--exclude-invalid", action="store_true", help="aggregate the sound packages even when some fail verification")
    aggregate.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: one per CPU)")
    aggregate.add_argument("--accept-out-of-window", action="store_true", help="count packages signed outside the review window, flagged in the report")

    revoke = command("revoke", cmd_revoke, "refuse what an expert signs from a date on (e.g. a lost or stolen key)")
    revoke.add_argument("fingerprint", metavar="FINGERPRINT")
    revoke.add_argument("--from", dest="effective_from", required=True, metavar="DATE", help="2026-05-01 (start of that day, local time) or an ISO date and time")
    revoke.add_argument("--reason", required=True, metavar="TEXT")

    demo = command("demo", cmd_demo, "build the demo world (organization, experts, sealed bundles)", org=False)
    demo.add_argument("out", type=Path, metavar="OUT")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        options = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return int(options.handler(options))
    except UserFacingError as error:
        print(error.message(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
