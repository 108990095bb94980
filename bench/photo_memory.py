"""Peak memory of importing and exporting one photo, over the regression corpus and large photos.

For every picture, two fresh subprocesses (a process's peak RSS only grows, so one file per
process) run the path a user takes:
  import  EvidenceStore.import_file: full decode check, display copy, thumbnail, three age
          encryptions, the database row (real store in a temporary data folder);
  export  the score sheet's picture path: decode for the appendix (900 px) and the JPEG embedded
          in the PDF (sheet_pdf._load_image + _fit).
Each reports ru_maxrss after the call minus ru_maxrss after warming up (imports, a small decode),
i.e. the peak RSS the photo *adds*. The baseline in the same run is the decoder before issue 15
(Image.open + load + exif_transpose + convert + thumbnail on the full picture). Goal: every
accepted photo adds at most 512 MB; refused ones are listed as refused.

    .venv/bin/python bench/photo_memory.py [--only NAME_PART] [--keep DIR]

Linux: resource.getrusage(RUSAGE_SELF).ru_maxrss is in KiB (bytes on macOS). On Windows, read
PeakWorkingSetSize from GetProcessMemoryInfo (ctypes, psapi) or psutil's memory_info().peak_wset.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "corpus" / "images"
GOAL_MB = 512


def _generated(folder: Path) -> list[Path]:
    """Large pictures a phone, a panorama app or a scanner makes (written once per run)."""
    from PIL import Image, ImageDraw

    def texture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
        small = Image.radial_gradient("L").resize((size[0] // 8, size[1] // 8)).convert(mode)
        ImageDraw.Draw(small).text((10, 10), "reviewer-app " * 8, fill="black" if mode != "I;16" else 0)
        return small.resize(size, Image.Resampling.BILINEAR)

    made = []
    specs = [
        ("phone_108mp.jpg", (12000, 9000), "RGB", "JPEG", {"quality": 90}),
        ("phone_200mp.jpg", (16320, 12240), "RGB", "JPEG", {"quality": 90}),
        ("panorama_84mp.jpg", (42000, 2000), "RGB", "JPEG", {"quality": 90}),
        ("progressive_48mp.jpg", (8000, 6000), "RGB", "JPEG", {"quality": 90, "progressive": True}),
        ("cmyk_50mp.jpg", (8660, 5770), "CMYK", "JPEG", {"quality": 90}),
        ("square_9400.png", (9400, 9400), "RGB", "PNG", {"compress_level": 9}),
        ("scan_gray16_100mp.png", (10000, 10000), "I;16", "PNG", {}),
        ("rgba_90mp.png", (10950, 8200), "RGBA", "PNG", {}),
        ("scan_90mp.tif", (11000, 8180), "RGB", "TIFF", {"compression": "tiff_lzw"}),
        ("scan_96mp.tif", (12000, 8000), "RGB", "TIFF", {"compression": "tiff_lzw"}),
        ("phone_20mp.webp", (5470, 3650), "RGB", "WEBP", {"quality": 80}),
        ("phone_40mp.webp", (7300, 5480), "RGB", "WEBP", {"quality": 80}),
        ("phone_24mp.avif", (6000, 4000), "RGB", "AVIF", {"quality": 60}),
    ]
    for name, size, mode, fmt, options in specs:
        path = folder / name
        if not path.exists():
            print(f"  generating {name} …", file=sys.stderr, flush=True)
            source = texture(size, "L" if mode == "I;16" else mode)
            if mode == "I;16":
                source = source.point(lambda v: v * 256, "I").convert("I;16")
            source.save(path, fmt, **options)
            del source
        made.append(path)
    return made


def _measure(path: Path, mode: str) -> dict:
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.photo_memory import _child; _child({str(path)!r}, {mode!r})"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def _peak_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(path: str, mode: str) -> None:
    """In a fresh process: warm up, then run one path on one file and print the RSS it added."""
    import datetime as dt
    import warnings

    import pyrage
    from PIL import Image, ImageOps

    from reviewer_app.datadir import DataDir
    from reviewer_app.export import sheet_pdf
    from reviewer_app.services.evidence import EvidenceRefused, EvidenceStore, prepare_bytes
    from reviewer_app.store.inspections import InspectionRepository
    from reviewer_app.store.models import BundleRecord
    from reviewer_app.store.database import open_store

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, "JPEG")
    prepare_bytes("warm.jpg", buffer.getvalue())  # imports and first-use allocations
    with tempfile.TemporaryDirectory() as temporary:
        data_dir = DataDir(Path(temporary) / "data").create()
        store = open_store(data_dir.database)
        store.add_bundle(BundleRecord(bundle_id="B", file_name="b.rvb", stored_path="bundles/b.rvb", application_name="t",
                                      applicant="t", imported_at=dt.datetime.now(dt.timezone.utc)))
        identity = pyrage.x25519.Identity.generate()
        evidence = EvidenceStore(data_dir.evidence, str(identity.to_public()), identity)
        repository = InspectionRepository(store.engine)
        before = _peak_kib()
        outcome = "ok"
        try:
            if mode == "import":
                evidence.import_file(repository, "B", Path(path))
            elif mode == "export":
                image = sheet_pdf._load_image(Path(path).read_bytes(), sheet_pdf.THUMBNAIL_PIXELS)
                sheet_pdf._fit(image, 80, 62)
            else:  # the decoder before issue 15, for the baseline
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    with Image.open(path) as opened:
                        opened.load()
                        upright = ImageOps.exif_transpose(opened).convert("RGB")
                        upright.thumbnail((1600, 1600), Image.Resampling.LANCZOS)
        except (EvidenceRefused, sheet_pdf.ImageUnreadable) as refused:
            outcome = f"refused: {refused}"
        except (Image.DecompressionBombError, OSError, ValueError) as error:
            outcome = f"failed: {type(error).__name__}"
        added = _peak_kib() - before
        store.close()
    scale = 1 if sys.platform != "darwin" else 1 / 1024
    print(json.dumps({"added_mb": added * scale / 1024, "outcome": outcome}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="only files whose name contains one of these (comma-separated)")
    parser.add_argument("--keep", type=Path, default=None, help="folder for the generated photos (kept between runs)")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="photo-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    wanted = options.only.split(",")
    files = [p for p in [*sorted(CORPUS.iterdir()), *_generated(folder)] if any(w in p.name for w in wanted) and p.suffix != ".md"]
    worst = {"import": (0.0, ""), "export": (0.0, "")}
    print(f"{'file':34} {'MB':>7} {'MP':>6}  {'import +MB':>10} {'export +MB':>10} {'before #15 +MB':>14}  outcome")
    for path in files:
        from PIL import Image

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(path) as probe:
                    megapixels = probe.width * probe.height / 1e6
        except Image.DecompressionBombError as bomb:  # Pillow's own limit: read the size from its message
            megapixels = int(bomb.args[0].split("(")[1].split()[0]) / 1e6
        except Exception:  # noqa: BLE001 - damaged corpus files are part of the run
            megapixels = float("nan")
        rows = {mode: _measure(path, mode) for mode in ("import", "export", "baseline")}
        cells = []
        for mode in ("import", "export", "baseline"):
            row = rows[mode]
            cells.append(f"{row['added_mb']:.0f}" if "added_mb" in row else "error")
            if mode in worst and row.get("outcome") == "ok" and row["added_mb"] > worst[mode][0]:
                worst[mode] = (row["added_mb"], path.name)
        outcome = rows["import"].get("outcome") or rows["import"].get("error", "")
        base = rows["baseline"].get("outcome", rows["baseline"].get("error", ""))
        note = "" if base == "ok" else f" (before #15: {base[:40]})"
        print(f"{path.name[:34]:34} {path.stat().st_size / 1e6:7.1f} {megapixels:6.1f}  {cells[0]:>10} {cells[1]:>10} {cells[2]:>14}  {outcome[:70]}{note}", flush=True)
    print()
    for mode, (added, name) in worst.items():
        verdict = "within" if added <= GOAL_MB else "OVER"
        print(f"worst {mode}: +{added:.0f} MB ({name}) — {verdict} the {GOAL_MB} MB goal")
    if options.keep is None:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 0 if max(a for a, _ in worst.values()) <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
