"""docs/verify.md §4: the exact commands a third party runs on a score package, run as written
(unzip, jq, openssl cms, sha256sum -c --strict, pdfsig, pdfinfo; pyhanko sign validate when the
pyhanko CLI is installed), on a package of the demo world, and again on a tampered copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


from package_fixtures import PASSPHRASE_FILE, flip, member_offset, members_of, package_of, plain, plain_of, repack, world_dir  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parent.parent


def block(marker: str) -> str:
    text = (ROOT / "docs" / "verify.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {re.escape(marker)} -->\n```sh\n(.*?)```", text, re.S)
    assert match, f"docs/verify.md has no block marked {marker}"
    return match.group(1)


def pyhanko_cli() -> str | None:
    candidates = [os.environ.get("PYHANKO_CLI"), str(Path(sys.executable).with_name("pyhanko")), shutil.which("pyhanko")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def age_identity_file(world: Path, folder: Path) -> Path:
    """What the organization's one interactive step (`age -d -o org-age.txt ORG/org-age.age`,
    typing the passphrase) produces; made here with the same age library, without a terminal."""
    import pyrage

    target = folder / "org-age.txt"
    passphrase = (world / "org" / PASSPHRASE_FILE).read_text(encoding="utf-8").strip()
    target.write_bytes(pyrage.passphrase.decrypt((world / "org" / "org-age.age").read_bytes(), passphrase))
    return target


def run_blocks(package: Path, org: Path, *markers: str, extra_path: str | None = None, age_identity: Path | None = None) -> subprocess.CompletedProcess[str]:
    script = "set -euo pipefail\n" + "\n".join(block(m) for m in markers)
    env = {**os.environ, "PACKAGE": str(package), "ORG": str(org), "LC_ALL": "C.UTF-8", "AGE_IDENTITY": str(age_identity or "")}
    if extra_path:
        env["PATH"] = f"{extra_path}:{env['PATH']}"
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=180)


def test_the_documented_commands_accept_a_demo_package(world_dir: Path, tmp_path: Path) -> None:
    package = package_of(world_dir, "GZ-2025-ZZ-03", "lin-xiaomei")
    assert package.read_bytes().startswith(b"age-encryption.org/v1\n")  # confidential: stock age opens it first
    result = run_blocks(package, world_dir / "org", "package-decrypt", "package-check", age_identity=age_identity_file(world_dir, tmp_path))
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert run_blocks(package, world_dir / "org", "package-check").returncode != 0  # nothing readable without the key
    assert "CMS Verification successful" in out
    for member in ("score.pdf", "score.json", "attachments/001.jpg", "attachments/002.jpg"):
        assert f"{member}: OK" in out
    assert "Signature is Valid." in out and "Total document signed" in out
    subject = re.search(r"Subject:\s+score\.json SHA-256 ([0-9a-f]{64})", out)
    assert subject and f"{subject.group(1)}  score.json" in out


def test_the_documented_commands_reject_a_tampered_package(world_dir: Path, tmp_path: Path) -> None:
    data = plain_of(world_dir, "GZ-2025-ZZ-03", "lin-xiaomei")
    tampered = tmp_path / "tampered.rvs"
    # A consistent ZIP (so that unzip extracts it) with an edited score.json: only SHA256SUMS can tell.
    members = members_of(data)
    sums = dict(members)
    changed = [(n, d.replace("推荐列入筹建名单".encode(), "不推荐列入名单啊".encode()) if n == "score.json" else d) for n, d in members]
    tampered.write_bytes(repack(changed, sums=sums["SHA256SUMS"], signature=sums["SHA256SUMS.p7s"]))
    assert dict(changed)["score.json"] != dict(members)["score.json"]
    result = run_blocks(tampered, world_dir / "org", "package-check")
    assert result.returncode != 0
    assert "score.json: FAILED" in result.stdout + result.stderr
    # A flipped byte inside the PDF: pdfsig reports the mismatch.
    broken = tmp_path / "broken.rvs"
    pdf_offset, pdf_size = member_offset(data, "score.pdf")
    broken.write_bytes(flip(data, pdf_offset + pdf_size // 2))
    result = subprocess.run(["bash", "-c", f'set -e; d=$(mktemp -d); unzip -q -o "{broken}" -d "$d" || true; pdfsig "$d/score.pdf" || true'], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid." not in result.stdout


def test_pyhanko_validates_the_signature(world_dir: Path, tmp_path: Path) -> None:
    cli = pyhanko_cli()
    assert cli is not None, "the pyhanko CLI (PyPI package pyhanko-cli, in the test extra) is not installed"
    package = package_of(world_dir, "GZ-2025-ZZ-07", "lin-xiaomei", revision=2)
    result = run_blocks(package, world_dir / "org", "package-decrypt", "package-check", "package-check-pyhanko", extra_path=str(Path(cli).parent), age_identity=age_identity_file(world_dir, tmp_path))
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "The signature is judged VALID." in out and "The signature covers the entire file." in out
    data = plain(world_dir, package)
    _, size = member_offset(data, "score.pdf")
    broken = tmp_path / "broken.rvs"
    members = members_of(data)
    pdf = bytearray(dict(members)["score.pdf"])
    pdf[size // 3] ^= 0x20
    sums = dict(members)
    # The PDF's byte changed, SHA256SUMS not: sha256sum fails first; run only pyhanko on it.
    broken.write_bytes(repack([(n, bytes(pdf) if n == "score.pdf" else d) for n, d in members], sums=sums["SHA256SUMS"], signature=sums["SHA256SUMS.p7s"]))
    work = tmp_path / "w"
    subprocess.run(["unzip", "-q", str(broken), "-d", str(work)], check=True)
    cert = tmp_path / "cert.pem"
    fingerprint = subprocess.run(["jq", "-r", ".expert.fingerprint", str(work / "score.json")], capture_output=True, text=True, check=True).stdout.strip()
    roster = world_dir / "org" / "roster" / (fingerprint.replace(":", "") + ".json")
    cert.write_text(subprocess.run(["jq", "-r", ".certificate_pem", str(roster)], capture_output=True, text=True, check=True).stdout)
    result = subprocess.run([cli, "sign", "validate", "--pretty-print", "--trust", str(cert), "--trust-replace", "--no-revocation-check", str(work / "score.pdf")], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "VALID" not in result.stdout.replace("INVALID", "")
