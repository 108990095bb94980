"""The `reviewer-app` command line: --version, --exit-when-ready, data-dir isolation."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from reviewer_app import __version__


def run_app(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "ui.launcher", *args],
        capture_output=True, text=True, timeout=timeout, env=env, check=False,
    )


def test_version(tmp_path: Path) -> None:
    result = run_app("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"reviewer-app {__version__}"


def test_exit_when_ready_reports_and_keeps_data_in_the_given_dir(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    result = run_app("--data-dir", str(data), "--exit-when-ready", home=home)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ready_ms=\d+", result.stdout.strip())
    assert (data / "reviewer.db").is_file() or (data / "logs").is_dir()
    assert not any(home.rglob("*")), "nothing may be written outside --data-dir"


def test_default_data_dir_is_the_app_data_location(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run_app("--exit-when-ready", home=home)
    assert result.returncode == 0, result.stderr
    assert (home / "share" / "reviewer-app" / "reviewer-app" / "logs").is_dir()


def test_unknown_option_is_refused_with_usage(tmp_path: Path) -> None:
    result = run_app("--no-such-option", home=tmp_path)
    assert result.returncode == 2
    assert "usage: reviewer-app" in result.stderr


def test_verify_uses_the_organizations_the_app_trusts_by_default(tmp_path: Path, demo_world_dir: Path) -> None:
    from reviewer_app import trust
    from reviewer_app.keys import load_certificate_file

    home = tmp_path / "home"
    app_data = home / "share" / "reviewer-app" / "reviewer-app"
    bundle = sorted((demo_world_dir / "bundles").glob("*.rvb"))[0]
    expert = demo_world_dir / "experts" / "chen-zhiyuan"
    args = ("verify", str(bundle), "--identity", str(expert), "--passphrase-file", str(expert / "PASSPHRASE"))

    refused = run_app(*args, home=home)
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr and refused.stderr.strip().count("\n") == 0

    trust.pin(app_data / "trust", load_certificate_file(demo_world_dir / "org" / "org-cert.pem"))
    accepted = run_app(*args, home=home)
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.startswith(f"{bundle.name}: sound")
    assert "decrypted and matching the signed manifest" in accepted.stdout
