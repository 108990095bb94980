"""Organization benchmark: `reviewer-org verify` then `reviewer-org aggregate`, as run by hand.

Setup (not timed, cached in bench/out/aggregate-v3/; only missing bundles are made): an
organization made as `reviewer-org init` makes it (signing key and age key under one
passphrase, kept in passphrase.txt), a roster of 10 experts (2 per field), sealed-bundle
records with the demo rubric, and one confidential signed package per expert and bundle (the
app's export code, encrypted to the organization and the expert), made on all cores.

Timed, for half the packages and then all of them (to show how the time grows; --full-only:
all only): the two commands in fresh processes on a folder of packages with
`--passphrase-file`, their wall time, CPU and peak RSS with their worker processes; baseline
in the same run: SHA-256 of every package file. `aggregate` takes what `verify` found sound
from ORG/verified.json and checks the rest.
Goal (issue 16): linear growth; 10,000 packages: verify <= 60 s and aggregate <= 60 s, RSS <= 500 MB.

    .venv/bin/python bench/aggregate.py [--packages 1000] [--jobs N] [--rounds 1] [--full-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402 - after the path is set

CHINA = dt.timezone(dt.timedelta(hours=8))
# Signed an hour ago (inside the experts' certificates, made at setup), sealed a day before.
SIGNED_AT = (dt.datetime.now(CHINA) - dt.timedelta(hours=1)).replace(second=0, microsecond=0)
FIELDS = ["技术", "技术", "产业", "产业", "管理", "管理", "财务", "财务", "技术", "产业"]
NAMES = ["陈志远", "周海峰", "林晓梅", "黄建国", "吴佩珊", "郑文博", "何雅琴", "梁振华", "罗嘉欣", "谢永明"]


PASSPHRASE = "violet harbor quietly measures 7 lanterns"


def _expert(index: int) -> dict[str, str]:
    """A roster expert as the cache keeps it: certificate, key and age identity (PEM / age text)."""
    import pyrage
    from asn1crypto import core as asn1_core
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from reviewer_app import identity, keys

    key = keys.new_private_key()
    age = pyrage.x25519.Identity.generate()
    extension = x509.UnrecognizedExtension(identity.AGE_RECIPIENT_OID, asn1_core.UTF8String(str(age.to_public())).dump())
    cert = keys.make_self_signed(key, NAMES[index], "基准评审专家库", days=365, extra_extensions=[extension])
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return {"cert": keys.certificate_pem(cert), "key": key_pem.decode(), "age": str(age.to_public())}


def _public(index: int, expert: dict[str, str]):  # noqa: ANN202 - identity.PublicIdentity
    from reviewer_app import identity, keys

    cert = keys.load_certificate(expert["cert"].encode())
    profile = identity.ExpertProfile(NAMES[index], FIELDS[index], "基准评审专家库", "教授")
    return identity.PublicIdentity(profile, cert, keys.fingerprint(cert), expert["age"])


def _spec():  # noqa: ANN202
    from reviewer_app import rubric
    from reviewer_app.org import demo_content

    return rubric.load(
        {
            "fields": demo_content.FIELDS,
            "stages": demo_content.STAGES,
            "facts": demo_content.ALLIANCE.facts,
            "rubric": demo_content.rubric_data(demo_content.ALLIANCE),
            "checklist": {"items": demo_content.CHECKLIST},
        }
    )


def _bundle_id(n: int) -> str:
    return f"bench-{n:05d}-0000-4000-8000-000000000000"


def _make(job: tuple[int, list[dict[str, str]], str, str, str]) -> int:
    """Worker: every expert's package for bundle `n`, encrypted to the organization and the expert
    (a confidential package, as the app exports it for a bundle whose manifest lists recipients)."""
    from cryptography.hazmat.primitives import serialization

    from reviewer_app.export import confidential
    from reviewer_app.export import package as packages
    from reviewer_app.export import score_json
    from reviewer_app.org import demo_scores
    from reviewer_app.review.completeness import criteria_for_expert

    n, experts, org_fingerprint, org_recipient, out = job
    spec = _spec()
    now = SIGNED_AT
    for index, expert in enumerate(experts):
        public = _public(index, expert)
        key = serialization.load_pem_private_key(expert["key"].encode(), None)
        review = demo_scores.demo_review(spec, _bundle_id(n), f"BENCH-{n:05d}", f"基准申报项目{n}", f"bench-{n}-{index}", public.profile.field, now)
        assert criteria_for_expert(spec, public.profile.field)
        doc = score_json.from_review(
            bundle=score_json.BundleRef(_bundle_id(n), hashlib.sha256(_bundle_id(n).encode()).hexdigest(), "基准组织", org_fingerprint),
            review=score_json.ReviewRef("基准评审", "", "基准组织", "2025-12-10"),
            application=score_json.ApplicationRef(f"BENCH-{n:05d}", f"基准申报项目{n}", "基准申报单位"),
            spec=spec, expert=score_json.expert_ref(public.profile, public.fingerprint, spec), state=review.state, revision=score_json.Revision(1, now),
        )  # fmt: skip
        built = packages.make_package(doc, certificate=public.certificate, private_key=key, handwritten_png=None, recommendations=[(r.id, r.title) for r in spec.rubric.recommendations], self_check=False)
        data = confidential.encrypt(built.data, [org_recipient, expert["age"]])
        temporary = Path(out) / f".{built.file_name}.part"
        temporary.write_bytes(data)
        temporary.replace(Path(out) / built.file_name)  # a generation cut short leaves no half package
    return len(experts)


def _organization(cache: Path) -> tuple[Path, list[dict[str, str]]]:
    """The organization folder as `reviewer-org init` and `enrol` leave it, made once."""
    from reviewer_app import identity, keys
    from reviewer_app.org import age_key, roster

    org = cache / "org"
    experts_file = cache / "experts.json"
    if experts_file.is_file():
        return org, json.loads(experts_file.read_text())
    shutil.rmtree(cache, ignore_errors=True)
    org.mkdir(parents=True)
    (cache / "passphrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    keys.create_org_credentials(org, "基准组织", PASSPHRASE)
    age_key.create(org, PASSPHRASE)
    experts = [_expert(i) for i in range(len(NAMES))]
    for index, expert in enumerate(experts):
        card = cache / "card.json"
        card.write_bytes(identity.card_bytes(_public(index, expert)))
        roster.enrol(org, card)
    experts_file.write_text(json.dumps(experts))
    return org, experts


def setup(cache: Path, bundles: int, jobs: int) -> list[Path]:
    """`bundles` × 10 packages in cache/packages; only the bundles not made yet are made."""
    from reviewer_app import keys
    from reviewer_app.bundle.model import ApplicationInfo, PanelMember, Window
    from reviewer_app.org import age_key
    from reviewer_app.org import sealed as ledger

    org, experts = _organization(cache)
    out = cache / "packages"
    out.mkdir(exist_ok=True)
    org_fingerprint = keys.fingerprint(keys.load_certificate((org / keys.ORG_CERT_FILE).read_bytes()))
    org_recipient = age_key.recipient(org)
    by_bundle: dict[str, list[Path]] = {}
    for path in out.glob("BENCH-*.rvs"):
        by_bundle.setdefault(path.name.split("-")[1], []).append(path)
    missing = [n for n in range(bundles) if len(by_bundle.get(f"{n:05d}", ())) < len(NAMES)]
    spec = _spec()
    panel = tuple(PanelMember(p.fingerprint, p.profile.name, p.profile.field) for p in (_public(i, e) for i, e in enumerate(experts)))
    for n in missing:
        ledger.record_sealed(
            org,
            ledger.SealedRecord(
                _bundle_id(n), hashlib.sha256(_bundle_id(n).encode()).hexdigest(), SIGNED_AT - dt.timedelta(days=1), f"BENCH-{n:05d}.rvb", True,
                "基准组织", org_fingerprint, "基准评审", "2025-12-10", ApplicationInfo(f"BENCH-{n:05d}", f"基准申报项目{n}", "基准申报单位"),
                panel, spec, Window(SIGNED_AT - dt.timedelta(days=1), SIGNED_AT + dt.timedelta(days=30)),
            ),
        )  # fmt: skip
    started = time.perf_counter()
    if missing:
        print(f"  making {len(missing) * len(NAMES)} packages on {jobs} processes …", file=sys.stderr)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            done = 0
            for count in pool.map(_make, [(n, experts, org_fingerprint, org_recipient, str(out)) for n in missing], chunksize=4):
                done += count
                if done % 500 == 0:
                    print(f"  made {done} packages ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    by_bundle = {}
    for path in out.glob("BENCH-*.rvs"):
        by_bundle.setdefault(path.name.split("-")[1], []).append(path)
    return sorted(p for n in range(bundles) for p in by_bundle.get(f"{n:05d}", ()))


def _tree_rss_mib(root: int) -> float:
    """Resident memory of `root` and every process below it (Linux /proc), in MiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21])  # pages
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += rss.get(pid, 0)
        pending.extend(children.get(pid, ()))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(command: list[str | Path]) -> common.Run:
    """Wall time of `command` and the peak of its whole process tree's RSS (workers included)."""
    import subprocess
    import threading

    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen([str(c) for c in command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=common.child_env())
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _tree_rss_mib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{command[3]} failed ({process.returncode}): {err.decode(errors='replace')[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers (all waited for)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return common.Run(wall, peak[0], out.decode(errors="replace"), cpu)  # CPU: the command and its worker processes together


def commands(paths: list[Path], cache: Path, jobs: int, out: Path) -> tuple[common.Run, common.Run]:
    """`reviewer-org verify` then `reviewer-org aggregate`, as the organization runs them
    (the passphrase from a file: it unlocks the age key that opens the confidential packages)."""
    listing = out / "packages"
    shutil.rmtree(listing, ignore_errors=True)
    listing.mkdir(parents=True)
    for path in paths:  # the folder the organization points the commands at
        os.link(path, listing / path.name)
    tool = [sys.executable, "-m", "reviewer_app.org.cli"]
    secret = ["--passphrase-file", cache / "passphrase.txt"]
    verify = timed([*tool, "verify", listing, "--org", cache / "org", *secret, "--jobs", str(jobs)])
    aggregate = timed([*tool, "aggregate", listing, "--org", cache / "org", *secret, "--out", out / "results", "--jobs", str(jobs)])
    assert f"{len(paths)} package(s) sound, 0 refused." in verify.stdout, verify.stdout[-500:]
    return verify, aggregate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=common.OUT / "aggregate-v3")  # v3: a real organization, confidential packages
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--setup-only", action="store_true", help="make the packages (cached) and stop")
    parser.add_argument("--full-only", action="store_true", help="time all the packages only, not half of them first")
    args = parser.parse_args()
    bundles = args.packages // len(NAMES)
    print(f"setting up {bundles * len(NAMES)} packages in {args.cache} (cached) …", file=sys.stderr)
    paths = setup(args.cache, bundles, args.jobs)
    if args.setup_only:
        return
    random.Random(0).shuffle(paths)  # a folder as it comes: not sorted by bundle
    sizes = [len(paths)] if args.full_only else [len(paths) // 2, len(paths)]
    totals = {}
    with tempfile.TemporaryDirectory(dir=common.OUT) as out:  # same file system: the listing is hard links
        for size in sizes:
            subset = paths[:size]
            runs = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                for path in subset:
                    hashlib.sha256(path.read_bytes()).digest()
                baseline = time.perf_counter() - started
                verify, aggregate = commands(subset, args.cache, args.jobs, Path(out) / str(size))
                runs.append((verify, aggregate, baseline))
            verify_s = statistics.median(v.wall for v, _, _ in runs)
            aggregate_s = statistics.median(a.wall for _, a, _ in runs)
            baseline_s = statistics.median(b for _, _, b in runs)
            verify_cpu = statistics.median(v.cpu for v, _, _ in runs)
            aggregate_cpu = statistics.median(a.cpu for _, a, _ in runs)
            verify_rss = max(v.rss_mib for v, _, _ in runs)
            aggregate_rss = max(a.rss_mib for _, a, _ in runs)
            totals[size] = verify_s + aggregate_s
            megabytes = sum(p.stat().st_size for p in subset) / 1e6
            print(f"packages={size} MB={megabytes:.0f} jobs={args.jobs}: reviewer-org verify {verify_s:.2f} s (CPU {verify_cpu:.1f} s, "
                  f"{verify_cpu / size * 1000:.1f} ms a package; peak RSS {verify_rss:.0f} MiB), then aggregate {aggregate_s:.2f} s (CPU {aggregate_cpu:.1f} s; "
                  f"peak RSS {aggregate_rss:.0f} MiB) — CPU and RSS of the command and its workers together; "
                  f"total {totals[size]:.2f} s, {totals[size] / size * 1000:.2f} ms a package; "
                  f"baseline SHA-256 of the files {baseline_s:.3f} s, ratio {totals[size] / baseline_s:.0f}; {common.load()}")
    if len(sizes) == 2:
        small, large = sizes
        print(f"doubling the packages multiplied the time by {totals[large] / totals[small]:.2f} (linear: 2.00); "
              f"per 10,000 packages at this rate: {totals[large] / large * 10_000:.0f} s (goal: verify <= 60 s and aggregate <= 60 s, RSS <= 500 MB)")


if __name__ == "__main__":
    main()
