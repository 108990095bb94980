"""Exports are atomic: a process killed (SIGKILL) while exporting leaves either no package or
the complete one, never a partial file under the package's name; the next export cleans up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from package_fixtures import build, demo_review, demo_signer, world_dir  # noqa: F401 - fixture
from reviewer_app import keys
from reviewer_app.export import package as packages
from reviewer_app.export.score_json import AttachmentInput

ROOT = Path(__file__).resolve().parent.parent

# The exporting process: slows its writes down like a USB stick, so that a kill lands mid-write.
DRIVER = r"""
import os, sys, time
from pathlib import Path
from reviewer_app import keys
from reviewer_app.export import package as packages

source, cert_file, folder = sys.argv[1:4]
built_from = packages.read_package(Path(source), [keys.load_certificate_file(Path(cert_file))])
data = Path(source).read_bytes()
import hashlib
built = packages.BuiltPackage(data, built_from.document, built_from.score_json, built_from.score_sha256, hashlib.sha256(data).hexdigest())
real_fdopen = os.fdopen

class Slow:
    def __init__(self, handle):
        self.handle = handle
    def write(self, chunk):
        time.sleep(0.004)
        return self.handle.write(chunk)
    def __getattr__(self, name):
        return getattr(self.handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

packages.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
packages.CHUNK = 1 << 15
print("EXPORTING", flush=True)
packages.export(built, Path(folder))
print("DONE", flush=True)
"""


@pytest.fixture(scope="module")
def big_package(world_dir: Path, tmp_path_factory) -> tuple[Path, Path]:  # noqa: ANN001
    signer = demo_signer(world_dir, "wu-peishan")
    review = demo_review(world_dir, "GZ-2025-ZZ-07", "wu-peishan")
    evidence = AttachmentInput("审计报告扫描件.pdf", "application/pdf", b"%PDF-1.4\n" + os.urandom(24 << 20))
    built = build(world_dir, "GZ-2025-ZZ-07", signer, review.state, attachments=[evidence])
    folder = tmp_path_factory.mktemp("big")
    source = folder / built.file_name
    source.write_bytes(built.data)
    cert = folder / "expert.pem"
    cert.write_text(keys.certificate_pem(signer.certificate))
    return source, cert


def test_a_kill_during_export_leaves_no_file_or_a_complete_one(big_package: tuple[Path, Path], tmp_path: Path) -> None:
    source, cert = big_package
    expected = source.read_bytes()
    outcomes = []
    for delay in (0.05, 0.35, 0.7, 1.1, None):
        target_dir = tmp_path / f"stick-{delay}"
        target_dir.mkdir()
        process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(source), str(cert), str(target_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"EXPORTING"
        if delay is not None:
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        assert delay is not None or process.returncode == 0, process.stderr.read() if process.stderr else ""
        process.stdout.close()
        if process.stderr:
            process.stderr.close()
        target = target_dir / source.name
        visible = [p.name for p in target_dir.iterdir() if not p.name.startswith(".")]
        if target.exists():
            assert target.read_bytes() == expected, "a partial package under the final name"
            outcomes.append("complete")
        else:
            assert visible == [], visible
            outcomes.append("none")
            leftovers = list(target_dir.glob(".*.part"))
            if leftovers:
                # The next export of the same package removes what the killed one left behind.
                verified = packages.read_package(source, [keys.load_certificate_file(cert)])
                import hashlib

                packages.export(packages.BuiltPackage(expected, verified.document, verified.score_json, verified.score_sha256, hashlib.sha256(expected).hexdigest()), target_dir)
                assert [p.name for p in target_dir.iterdir()] == [source.name]
    assert outcomes[-1] == "complete"
    assert "none" in outcomes, "no kill landed before the rename: the test did not test anything"
