"""Benchmark: `reviewer-app verify` of a 1 GiB bundle against `openssl dgst -sha256` of the same file.

    .venv/bin/python bench/bundle_verify.py [--size-mib 1024] [--rounds 5] [--keep DIR]

Seals a bundle holding one random material of the given size (in a temporary folder), then
alternates the two commands (after one untimed warm-up of each, so both read from the page
cache) and prints the median wall times, their ratio and the verifier's peak RSS. Both are run
as fresh processes, start-up included. Goal (DESIGN §6, issue 3): ratio <= 1.1, RSS <= 150 MB.
Not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_bundle(folder: Path, size_mib: int) -> tuple[Path, Path]:
    from reviewer_app import keys
    from reviewer_app.bundle.seal import seal_bundle
    from reviewer_app.bundle.source import load_source
    from reviewer_app.org import tomlwrite

    source = folder / "source"
    (source / "materials").mkdir(parents=True)
    with open(source / "materials" / "big.pdf", "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        for _ in range(size_mib):
            handle.write(os.urandom(1 << 20))
    review = {
        "review": {"title": "基准测试", "valid_from": "2020-01-01T00:00:00+08:00", "valid_until": "2099-12-31T23:59:59+08:00"},
        "application": {"id": "BENCH", "title": "基准测试申报"},
        "fields": [{"id": "technical", "title": "技术"}],
        "rubric": {"total": 10, "sections": [{"id": "A", "title": "技术", "maximum": 10, "fields": ["technical"], "criteria": [{"id": "A1", "title": "先进性", "maximum": 10}]}]},
        "materials": [{"file": "materials/big.pdf", "title": "大文件"}],
    }
    (source / "review.toml").write_text(tomlwrite.dumps(review), encoding="utf-8")
    org = keys.create_org_credentials(folder / "org", "基准测试机构", "Bench-org-pass-2025")
    started = time.perf_counter()
    sealed = seal_bundle(load_source(source), folder / "bench.rvb", org, [], "Bench-session-pass-2025", scrypt_work_factor=10)
    print(f"sealed {sealed.size / 2**30:.2f} GiB in {time.perf_counter() - started:.1f} s")
    (source / "materials" / "big.pdf").unlink()
    return sealed.path, folder / "org" / keys.ORG_CERT_FILE


def timed(command: list[str]) -> tuple[float, int, float]:
    """Wall time (s), peak RSS (KiB) and CPU time (s) of one run of `command`, which must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode() if process.stderr else ''}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the bundle in DIR and keep it")
    parser.add_argument("--reuse", type=Path, nargs=2, metavar=("BUNDLE", "CERT"), help="time an existing bundle instead of sealing one")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="bundle-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        bundle, cert = options.reuse if options.reuse else make_bundle(folder, options.size_mib)
        verify = [sys.executable, "-m", "ui.launcher", "verify", str(bundle), "--org-cert", str(cert)]
        openssl = ["openssl", "dgst", "-sha256", str(bundle)]
        timed(verify), timed(openssl)  # warm the page cache and the interpreter's files
        load_before = f"{os.getloadavg()[0]:.2f}"
        ours, theirs, rss, our_cpu, their_cpu = [], [], [], [], []
        for _ in range(options.rounds):
            seconds, peak, cpu = timed(verify)
            ours.append(seconds)
            rss.append(peak)
            our_cpu.append(cpu)
            seconds, _, cpu = timed(openssl)
            theirs.append(seconds)
            their_cpu.append(cpu)
        median = statistics.median
        print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f} (other processes distort wall times)")
        print(f"reviewer-app verify:  median {median(ours):.3f} s wall, {median(our_cpu):.3f} s CPU  (runs: {', '.join(f'{s:.3f}' for s in ours)})")
        print(f"openssl dgst -sha256: median {median(theirs):.3f} s wall, {median(their_cpu):.3f} s CPU  (runs: {', '.join(f'{s:.3f}' for s in theirs)})")
        print(f"ratio {median(ours) / median(theirs):.3f} wall, {median(our_cpu) / median(their_cpu):.3f} CPU (goal <= 1.1)")
        print(f"verifier peak RSS {max(rss) / 1024:.1f} MiB (goal <= 150)")
    finally:
        if options.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
