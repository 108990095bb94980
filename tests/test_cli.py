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
        [sys.executable, "-m", "reviewer_app.cli", *args],
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
