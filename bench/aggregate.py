"""Organization benchmark: `reviewer-org verify` then `reviewer-org aggregate`, as run by hand.

Setup (not timed, cached in bench/out/aggregate/): an organization folder with a roster of 10
experts (2 per field), sealed-bundle records with the demo rubric, and one signed package per
expert and bundle, made by the app's export code on all cores.

Timed, for half the packages and then all of them (to show how the time grows): the two
commands in fresh processes on a folder of packages, their peak RSS; baseline in the same run:
SHA-256 of every package file. `aggregate` verifies every package itself (byte-identical copies
once), so `verify` before it is optional; both are timed because that is what the issue measured.
Goal (issue 16): linear growth; 10,000 packages <= 60 s for both, RSS <= 500 MB.

    .venv/bin/python bench/aggregate.py [--packages 1000] [--jobs N] [--rounds 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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


def _expert(index: int):  # noqa: ANN202
    import pyrage
    from asn1crypto import core as asn1_core
    from cryptography import x509

    from reviewer_app import identity, keys

    key = keys.new_private_key()
    age = pyrage.x25519.Identity.generate()
    extension = x509.UnrecognizedExtension(identity.AGE_RECIPIENT_OID, asn1_core.UTF8String(str(age.to_public())).dump())
    cert = keys.make_self_signed(key, NAMES[index], "基准评审专家库", days=365, extra_extensions=[extension])
    profile = identity.ExpertProfile(NAMES[index], FIELDS[index], "基准评审专家库", "教授")
    return identity.PublicIdentity(profile, cert, keys.fingerprint(cert), str(age.to_public())), key


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
    return f"bench-{n:04d}-0000-4000-8000-000000000000"


def _make(job: tuple[int, list[tuple[bytes, bytes]], str]) -> int:
    """Worker: every expert's package for bundle `n` (keys given as PEM)."""
    from cryptography.hazmat.primitives import serialization

    from reviewer_app import identity, keys
    from reviewer_app.export import package as packages
    from reviewer_app.export import score_json
    from reviewer_app.org import demo_scores
    from reviewer_app.review.completeness import criteria_for_expert

    n, experts, out = job
    spec = _spec()
    now = SIGNED_AT
    for index, (cert_pem, key_pem) in enumerate(experts):
        cert = keys.load_certificate(cert_pem)
        key = serialization.load_pem_private_key(key_pem, None)
        public = identity.PublicIdentity(identity.ExpertProfile(NAMES[index], FIELDS[index], "基准评审专家库", "教授"), cert, keys.fingerprint(cert), "")
        review = demo_scores.demo_review(spec, _bundle_id(n), f"BENCH-{n:03d}", f"基准申报项目{n}", f"bench-{n}-{index}", public.profile.field, now)
        state = review.state
        assert criteria_for_expert(spec, public.profile.field)
        doc = score_json.from_review(
            bundle=score_json.BundleRef(_bundle_id(n), hashlib.sha256(_bundle_id(n).encode()).hexdigest(), "基准组织", _org_fingerprint()),
            review=score_json.ReviewRef("基准评审", "", "基准组织", "2025-12-10"),
            application=score_json.ApplicationRef(f"BENCH-{n:03d}", f"基准申报项目{n}", "基准申报单位"),
            spec=spec, expert=score_json.expert_ref(public.profile, public.fingerprint, spec), state=state, revision=score_json.Revision(1, now),
        )  # fmt: skip
        built = packages.make_package(doc, certificate=cert, private_key=key, handwritten_png=None, recommendations=[(r.id, r.title) for r in spec.rubric.recommendations], self_check=False)
        (Path(out) / built.file_name).write_bytes(built.data)
    return len(experts)


def _org_fingerprint() -> str:
    return "AB:" * 31 + "AB"


def setup(cache: Path, bundles: int, jobs: int) -> list[Path]:
    from cryptography.hazmat.primitives import serialization

    from reviewer_app import identity, keys
    from reviewer_app.bundle.model import ApplicationInfo, PanelMember, Window
    from reviewer_app.org import roster
    from reviewer_app.org import sealed as ledger

    org = cache / "org"
    out = cache / "packages"
    if out.is_dir() and len(list(out.glob("*.rvs"))) >= bundles * len(NAMES):
        return sorted(out.glob("*.rvs"))[: bundles * len(NAMES)]
    for folder in (org, out):
        folder.mkdir(parents=True, exist_ok=True)
    experts = [_expert(i) for i in range(len(NAMES))]
    for public, _ in experts:
        card = cache / "card.json"
        card.write_bytes(identity.card_bytes(public))
        roster.enrol(org, card)
    spec = _spec()
    for n in range(bundles):
        ledger.record_sealed(
            org,
            ledger.SealedRecord(
                _bundle_id(n), hashlib.sha256(_bundle_id(n).encode()).hexdigest(), SIGNED_AT - dt.timedelta(days=1), f"BENCH-{n:03d}.rvb", True,
                "基准组织", _org_fingerprint(), "基准评审", "2025-12-10", ApplicationInfo(f"BENCH-{n:03d}", f"基准申报项目{n}", "基准申报单位"),
                tuple(PanelMember(p.fingerprint, p.profile.name, p.profile.field) for p, _ in experts), spec,
                Window(SIGNED_AT - dt.timedelta(days=1), SIGNED_AT + dt.timedelta(days=30)),
            ),
        )  # fmt: skip
    pems = [
        (keys.certificate_pem(p.certificate).encode(), k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        for p, k in experts
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        done = 0
        for count in pool.map(_make, [(n, pems, str(out)) for n in range(bundles)]):
            done += count
            if done % 100 == 0:
                print(f"  made {done} packages ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return sorted(out.glob("*.rvs"))


def commands(paths: list[Path], org: Path, jobs: int, out: Path) -> tuple[common.Run, common.Run]:
    """`reviewer-org verify` then `reviewer-org aggregate`, as the organization runs them."""
    listing = out / "packages"
    shutil.rmtree(listing, ignore_errors=True)
    listing.mkdir(parents=True)
    for path in paths:  # the folder the organization points the commands at
        os.link(path, listing / path.name)
    tool = [sys.executable, "-m", "reviewer_app.org.cli"]
    verify = common.run([*tool, "verify", listing, "--org", org, "--jobs", str(jobs)])
    aggregate = common.run([*tool, "aggregate", listing, "--org", org, "--out", out / "results", "--jobs", str(jobs)])
    return verify, aggregate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=common.OUT / "aggregate-v2")  # v2: records with a review window, packages signed recently
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    bundles = args.packages // len(NAMES)
    print(f"setting up {bundles * len(NAMES)} packages in {args.cache} (cached) …", file=sys.stderr)
    paths = setup(args.cache, bundles, args.jobs)
    random.Random(0).shuffle(paths)  # a folder as it comes: not sorted by bundle
    sizes = [len(paths) // 2, len(paths)]
    totals = {}
    with tempfile.TemporaryDirectory() as out:
        for size in sizes:
            subset = paths[:size]
            runs = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                for path in subset:
                    hashlib.sha256(path.read_bytes()).digest()
                baseline = time.perf_counter() - started
                verify, aggregate = commands(subset, args.cache / "org", args.jobs, Path(out) / str(size))
                runs.append((verify, aggregate, baseline))
            verify_s = statistics.median(v.wall for v, _, _ in runs)
            aggregate_s = statistics.median(a.wall for _, a, _ in runs)
            baseline_s = statistics.median(b for _, _, b in runs)
            rss = max(max(v.rss_mib, a.rss_mib) for v, a, _ in runs)
            totals[size] = verify_s + aggregate_s
            megabytes = sum(p.stat().st_size for p in subset) / 1e6
            print(f"packages={size} MB={megabytes:.0f} jobs={args.jobs}: reviewer-org verify {verify_s:.2f} s, then aggregate {aggregate_s:.2f} s "
                  f"(total {totals[size]:.2f} s, {totals[size] / size * 1000:.1f} ms a package); peak RSS of a command {rss:.0f} MiB "
                  f"(per process; workers separate); baseline SHA-256 of the files {baseline_s:.3f} s, ratio {totals[size] / baseline_s:.0f}; {common.load()}")
    small, large = sizes
    growth = totals[large] / totals[small]
    print(f"doubling the packages multiplied the time by {growth:.2f} (linear: 2.00); "
          f"projected for 10,000 packages: {totals[large] / large * 10_000:.0f} s (goal <= 60 s, RSS <= 500 MB)")


if __name__ == "__main__":
    main()
