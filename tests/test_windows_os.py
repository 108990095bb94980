"""The app's paths with `os` reduced to what Python 3.11 has on Windows (tests/windows_os.py):
no fchmod, O_DIRECTORY, fchown, getuid, sync…, no os.open on a folder, no rename over an
existing path. And a source scan: nothing calls a POSIX-only name of `os` without a guard."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from windows_os import POSIX_ONLY

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "tests" / "windows_os.py"


def run_like_windows(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(LAUNCHER), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def windows_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`reviewer-org demo`: organization key, expert identities, enrolment, sealing, signed packages."""
    out = tmp_path_factory.mktemp("windows") / "demo"
    out.mkdir()  # an empty folder: Windows cannot rename the finished world over it
    run_like_windows("-m", "reviewer_app.org.cli", "demo", str(out), home=out.parent)
    return out


def test_organization_demo_runs_without_posix_calls(windows_world: Path) -> None:
    assert (windows_world / "org" / "org.p12").is_file()
    assert len(list((windows_world / "bundles").glob("*.rvb"))) == 2
    assert len(list((windows_world / "packages").glob("*.rvs"))) >= 10
    assert not list(windows_world.parent.glob(".demo-building-*")), "the staging folder was renamed into place"


def test_app_starts_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_like_windows("-m", "ui.launcher", "--data-dir", str(data), "--exit-when-ready", home=tmp_path)
    assert re.fullmatch(r"ready_ms=\d+", result.stdout.strip())
    assert (data / "reviewer.db").is_file()
    again = run_like_windows("-m", "ui.launcher", "--data-dir", str(data), "--exit-when-ready", home=tmp_path)
    assert re.fullmatch(r"ready_ms=\d+", again.stdout.strip()), "the second start lists the library read-only first"


# An expert's whole path on "Windows": create an identity, change its passphrase, pin the
# organization, import a bundle, fill and sign the review, export it to a stick, read it back.
EXPERT_FLOW = r"""
import datetime as dt, sys
from pathlib import Path
from reviewer_app import identity, keys, trust
from reviewer_app.bundle import open_bundle
from reviewer_app.datadir import DataDir
from reviewer_app.export import package as packages
from reviewer_app.services import signing as revisions
from reviewer_app.org import demo_content, demo_scores
from reviewer_app.services.bundles import import_bundle
from reviewer_app.review.state import ConflictAnswer
from reviewer_app.settings import Settings
from reviewer_app.store.database import open_store

world, root = Path(sys.argv[1]), Path(sys.argv[2])
data_dir = DataDir(root / "data").create()
Settings(data_dir.settings).set("language", "en")
data_dir.identity.mkdir()  # empty, as a cancelled enrolment leaves it
profile = identity.ExpertProfile("吴佩珊", "财务", "穗信会计师事务所", "注册会计师", "13800138025", "wups@example.cn")
identity.create_identity(data_dir.identity, profile, "correct horse battery staple 7")
identity.change_passphrase(data_dir.identity, "correct horse battery staple 7", "another long passphrase 42")
expert = identity.unlock(data_dir.identity, "another long passphrase 42")
org_cert = keys.load_certificate_file(world / "org" / keys.ORG_CERT_FILE)
trust.pin(data_dir.trust, org_cert)
session = (world / "bundles" / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()
opened = open_bundle(world / "bundles" / "GZ-2025-ZZ-07.rvb", trust.pinned_certificates(data_dir.trust), session_passphrase=session)
store = open_store(data_dir.database)
import_bundle(store, data_dir, opened, expert)
now = dt.datetime.now().astimezone().replace(microsecond=0)
state = demo_scores.demo_review(opened.spec, opened.bundle_id, "GZ-2025-ZZ-07", "t", "wu-peishan", "财务", now).state
reviews = store.reviews
reviews.declare(opened.bundle_id, ConflictAnswer.NONE, "", True)
for criterion_id, entry in state.scores.items():
    reviews.set_score(opened.bundle_id, criterion_id, entry.value)
    reviews.set_comment(opened.bundle_id, criterion_id, entry.comment)
for veto_id, entry in state.vetoes.items():
    reviews.set_veto(opened.bundle_id, veto_id, entry.raised, entry.reason)
reviews.set_opinion(opened.bundle_id, state.opinion)
reviews.set_recommendation(opened.bundle_id, state.recommendation)
stick = root / "stick"
stick.mkdir()
path = revisions.sign_and_export(store, data_dir, opened, expert, demo_scores.signature_png("吴佩珊"), stick)
import pyrage
read = packages.read_package(pyrage.decrypt(path.read_bytes(), [expert.age_identity]), [expert.certificate])  # confidential: encrypted to the panel
store.close()
print("EXPORTED", path.name, read.document.revision.number)
"""


def test_expert_creates_identity_pins_signs_and_exports(windows_world: Path, tmp_path: Path) -> None:
    result = run_like_windows("-c", EXPERT_FLOW, str(windows_world), str(tmp_path), home=tmp_path)
    assert result.stdout.startswith("EXPORTED ") and result.stdout.split()[-1] == "1", result.stdout
    assert (tmp_path / "data" / "identity" / identity_file()).is_file()
    assert len(list((tmp_path / "stick").glob("*.rvs"))) == 1
    assert not [p for p in (tmp_path / "stick").iterdir() if p.name.startswith(".")], "no temporary file left"


def identity_file() -> str:
    from reviewer_app import identity

    return identity.P12_FILE


def test_the_launcher_really_removes_posix_calls(tmp_path: Path) -> None:
    """A harness that removed nothing would let every test above pass on Linux."""
    code = "import os; print(sorted(n for n in ('fchmod', 'O_DIRECTORY', 'fchown', 'getuid', 'geteuid', 'sync') if hasattr(os, n)))"
    assert run_like_windows("-c", code, home=tmp_path).stdout.strip() == "[]"
    refused = subprocess.run(
        [sys.executable, str(LAUNCHER), "-c", "import os; os.open(os.getcwd(), os.O_RDONLY)"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert refused.returncode == 1 and "PermissionError" in refused.stderr


# --- source scan ---------------------------------------------------------------------------------

SOURCE_DIRS = ("reviewer_app", "ui")


def _guarded_names(tree: ast.AST) -> set[str]:
    """Names checked with hasattr(os, "NAME") / getattr(os, "NAME", default) somewhere in the module."""
    guarded = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "getattr")
            and len(node.args) >= 2 and isinstance(node.args[0], ast.Name) and node.args[0].id == "os"
            and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
            and (node.func.id == "hasattr" or len(node.args) == 3)
        ):  # fmt: skip
            guarded.add(node.args[1].value)
    if "posix_fadvise" in guarded:  # its constants come with it
        guarded |= {name for name in POSIX_ONLY if name.startswith("POSIX_FADV_")}
    return guarded


def posix_only_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    guarded = _guarded_names(tree)
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            name = node.attr
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{path}:{node.lineno} from os import {a.name}" for a in node.names if a.name in POSIX_ONLY]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{path}:{node.lineno} import {m}" for m in modules if m.split(".")[0] in ("fcntl", "pwd", "grp", "termios", "resource", "posix")]
        if name in POSIX_ONLY and name not in guarded:
            found.append(f"{path}:{node.lineno} os.{name}")
    return found


def test_no_posix_only_call_without_a_guard() -> None:
    files = [p for folder in SOURCE_DIRS for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 50
    problems = [problem for path in files for problem in posix_only_uses(path)]
    assert problems == []


def test_the_scan_finds_an_unguarded_call(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nos.fchmod(1, 0o600)\nif hasattr(os, 'sync'):\n    os.sync()\nfrom os import getuid\nimport fcntl\n")
    assert sorted(p.split(" ", 1)[1] for p in posix_only_uses(sample)) == ["from os import getuid", "import fcntl", "os.fchmod"]
