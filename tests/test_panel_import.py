"""The leader's laptop imports the panel's confidential packages against the bundle's signed
panel list: the demo's packages open with a member's own age key; a package from outside the
panel, for another bundle, or damaged is refused with one sentence."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from package_fixtures import PASSPHRASE_FILE, build, demo_review, opened_bundle, package_of, plain_of, stranger, world_dir  # noqa: F401 - fixture
from reviewer_app import identity
from reviewer_app.org import demo_content
from reviewer_app.export import package as packages
from reviewer_app.panel.opinion import OpinionRefused
from reviewer_app.panel.packages import import_package

ZZ03, ZZ07 = "GZ-2025-ZZ-03", "GZ-2025-ZZ-07"


@functools.cache
def leader_keys(world: Path) -> list:
    folder = world / "experts" / "chen-zhiyuan"
    return [identity.unlock(folder, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip()).age_identity]


def test_the_panel_packages_open_with_the_leaders_own_key(world_dir: Path) -> None:  # noqa: F811
    opened = opened_bundle(world_dir, ZZ07)
    found = [import_package(p, opened, leader_keys(world_dir)) for p in sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs"))]
    assert sorted(v.document.expert.name for v in found) == sorted([e.name for e in demo_content.EXPERTS] + ["林晓梅"])


def test_a_package_for_another_bundle_is_refused(world_dir: Path) -> None:  # noqa: F811
    with pytest.raises(OpinionRefused, match="answers another bundle"):
        import_package(package_of(world_dir, ZZ03, "lin-xiaomei"), opened_bundle(world_dir, ZZ07), leader_keys(world_dir))


def test_a_package_from_outside_the_panel_is_refused(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    outsider = stranger()
    built = build(world_dir, ZZ07, outsider, demo_review(world_dir, ZZ07, "chen-zhiyuan").state)
    path = packages.write_atomically(tmp_path / "outsider.rvs", built.data)
    with pytest.raises(OpinionRefused, match="not signed by a member of this application's panel"):
        import_package(path, opened_bundle(world_dir, ZZ07), leader_keys(world_dir))


def test_a_damaged_package_is_refused(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    data = bytearray(plain_of(world_dir, ZZ07, "wu-peishan"))
    data[len(data) // 3] ^= 0x04
    (tmp_path / "damaged.rvs").write_bytes(bytes(data))
    with pytest.raises(OpinionRefused, match="damaged"):
        import_package(tmp_path / "damaged.rvs", opened_bundle(world_dir, ZZ07), leader_keys(world_dir))
    encrypted = bytearray(package_of(world_dir, ZZ07, "wu-peishan").read_bytes())
    encrypted[-50] ^= 0x04
    (tmp_path / "damaged-encrypted.rvs").write_bytes(bytes(encrypted))
    with pytest.raises(OpinionRefused, match="not meant for this panel|damaged"):
        import_package(tmp_path / "damaged-encrypted.rvs", opened_bundle(world_dir, ZZ07), leader_keys(world_dir))
