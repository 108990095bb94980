"""Import ahead of need: what opening a bundle and showing its workspace will import.

Those modules (bundle reader, store models, workspace pages, the PDF and signing stack) take
about a second to import on this kind of machine. Imported on the GUI thread when the expert
first opens a bundle, they froze the window for that long; imported here, on a worker while
the expert looks at the library, they are ready when needed. They have no import-time side
effects (a rule of this code base), so importing them off the GUI thread is safe.
"""

from __future__ import annotations

from ui.jobs import JobContext, JobRunner


def _preload(_context: JobContext) -> None:
    from ui.bundle_opening import preload_workspace_modules

    preload_workspace_modules()


def start_preloading(jobs: JobRunner) -> None:
    jobs.start(_preload)
