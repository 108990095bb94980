"""The app's built-in demo: the same demo world `reviewer-org demo` makes, taken into a
separate data dir as if a real expert had enrolled, trusted the organization and opened
the bundles. Idempotent: a second start reuses everything."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import durable, identity, trust
from reviewer_app.bundle import open_bundle
from reviewer_app.datadir import DataDir
from reviewer_app.keys import load_certificate_file
from reviewer_app.org.demo import PASSPHRASE_FILE, build_demo_world
from reviewer_app.org.demo_content import EXPERTS
from reviewer_app.services.bundles import import_bundle
from reviewer_app.store.store import Store

Progress = Callable[[int, int], None]
WORLD_DIR = "demo-world"


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
    for bundle in sorted((world / "bundles").glob("*.rvb")):
        opened = open_bundle(bundle, [org_cert], identity=expert)
        import_bundle(store, data_dir, opened, expert)
    return DemoSession(world, expert, passphrase)


def _copy_identity(source: Path, target: Path) -> None:
    staging = target.with_name(target.name + ".demo-copy")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in identity.IDENTITY_FILES:
        shutil.copy2(source / name, staging / name)
    durable.rename_folder(staging, target)
