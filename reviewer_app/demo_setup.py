"""The app's built-in demo: the same demo world `reviewer-org demo` makes, taken into a
separate data dir as if a real expert had enrolled, trusted the organization and opened
the bundles. Idempotent: a second start reuses everything.

The leader's walk, alone (issue 17): the organization named the demo's expert (陈志远) leader of
GZ-2025-ZZ-07 when it sealed it. `demo-world/stick/` plays the USB stick the panel hands
round: the other members' signed packages for that application and 林晓梅's answer to the
re-check he asked for (his request is kept as sent in his store). Once he has frozen a draft there, `sign_as_other_members` lets the other
members sign it with their keys from the demo world — the demo's stand-in for the other
laptops, offered only for a bundle of the demo's own organization (its keys are published in
the demo world anyway; a real panel's keys never are)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import durable, identity, keys, trust
from reviewer_app.bundle import open_bundle
from reviewer_app.datadir import DataDir
from reviewer_app.errors import UserFacingError
from reviewer_app.keys import load_certificate_file
from reviewer_app.org.demo import LEADER_NAMED_AT_SEAL, PASSPHRASE_FILE, build_demo_world
from reviewer_app.org.demo_content import EXPERTS
from reviewer_app.services.bundles import import_bundle
from reviewer_app.store.store import Store

Progress = Callable[[int, int], None]
WORLD_DIR = "demo-world"
STICK_DIR = "stick"  # in the demo world: the panel's USB stick for the leader's walk


@dataclass(frozen=True)
class DemoSession:
    world: Path
    expert: identity.UnlockedIdentity
    passphrase: str


def demo_expert_id() -> str:
    """The demo plays the first expert (technical field)."""
    return EXPERTS[0].id


def prepare_demo(data_dir: DataDir, store: Store, progress: Progress | None = None) -> DemoSession:
    world = data_dir.root / WORLD_DIR
    if not (world / "org" / "org-cert.pem").is_file():
        build_demo_world(world, progress)
    expert_dir = world / "experts" / demo_expert_id()
    passphrase = (expert_dir / PASSPHRASE_FILE).read_text(encoding="utf-8").strip()
    if not identity.exists(data_dir.identity):
        _copy_identity(expert_dir, data_dir.identity)
    expert = identity.unlock(data_dir.identity, passphrase)
    org_cert = load_certificate_file(world / "org" / "org-cert.pem")
    trust.pin(data_dir.trust, org_cert)
    led = None
    for bundle in sorted((world / "bundles").glob("*.rvb")):
        opened = open_bundle(bundle, [org_cert], identity=expert)
        import_bundle(store, data_dir, opened, expert)
        led = opened if opened.application.id == LEADER_NAMED_AT_SEAL[0] else led
    if not (world / STICK_DIR).is_dir() and led is not None:
        _record_sent_request(store, led, world)
        fill_stick(world, expert.fingerprint)
    return DemoSession(world, expert, passphrase)


def _record_sent_request(store: Store, opened, world: Path) -> None:  # noqa: ANN001 - OpenedBundle
    """As if the demo expert had asked 林晓梅 for the re-check from his laptop: the request he
    signed (OUT/opinions/work/) is kept as sent, so her answer on the stick imports."""
    from reviewer_app.org.demo_opinions import OPINIONS_DIR
    from reviewer_app.panel import recheck
    from reviewer_app.services import rechecks

    for request in sorted((world / OPINIONS_DIR / "work").glob(f"{opened.application.id}-*{recheck.REQUEST_SUFFIX}")):
        rechecks.record_sent(store, opened, request.read_bytes())


def fill_stick(world: Path, own_fingerprint: str) -> Path:
    """demo-world/stick/: the other members' packages for the application the demo expert leads,
    and 林晓梅's answer to the re-check he asked for (files of OUT/packages and OUT/opinions/work)."""
    from reviewer_app.org.demo_opinions import OPINIONS_DIR
    from reviewer_app.org.demo import PACKAGES_DIR
    from reviewer_app.panel import recheck

    application_id = LEADER_NAMED_AT_SEAL[0]
    own = keys.fingerprint_hex(own_fingerprint)[:8]
    staging = world / f".{STICK_DIR}-filling"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for package in sorted((world / PACKAGES_DIR).glob(f"{application_id}-*.rvs")):
        if f"-{own}-" not in package.name:
            shutil.copyfile(package, staging / package.name)
    for found in sorted((world / OPINIONS_DIR / "work").glob(f"{application_id}-*{recheck.ANSWER_SUFFIX}")):
        shutil.copyfile(found, staging / found.name)  # the request is kept as sent on the demo expert's laptop
    durable.rename_folder(staging, world / STICK_DIR)
    return world / STICK_DIR


def demo_world_for(opened) -> Path | None:  # noqa: ANN001 - bundle.reader.OpenedBundle
    """The demo world whose organization sealed `opened`, when it is a bundle of the built-in demo
    (imported into a data dir holding that world); None for every other bundle."""
    world = Path(opened.path).parent.parent / WORLD_DIR
    certificate = world / "org" / keys.ORG_CERT_FILE
    if not certificate.is_file() or not (world / "experts").is_dir():
        return None
    try:
        fingerprint = keys.fingerprint(keys.load_certificate_file(certificate))
    except (OSError, ValueError, UserFacingError):
        return None
    return world if fingerprint == opened.manifest.organization_fingerprint else None


@dataclass(frozen=True)
class DemoSignature:
    name: str
    dissent: str  # the reason, or "" for agreement
    path: Path


def sign_as_other_members(world: Path, draft_path: Path, own_fingerprint: str, progress: Progress | None = None) -> list[DemoSignature]:
    """Demo only: every other member who must sign the frozen draft at `draft_path` signs it with
    their key from the demo world; the signature files go next to the draft. 黄建国 dissents (with
    his written reason) when the panel dismissed a veto item he raised, and agrees otherwise."""
    from reviewer_app.org.demo_opinions import DISSENT_REASON
    from reviewer_app.panel import opinion as opinions

    draft = Path(draft_path).read_bytes()
    opinion = opinions.read_draft(draft, Path(draft_path).name)
    by_fingerprint = {identity.load_public(world / "experts" / e.id).fingerprint: e for e in EXPERTS}
    overruled = {r["fingerprint"] for v in opinion["vetoes"] if v["ruling"] == "dismissed" for r in v["raised_by"]}
    signers = [fp for fp in opinions.required_signers(opinion) if fp != own_fingerprint and fp in by_fingerprint]
    written = []
    for done, fingerprint in enumerate(signers):
        folder = world / "experts" / by_fingerprint[fingerprint].id
        member, private_key = identity.unlock_signing_key(folder, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
        reason = DISSENT_REASON if fingerprint in overruled else ""
        data = opinions.sign(
            draft, decision=opinions.DISSENT if reason else opinions.AGREE, reason=reason, certificate=member.certificate, private_key=private_key,
            name=by_fingerprint[fingerprint].name, now=dt.datetime.now().astimezone().replace(microsecond=0),
        )  # fmt: skip
        target = Path(draft_path).with_name(f"{opinion['application']['id']}-{opinions.member_key(fingerprint)}{opinions.SIGNATURE_SUFFIX}")
        durable.write_bytes(target, data)
        written.append(DemoSignature(by_fingerprint[fingerprint].name, reason, target))
        if progress is not None:
            progress(done + 1, len(signers))
    return written


def _copy_identity(source: Path, target: Path) -> None:
    staging = target.with_name(target.name + ".demo-copy")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in identity.IDENTITY_FILES:
        shutil.copy2(source / name, staging / name)
    durable.rename_folder(staging, target)
