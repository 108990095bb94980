"""The readability check at sealing (reviewer_app/bundle/readable.py) checks every page the way
pdfium decides a page loads, without keeping the document's images in memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bundle_fixtures import write_pdf
from pdf_fixtures import make_scanned_pdf

from reviewer_app.bundle.readable import check_pdf


def test_a_page_that_does_not_load_is_named(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "four.pdf", "hello", pages=4)
    data = path.read_bytes()
    start = data.index(b"8 0 obj\n") + len(b"8 0 obj\n")  # the third page's dictionary …
    end = data.index(b"\nendobj", start)
    path.write_bytes(data[:start] + b"42".ljust(end - start) + data[end:])  # … becomes a number (xref unchanged)
    assert check_pdf(write_pdf(tmp_path / "sound.pdf", "hello", pages=4), "sound.pdf") is None
    problem = check_pdf(path, "four.pdf")
    assert problem is not None and problem.params == {"file": "four.pdf", "page": 3, "pages": 4}
    assert problem == "The material file four.pdf is damaged: page 3 of 4 cannot be shown. Export or scan it again."


def test_a_long_scan_is_checked_without_holding_its_images(tmp_path: Path) -> None:
    """120 pages of 1.5 MB scans (180 MB): loading every page used to keep all of them (RSS +180 MB)."""
    scan = make_scanned_pdf(tmp_path / "scan.pdf", 180 << 20, 120)
    code = (
        "import resource; from pathlib import Path; from reviewer_app.bundle.readable import check_pdf;"
        "import pypdfium2;"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        f"problem = check_pdf(Path({str(scan)!r}), 'scan.pdf');"
        "print(problem, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    verdict, grown_kb = result.stdout.split()
    assert verdict == "None", result.stdout
    assert int(grown_kb) < 40 * 1024, f"{grown_kb} KB more for a 180 MB scan"
