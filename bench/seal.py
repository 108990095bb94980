"""`reviewer-org seal` of a large material against `age -r` on the same file.

    .venv/bin/python bench/seal.py [--size-mib 1024] [--rounds 3]

Input (made once, cached in bench/out/seal/): an organization folder with one enrolled expert
and a source folder whose material is a scanned-style PDF of the given size. Alternated in
fresh processes: `reviewer-org seal SOURCE --org DIR --recipients CARD -o OUT` (everything the
organization's command does: checks, hashing, encryption, signatures, fsync) against
`age -r RECIPIENT -o OUT FILE`. Goal (issue 16): <= 1.5x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path

import common

ORG_PASS = "Bench-org-pass-2025"


def prepare(size_mib: int) -> tuple[Path, Path, Path, str]:
    """(source folder, organization folder, expert card, expert's age recipient), cached by size."""
    folder = common.OUT / "seal" / f"{size_mib}mib"
    source, org, card = folder / "source", folder / "org", folder / "card.json"
    if (folder / "ready").exists():
        write_review(source)  # inputs cached by an older bench keep their material, get today's review
        from reviewer_app.org import age_key

        if not age_key.exists(org):  # an organization made before confidential packages
            age_key.create(org, ORG_PASS)
        return source, org, card, (folder / "recipient.txt").read_text().strip()
    shutil.rmtree(folder, ignore_errors=True)
    from pdf_fixtures import make_scanned_pdf

    from reviewer_app import identity, keys
    from reviewer_app.org import age_key, roster

    (source / "materials").mkdir(parents=True)
    pages = max(4, size_mib * 308 // 1024)
    make_scanned_pdf(source / "materials" / "scan.pdf", size_mib << 20, pages)
    write_review(source)
    keys.create_org_credentials(org, "基准测试机构", ORG_PASS)
    age_key.create(org, ORG_PASS)  # what `reviewer-org init` makes
    public = identity.create_identity(folder / "expert", identity.ExpertProfile(name="陈志远", field="技术", affiliation="基准大学"), "Bench-expert-pass-2025")
    card.write_bytes(identity.card_bytes(public))
    roster.enrol(org, card)
    (folder / "recipient.txt").write_text(public.age_recipient)
    (folder / "pass.txt").write_text(ORG_PASS + "\n")
    (folder / "ready").touch()
    return source, org, card, public.age_recipient


def write_review(source: Path) -> None:
    """A one-criterion review the bench's panel of one expert can score (min_raters 1)."""
    from reviewer_app.org import tomlwrite

    review = {
        "review": {"title": "基准测试", "valid_from": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), "valid_until": dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)},
        "application": {"id": "BENCH", "title": "基准测试申报"},
        "fields": [{"id": "technical", "title": "技术"}],
        "rubric": {"total": 10, "sections": [{"id": "A", "title": "技术", "maximum": 10, "fields": ["technical"], "min_raters": 1,
                                              "criteria": [{"id": "A1", "title": "先进性", "maximum": 10}]}]},
        "materials": [{"file": "materials/scan.pdf", "title": "扫描件"}],
    }
    (source / "review.toml").write_text(tomlwrite.dumps(review), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    source, org, card, recipient = prepare(args.size_mib)
    out = common.OUT / "seal" / "out"
    out.mkdir(exist_ok=True)
    material = source / "materials" / "scan.pdf"
    seal = [sys.executable, "-m", "reviewer_app.org.cli", "seal", source, "--org", org, "--passphrase-file", org.parent / "pass.txt",
            "--recipients", card, "-o", out / "bench.rvb"]

    def ours() -> common.Run:
        (out / "bench.rvb").unlink(missing_ok=True)
        return common.run(seal)

    def age() -> common.Run:
        (out / "age.out").unlink(missing_ok=True)
        return common.run(["age", "-r", recipient, "-o", out / "age.out", material])

    series = common.alternate({"reviewer-org seal": ours, "age -r": age}, args.rounds)
    common.report(f"seal a {material.stat().st_size / 2**20:.0f} MiB material", *series.values(), goal=1.5)
    for name in ("bench.rvb", "age.out"):
        (out / name).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
