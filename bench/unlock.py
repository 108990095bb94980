"""Unlock benchmark: the passphrase dialog unlocking the expert's identity, as the app runs it.

What is timed: the passphrase typed into the app's `UnlockDialog` and accepted; the dialog's
job (`ui/jobs.py`, on a worker) runs `identity.unlock` (expert.p12: the PKCS#12 MAC and the
two PBES2 bags at 600,000 rounds; age-identity.age: scrypt at work factor 18, on a second
thread) until the dialog closes. A 10 ms QTimer on the GUI thread records the largest gap
between its ticks: the longest the window could not answer (goal: <= 50 ms).

Baseline, alternated with it in the same process: the same dialog and identity with
expert.p12 read by cryptography's `pkcs12.load_key_and_certificates` (what the app did before:
OpenSSL holds the GIL for all three key derivations). Prints per mode the median wall time,
the CPU time (all threads), the largest gap, the median wall ratio and the load.

    .venv/bin/python bench/unlock.py [--rounds 7]

The identity is made once and cached in bench/out/unlock/.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import common

PASSPHRASE = "Bench-expert-pass-2025"


def identity_dir():
    from reviewer_app import identity

    folder = common.OUT / "unlock" / "identity"
    if not identity.exists(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
        profile = identity.ExpertProfile(name="王芳", field="机械工程", affiliation="华南理工大学")
        identity.create_identity(folder, profile, PASSPHRASE)
    return folder


class GapWatch:
    """A 10 ms timer on the GUI thread; `largest` is the longest time between two ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.largest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self._last)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


def unlock_once(jobs, folder) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (all threads) and the largest gap (ms) of one dialog unlock."""
    from PySide6.QtCore import QEventLoop, QTimer

    from reviewer_app import identity
    from ui.passphrase_widgets import UnlockDialog

    dialog = UnlockDialog(jobs, lambda text: identity.unlock(folder, text), "签署评分表")
    dialog.show()
    dialog.edit.setText(PASSPHRASE)
    loop = QEventLoop()
    dialog.finished.connect(loop.quit)
    QTimer.singleShot(100, loop.quit)  # the dialog painted and settled
    loop.exec()
    watch = GapWatch()
    started, cpu = time.perf_counter(), time.process_time()
    QTimer.singleShot(0, dialog.buttons.accepted.emit)
    loop.exec()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    watch.stop()
    if dialog.result_value is None:
        raise SystemExit(f"the dialog did not unlock: {dialog.error.text()}")
    dialog.deleteLater()
    return wall, cpu, watch.largest * 1000


def use_library_reader(keys, own_reader, baseline: bool) -> None:
    """Route expert.p12 through cryptography's reader (the baseline) or the app's own way."""

    def refuse(*_args):
        raise keys._OtherProfile

    keys._own_private_key = refuse if baseline else own_reader


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from reviewer_app import keys
    from ui.app import create_application
    from ui.jobs import JobRunner

    app = create_application(sys.argv[:1])
    jobs = JobRunner()
    folder = identity_dir()
    own_reader = keys._own_private_key
    modes = {"app (GIL released)": False, "baseline: cryptography's PKCS#12 reader": True}
    for baseline in modes.values():  # warm-up: imports, first allocation of scrypt's memory
        use_library_reader(keys, own_reader, baseline)
        unlock_once(jobs, folder)
    results = {name: [] for name in modes}
    for _ in range(args.rounds):
        for name, baseline in modes.items():
            use_library_reader(keys, own_reader, baseline)
            results[name].append(unlock_once(jobs, folder))
    use_library_reader(keys, own_reader, False)
    for name, runs in results.items():
        walls, cpus, gaps = zip(*runs)
        print(f"== {name}: unlock median {statistics.median(walls):.3f} s ({', '.join(f'{w:.3f}' for w in walls)}), "
              f"CPU median {statistics.median(cpus):.3f} s, largest gap median {statistics.median(gaps):.0f} ms, "
              f"max {max(gaps):.0f} ms ({', '.join(f'{g:.0f}' for g in gaps)})")
    app_walls, base_walls = (statistics.median(w for w, _, _ in runs) for runs in results.values())
    print(f"   median wall ratio app/baseline {app_walls / base_walls:.2f}; {common.load()}")
    jobs.wait_for_all()
    app.quit()


if __name__ == "__main__":
    main()
