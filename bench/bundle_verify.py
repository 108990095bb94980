"""`reviewer-app verify` of a large bundle against openssl over the same bytes.

    .venv/bin/python bench/bundle_verify.py [--size-mib 1024] [--rounds 5] [--built dist/reviewer-app]

Input (made once, cached in bench/out/verify/, by size and format version): a bundle holding
one random material of the given size, sealed for a session passphrase. Alternated in fresh processes (after one untimed
warm-up of each, so all read from the page cache when it holds the file):
- outer check: `reviewer-app verify B --org-cert C` against `openssl dgst -sha256 B`;
- with the session passphrase (every document decrypted as a stream, every chunk authenticated,
  its size checked; format version 1 also hashed its plaintext): against `openssl dgst -sha256 B`
  followed by `openssl enc -chacha20` of B.
Prints medians, the median ratio, the verifier's peak RSS and the load average.
Goals (issue 16): outer <= 1.1x, with the passphrase <= 1.3x and RSS <= 150 MB.
--built times the installed app (`python tools/build_installer.py` makes it) instead of the
development checkout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import common

SESSION = "Bench-session-pass-2025"


def make_bundle(size_mib: int) -> tuple[Path, Path, Path]:
    """(bundle, organization certificate, session passphrase file), cached by size and by the
    format version `seal` writes (a bundle cached by an older app would time the older checks)."""
    from reviewer_app.bundle.layout import FORMAT_VERSION

    folder = common.OUT / "verify" / f"{size_mib}mib-v{FORMAT_VERSION}"
    bundle, cert, secret = folder / "bench.rvb", folder / "org" / "org-cert.pem", folder / "session.txt"
    if bundle.exists() and cert.exists():
        return bundle, cert, secret
    from reviewer_app import keys
    from reviewer_app.bundle.seal import seal_bundle
    from reviewer_app.bundle.source import load_source
    from reviewer_app.org import tomlwrite

    source = folder / "source"
    (source / "materials").mkdir(parents=True, exist_ok=True)
    with open(source / "materials" / "big.pdf", "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        for _ in range(size_mib):
            handle.write(os.urandom(1 << 20))
    review = {
        "review": {"title": "基准测试", "valid_from": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), "valid_until": dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)},
        "application": {"id": "BENCH", "title": "基准测试申报"},
        "fields": [{"id": "technical", "title": "技术"}],
        "rubric": {"total": 10, "sections": [{"id": "A", "title": "技术", "maximum": 10, "fields": ["technical"], "criteria": [{"id": "A1", "title": "先进性", "maximum": 10}]}]},
        "materials": [{"file": "materials/big.pdf", "title": "大文件"}],
    }
    (source / "review.toml").write_text(tomlwrite.dumps(review), encoding="utf-8")
    org = keys.create_org_credentials(folder / "org", "基准测试机构", "Bench-org-pass-2025")
    seal_bundle(load_source(source), bundle, org, [], SESSION, scrypt_work_factor=10)
    (source / "materials" / "big.pdf").unlink()
    secret.write_text(SESSION + "\n", encoding="utf-8")
    return bundle, cert, secret


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--built", type=Path, metavar="FOLDER", help="time the built app in FOLDER (e.g. dist/reviewer-app)")
    args = parser.parse_args()
    bundle, cert, secret = make_bundle(args.size_mib)
    entry = [args.built / "reviewer-app"] if args.built else [sys.executable, "-m", "ui.launcher"]
    app = [*entry, "verify", bundle, "--org-cert", cert]
    sha = ["openssl", "dgst", "-sha256", bundle]
    sha_and_chacha = ["sh", "-c", f"openssl dgst -sha256 '{bundle}' >/dev/null && "
                      f"openssl enc -chacha20 -K {'11' * 32} -iv {'22' * 16} -in '{bundle}' -out /dev/null"]
    outer = common.alternate({"reviewer-app verify": lambda: common.run(app), "openssl dgst -sha256": lambda: common.run(sha)}, args.rounds)
    common.report(f"outer check of a {bundle.stat().st_size / 2**20:.0f} MiB bundle", *outer.values(), goal=1.1)
    unlocked = common.alternate({
        "reviewer-app verify --session-passphrase-file": lambda: common.run([*app, "--session-passphrase-file", secret]),
        "openssl dgst -sha256 + openssl enc -chacha20": lambda: common.run(sha_and_chacha),
    }, args.rounds)
    common.report("with the session passphrase (documents decrypted and checked)", *unlocked.values(), goal=1.3)
    print(f"   verifier peak RSS {max(s.peak_rss for s in (outer['reviewer-app verify'], unlocked['reviewer-app verify --session-passphrase-file'])):.0f} MiB (goal <= 150)")


if __name__ == "__main__":
    main()
