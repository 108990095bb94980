"""What every benchmark here shares: timing a command in a fresh process (wall time and peak
RSS), alternating it with its baseline, and printing medians, ratios and the machine's load.

Inputs are generated at bench time and cached under bench/out/ (git-ignored)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
for entry in (str(ROOT), str(ROOT / "tests")):
    if entry not in sys.path:
        sys.path.insert(0, entry)


@dataclass
class Run:
    wall: float  # seconds
    rss_mib: float  # peak resident set size of the process
    stdout: str = ""
    cpu: float | None = None  # seconds of CPU (user + system, every thread), the figure load does not inflate much; None: not measured


@dataclass
class Series:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def median_cpu(self) -> float | None:
        cpu = [r.cpu for r in self.runs]
        return None if None in cpu else statistics.median(cpu)

    def cpu_text(self) -> str:
        return "" if self.median_cpu is None else f", CPU {self.median_cpu:.3f} s"

    @property
    def peak_rss(self) -> float:
        return max(r.rss_mib for r in self.runs)


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    # An installed app runs from compiled bytecode (pip and PyInstaller write it); without it
    # every start compiles the project's modules again (~80 ms for the verify command).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def run(command: Sequence[str | Path], *, stdin: bytes | None = None) -> Run:
    """Wall time and peak RSS (os.wait4: this process alone) of `command` run to completion."""
    import tempfile

    # A child forked from this (possibly large) process inherits its peak RSS; GNU time, small
    # itself, reports the command's own peak. Without it, wait4's figure is an upper bound.
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen([*timer, *(str(c) for c in command)], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=errors, env=child_env())
        if stdin is not None:
            process.stdin.write(stdin)
            process.stdin.close()
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{Path(str(command[1])).name if len(command) > 1 else command[0]} failed ({process.returncode}): {errors.read().decode(errors='replace')[-2000:]}")
        rss_kib = usage.ru_maxrss
        if timer:
            errors.seek(0)
            lines = errors.read().decode(errors="replace").strip().splitlines()
            rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else rss_kib
    return Run(wall, rss_kib / 1024, out.decode(errors="replace"), usage.ru_utime + usage.ru_stime)


def alternate(pairs: dict[str, Callable[[], Run]], rounds: int, warm_up: bool = True) -> dict[str, Series]:
    """Run each command once untimed, then `rounds` times in turn (A B A B …): noise hits both."""
    if warm_up:
        for make in pairs.values():
            make()
    series = {name: Series(name) for name in pairs}
    for _ in range(rounds):
        for name, make in pairs.items():
            series[name].runs.append(make())
    return series


def load() -> str:
    if not hasattr(os, "getloadavg"):
        return "load average n/a"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def report(title: str, measured: Series, baseline: Series, goal: float | None, unit: str = "s") -> None:
    ratio = measured.median / baseline.median
    print(f"== {title}")
    print(f"   {measured.name}: median {measured.median:.3f} {unit} over {len(measured.runs)} runs "
          f"({', '.join(f'{r.wall:.3f}' for r in measured.runs)}), peak RSS {measured.peak_rss:.0f} MiB{measured.cpu_text()}")
    print(f"   {baseline.name}: median {baseline.median:.3f} {unit} ({', '.join(f'{r.wall:.3f}' for r in baseline.runs)}), "
          f"peak RSS {baseline.peak_rss:.0f} MiB{baseline.cpu_text()}")
    goal_text = f" (goal <= {goal:g}: {'met' if ratio <= goal else 'NOT met'})" if goal else ""
    print(f"   median ratio {ratio:.2f}{goal_text}; {load()}")
