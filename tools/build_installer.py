"""Build the one-folder application with PyInstaller (build_installer.spec).

    python tools/build_installer.py [build] [--dist DIR] [--work DIR]
        compile the translations, check the app icons, run PyInstaller on build_installer.spec,
        then print what takes the space in DIST/reviewer-app/ (default dist/, work files in build/installer/)
    python tools/build_installer.py icons
        regenerate resources/icons/app.png, app.ico, app.icns from app.svg (commit the result)
    python tools/build_installer.py sizes [FOLDER]
        print the size breakdown of a built folder (default dist/reviewer-app)
    python tools/build_installer.py screenshot OUT.png [--delay S]
        start the built dist/reviewer-app/reviewer-app on the demo under Xvfb, with the machine's
        fonts hidden (so the shipped CJK font is what renders), and save the screen (ImageMagick)

Needs the project installed with its build extra: pip install -e ".[build]".
Details, sizes and the Windows/macOS notes: docs/packaging.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "app.svg"
APP_NAME = "reviewer-app"
DEFAULT_DIST = ROOT / "dist"
DEFAULT_WORK = ROOT / "build" / "installer"

# app.png records the SHA-256 of the app.svg it was rendered from, so a stale icon is noticed
# without rendering anything (tests/test_installer.py checks it).
SOURCE_KEY = "Source-SHA256"
PNG_SIZE = 256
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def log(message: str) -> None:
    print(f"[build_installer] {message}", flush=True)


# --- icons ------------------------------------------------------------------------------------


def svg_digest() -> str:
    return hashlib.sha256(SVG.read_bytes()).hexdigest()


def icons_are_current() -> bool:
    from PIL import Image

    png = ICONS / "app.png"
    if not all((ICONS / name).is_file() for name in ("app.png", "app.ico", "app.icns")):
        return False
    with Image.open(png) as image:
        return image.info.get(SOURCE_KEY) == svg_digest()


def _render(sizes: tuple[int, ...]) -> dict[int, object]:
    """app.svg rendered by Qt's SVG renderer at each size, as RGBA Pillow images."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    images = {}
    for size in sizes:
        canvas = QImage(size, size, QImage.Format.Format_RGBA8888)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        images[size] = Image.frombytes("RGBA", (size, size), bytes(canvas.constBits())[: size * size * 4])
    return images


def make_icons() -> None:
    from PIL import PngImagePlugin

    images = _render(tuple(sorted({PNG_SIZE, *ICO_SIZES, *ICNS_SIZES})))
    meta = PngImagePlugin.PngInfo()
    meta.add_text(SOURCE_KEY, svg_digest())
    meta.add_text("Software", "tools/build_installer.py icons (Qt SVG renderer)")
    images[PNG_SIZE].save(ICONS / "app.png", pnginfo=meta, optimize=True)
    largest = max(ICO_SIZES)
    images[largest].save(
        ICONS / "app.ico",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != largest],
    )
    largest = max(ICNS_SIZES)
    images[largest].save(ICONS / "app.icns", append_images=[images[size] for size in ICNS_SIZES if size != largest])
    log(f"wrote {', '.join(str((ICONS / name).relative_to(ROOT)) for name in ('app.png', 'app.ico', 'app.icns'))}")


# --- sizes ------------------------------------------------------------------------------------


def _size(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _group(folder: Path, path: Path) -> str:
    """What a file belongs to, for the breakdown: one Qt library or plugin folder, one Python
    package, or one file."""
    relative = path.relative_to(folder)
    parts = relative.parts
    if parts[0] != "_internal" or len(parts) == 2:
        return relative.as_posix()
    inside = parts[1:]
    if inside[:3] == ("PySide6", "Qt", "lib"):
        return "_internal/PySide6/Qt/lib/" + inside[3]
    if inside[:3] == ("PySide6", "Qt", "plugins"):
        return "_internal/PySide6/Qt/plugins/" + inside[3] + "/"
    if inside[:2] == ("PySide6", "Qt"):
        return "_internal/PySide6/Qt/" + inside[2] + ("/" if len(inside) > 3 else "")
    if inside[0] == "PySide6":
        return "_internal/PySide6/" + inside[1]
    return "_internal/" + inside[0] + "/"


def size_report(folder: Path, top: int = 15) -> str:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    groups: dict[str, int] = defaultdict(int)
    for path in files:
        groups[_group(folder, path)] += path.stat().st_size
    qt = sum(size for name, size in groups.items() if name.startswith("_internal/PySide6/"))
    lines = [
        f"{folder}: {total / 2**20:.1f} MiB in {len(files)} files "
        f"(PySide6 + Qt {qt / 2**20:.1f} MiB, everything else {(total - qt) / 2**20:.1f} MiB)",
        f"largest {top}:",
    ]
    for name, size in sorted(groups.items(), key=lambda item: -item[1])[:top]:
        lines.append(f"  {size / 2**20:7.1f} MiB  {name}")
    return "\n".join(lines)


# --- build ------------------------------------------------------------------------------------


def check_dependencies() -> None:
    """The build freezes whatever is installed, so it must be what pyproject.toml asks for
    (a stale venv would ship, say, a PySide6 version docs/decisions.md rules out)."""
    import tomllib
    from importlib import metadata

    from packaging.requirements import Requirement

    with open(ROOT / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    problems = []
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{requirement.name} is not installed")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            problems.append(f"{requirement.name} {installed} is installed, pyproject.toml wants {requirement.specifier}")
    if problems:
        raise SystemExit("the environment does not match pyproject.toml (pip install -e \".[build]\"): " + "; ".join(problems))


# Modules build_installer.spec excludes although something collected imports them unconditionally.
# Each was checked: PyInstaller's Qt hooks list QtDBus because the Qt *libraries* link to it, but
# the PySide6 modules the app imports never import its Python binding.
EXCLUDED_BUT_IMPORTED_OK = {"_frozen_importlib", "PySide6.QtDBus"}


def check_exclusions(work: Path) -> None:
    """Fail when an excluded module is imported unconditionally by something in the build: the app
    would then die with ImportError on that code path (e.g. excluding aiohttp breaks PDF signing,
    because pyhanko.sign imports it)."""
    problems = []
    for warn_file in work.glob("*/warn-*.txt"):
        for line in warn_file.read_text(encoding="utf-8").splitlines():
            if not line.startswith("excluded module named "):
                continue
            name, _, importers = line[len("excluded module named "):].partition(" - imported by ")
            if name.strip("'") in EXCLUDED_BUT_IMPORTED_OK:
                continue
            hard = [part for part in importers.split("), ") if part.rstrip(")").endswith("(top-level")]
            if hard:
                problems.append(f"{name} (imported by {', '.join(part.split(' (')[0] for part in hard)})")
    if problems:
        raise SystemExit("excluded in build_installer.spec but imported unconditionally: " + "; ".join(problems))


def build(dist: Path, work: Path) -> Path:
    import importlib.util

    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit(f'PyInstaller is not installed in {sys.prefix}: pip install -e ".[build]"')
    check_dependencies()
    started = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "build"], check=True)
    if not icons_are_current():
        raise SystemExit(
            "resources/icons/app.png, app.ico, app.icns were not made from the current app.svg: "
            "run `python tools/build_installer.py icons` and commit them"
        )
    log(f"PyInstaller {SPEC.name} -> {dist / APP_NAME}")
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work), str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    check_exclusions(work)
    folder = dist / APP_NAME
    log(f"built {folder} in {time.monotonic() - started:.0f} s")
    print(size_report(folder), flush=True)
    return folder


# --- screenshot -------------------------------------------------------------------------------


def screenshot(folder: Path, out: Path, delay: float) -> None:
    import tempfile

    executable = folder / APP_NAME
    if not executable.is_file():
        raise SystemExit(f"{executable} is not built yet: run `python tools/build_installer.py` first")
    with tempfile.TemporaryDirectory(prefix="reviewer-screenshot-") as scratch_name:
        scratch = Path(scratch_name)
        # An empty fontconfig: no system fonts, only what the app ships.
        (scratch / "fonts.conf").write_text(
            '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
            f"<fontconfig><cachedir>{scratch / 'cache'}</cachedir></fontconfig>\n",
            encoding="utf-8",
        )
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x820x24", "-nolisten", "tcp"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as display_pipe:
            display = ":" + display_pipe.readline().strip()
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", FONTCONFIG_FILE=str(scratch / "fonts.conf"))
        app = subprocess.Popen([str(executable), "--demo", "--data-dir", str(scratch / "data")], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(delay)
            if app.poll() is not None:
                raise SystemExit(f"the app exited early with status {app.returncode}")
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["import", "-window", "root", str(out)], env=env, check=True)
        finally:
            for process in (app, xvfb):
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    log(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="build", choices=("build", "icons", "sizes", "screenshot"))
    parser.add_argument("path", nargs="?", type=Path, help="`sizes`: the built folder; `screenshot`: the PNG to write")
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="where the folder goes (default dist/)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="PyInstaller's work files (default build/installer/)")
    parser.add_argument("--delay", type=float, default=45, help="`screenshot`: seconds to let the demo load (default 45)")
    options = parser.parse_args(argv)
    if options.command == "icons":
        make_icons()
    elif options.command == "sizes":
        print(size_report(options.path or options.dist / APP_NAME))
    elif options.command == "screenshot":
        if options.path is None:
            parser.error("screenshot needs the PNG file to write")
        screenshot(options.dist / APP_NAME, options.path, options.delay)
    else:
        build(options.dist.resolve(), options.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
