"""`reviewer-org aggregate` verifies each distinct package once: byte-identical copies (handed in
twice, or present in two folders) share one verification, and each copy keeps its own report."""

from __future__ import annotations

import shutil
from pathlib import Path

from package_fixtures import demo_packages, org_age_identity, world_dir  # noqa: F401 - fixture
from reviewer_app.org import verify_packages


def test_identical_copies_are_verified_once(world_dir: Path, demo_packages: list[Path], tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    copies = []
    for number, original in enumerate(demo_packages[:3]):
        copy = tmp_path / f"copy-{number}.rvs"
        shutil.copy(original, copy)
        copies.append(copy)
    damaged = tmp_path / "damaged.rvs"
    damaged.write_bytes(demo_packages[3].read_bytes()[:-10])
    checked: list[str] = []
    verify_one = verify_packages.verify_one
    monkeypatch.setattr(verify_packages, "verify_one", lambda path, org: checked.append(str(path)) or verify_one(path, org))
    given = [*demo_packages[:3], *copies, damaged]
    reports = verify_packages.verify_all(given, world_dir / "org", jobs=1, age_identity=org_age_identity(world_dir))
    assert checked == [str(p) for p in [*demo_packages[:3], damaged]]
    assert [r.path for r in reports] == [str(p) for p in given]
    assert [r.ok for r in reports] == [True] * 6 + [False], [r.message for r in reports]
    assert [r.score_sha256 for r in reports[3:6]] == [r.score_sha256 for r in reports[:3]]
