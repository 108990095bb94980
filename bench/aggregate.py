"""Organization benchmark: verify + aggregate 1,000 score packages, and the scaling from 100.

Setup (not timed, cached in --cache so that later runs skip it): an organization folder with a
roster of 10 experts (2 per field), 100 sealed-bundle records with the demo rubric, and one
signed package per expert and bundle (1,000), made by the app's export code on all cores.

Timed, for the first 100 and then all 1,000 packages: `verify_all` (every check of
`reviewer-org verify`, on one worker process per core) + `aggregate` + writing results.csv,
results.xlsx and report.pdf. Baseline in the same run: SHA-256 of every package file.
Goal: 1,000 packages <= 30 s.

    .venv/bin/python bench/aggregate.py [--cache DIR] [--packages 1000] [--jobs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHINA = dt.timezone(dt.timedelta(hours=8))
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
    now = dt.datetime(2025, 12, 10, 16, 0, tzinfo=CHINA)
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
    from reviewer_app.bundle.model import ApplicationInfo, PanelMember
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
                _bundle_id(n), hashlib.sha256(_bundle_id(n).encode()).hexdigest(), dt.datetime(2025, 12, 1, tzinfo=CHINA), f"BENCH-{n:03d}.rvb", True,
                "基准组织", _org_fingerprint(), "基准评审", "2025-12-10", ApplicationInfo(f"BENCH-{n:03d}", f"基准申报项目{n}", "基准申报单位"),
                tuple(PanelMember(p.fingerprint, p.profile.name, p.profile.field) for p, _ in experts), spec,
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


def timed_run(paths: list[Path], org: Path, jobs: int, out: Path) -> tuple[float, float, float, int]:
    from reviewer_app.org.aggregate import Entry, Settings, aggregate, write_outputs
    from reviewer_app.org.verify_packages import verify_all

    started = time.perf_counter()
    reports = verify_all(paths, org, jobs=jobs)
    verified = time.perf_counter()
    bad = [r for r in reports if not r.ok]
    if bad:
        raise SystemExit(f"{len(bad)} package(s) refused, e.g. {bad[0].path}: {bad[0].message}")
    results = aggregate([Entry(r.path, r.document, r.score_sha256, r.spec) for r in reports if r.document], Settings())
    write_outputs(results, out, Settings(), packages=len(reports))
    finished = time.perf_counter()
    return verified - started, finished - verified, finished - started, len(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "reviewer-bench-aggregate")
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    bundles = args.packages // len(NAMES)
    print(f"setting up {bundles * len(NAMES)} packages in {args.cache} (cached) …", file=sys.stderr)
    paths = setup(args.cache, bundles, args.jobs)
    sizes = [100, len(paths)] if len(paths) > 100 else [len(paths)]
    random.Random(0).shuffle(paths)  # a folder as it comes: not sorted by bundle
    with tempfile.TemporaryDirectory() as out:
        for size in sizes:
            subset = paths[:size]
            started = time.perf_counter()
            for path in subset:
                hashlib.sha256(path.read_bytes()).digest()
            baseline = time.perf_counter() - started
            verify_s, aggregate_s, total_s, applications = timed_run(subset, args.cache / "org", args.jobs, Path(out) / str(size))
            megabytes = sum(p.stat().st_size for p in subset) / 1e6
            print(
                f"packages={size} applications={applications} MB={megabytes:.0f} jobs={args.jobs}: verify_s={verify_s:.2f} "
                f"aggregate+outputs_s={aggregate_s:.2f} total_s={total_s:.2f} per_package_ms={total_s / size * 1000:.1f} "
                f"baseline_sha256_s={baseline:.3f} ratio={total_s / baseline:.0f}" + (" (goal total <= 30 s)" if size >= 1000 else "")
            )


if __name__ == "__main__":
    main()
