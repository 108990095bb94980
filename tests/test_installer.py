"""The installer (issue 8): build_installer.spec builds a one-folder app that starts, verifies a
demo bundle, builds the demo world and honours portable mode — run from the built folder, not
from the venv.

The build takes about a minute on a 2-core machine, so it runs on every test run (marked slow;
CI runs slow tests too). It goes to a temporary folder with fresh PyInstaller work files, so a
stale cache can never hide a broken spec. docs/packaging.md has the details.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reviewer_app import __version__

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
APP = "reviewer-app"
BUILD_TIMEOUT = 900
RUN_TIMEOUT = 120

_spec = importlib.util.spec_from_file_location("build_installer", ROOT / "tools" / "build_installer.py")
build_installer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_installer)  # tools/ is not a package


# --- fast checks: run with every test run, no build ------------------------------------------


def test_version_in_package_matches_pyproject():
    """The spec names the build after reviewer_app.__version__; pip uses pyproject's."""
    with open(ROOT / "pyproject.toml", "rb") as handle:
        assert tomllib.load(handle)["project"]["version"] == __version__


def test_app_icons_are_made_from_the_current_svg():
    from PIL import Image

    with Image.open(ICONS / "app.png") as png:
        assert png.info.get(build_installer.SOURCE_KEY) == hashlib.sha256((ICONS / "app.svg").read_bytes()).hexdigest(), (
            "app.svg changed: run `python tools/build_installer.py icons` and commit the icons"
        )
        assert png.size == (256, 256)
        reference = png.convert("RGBA").tobytes()
    with Image.open(ICONS / "app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
        ico.size = (256, 256)
        assert ico.convert("RGBA").tobytes() == reference
    with Image.open(ICONS / "app.icns") as icns:
        assert icns.size == (1024, 1024)
        assert {(32, 32, 2), (128, 128, 1), (256, 256, 1), (512, 512, 2)} <= set(icns.info["sizes"])


def test_build_refuses_an_exclusion_that_something_imports(tmp_path):
    warn = tmp_path / "build_installer" / "warn-build_installer.txt"
    warn.parent.mkdir()
    warn.write_text(
        "excluded module named PySide6.QtDBus - imported by PySide6.QtGui (top-level)\n"
        "excluded module named PIL.ImageTk - imported by PIL (conditional)\n",
        encoding="utf-8",
    )
    build_installer.check_exclusions(tmp_path)  # known and harmless
    with warn.open("a", encoding="utf-8") as handle:
        handle.write("excluded module named aiohttp - imported by pyhanko.sign.timestamps.aiohttp_client (top-level), x (optional)\n")
    with pytest.raises(SystemExit, match="aiohttp .imported by pyhanko.sign.timestamps.aiohttp_client"):
        build_installer.check_exclusions(tmp_path)


# --- the build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """dist/reviewer-app/ built from build_installer.spec into a temporary folder."""
    base = tmp_path_factory.mktemp("installer")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_installer.py"), "build", "--dist", str(base / "dist"), "--work", str(base / "work")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
    folder = base / "dist" / APP
    assert (folder / APP).is_file()
    return folder


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a frozen run: offscreen, and an empty user profile of its own."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    home = tmp_path / "home"
    env["HOME"] = str(home)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    return env


def _run(command: list[str | Path], env: dict[str, str], *, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, timeout=timeout)


def _assert_started(result: subprocess.CompletedProcess[str], data_root: Path) -> None:
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ready_ms=\d+\n", result.stdout), result.stdout
    assert "Traceback" not in result.stderr
    assert (data_root / "reviewer.db").is_file()
    log = (data_root / "logs" / "reviewer-app.log").read_text(encoding="utf-8")
    # The shipped font and the Chinese translation were found through importlib.resources.
    assert not re.search(r" (WARNING|ERROR|CRITICAL) ", log), log


@pytest.mark.slow
def test_built_folder_has_what_the_app_needs_and_nothing_else(frozen):
    internal = frozen / "_internal"
    assert (frozen / "reviewer-org").is_symlink() and os.readlink(frozen / "reviewer-org") == APP
    for resource in ("fonts/wqy-microhei.ttc", "fonts/LICENSE.txt", "translations/reviewer_zh_CN.qm", "icons/app.svg"):
        assert (internal / "resources" / resource).is_file(), resource
    assert not list((internal / "resources").rglob("*.ts"))
    qt = internal / "PySide6" / "Qt"
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "imageformats/libqjpeg.so",
                   "imageformats/libqsvg.so", "imageformats/libqico.so", "iconengines/libqsvgicon.so",
                   "platforminputcontexts/libibusplatforminputcontextplugin.so"):
        assert (qt / "plugins" / plugin).is_file(), plugin
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    assert {path.name for path in (qt / "translations").iterdir()} == {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}
    assert (qt / "lib" / "libQt6Pdf.so.6").is_file()
    # The modules are loose compiled files (noarchive): importing ~600 of them from the compressed
    # archive inside the executable made the built app start 5x slower than a development run.
    for module in ("reviewer_app/bundle/reader.pyc", "ui/launcher.pyc", "cryptography/x509/base.pyc"):
        assert (internal / module).is_file(), module
    names = [path.name for path in frozen.rglob("*")]
    for unwanted in ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6VirtualKeyboard", "QtWebEngine", "gtk-3", "tkinter"):
        assert not [name for name in names if unwanted in name], unwanted


@pytest.mark.slow
def test_every_collected_library_finds_its_dependencies(frozen):
    """Also the ones no test here loads (QtPdf, the ibus input method, JPEG): each resolves its
    libraries from the folder or from the base system (libc, libGL, libxcb, ... — tools/run.sh)."""
    internal = frozen / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}  # what the bootloader provides
    unresolved = {}
    for library in sorted(p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()):
        result = subprocess.run(["ldd", str(library)], env=env, capture_output=True, text=True, check=False)
        missing = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if missing:
            unresolved[str(library.relative_to(frozen))] = missing
    assert not unresolved


@pytest.mark.slow
def test_built_app_reports_the_package_version(frozen, tmp_path):
    result = _run([frozen / APP, "--version"], _env(tmp_path))
    assert result.returncode == 0
    assert result.stdout.strip() == f"reviewer-app {__version__}"


@pytest.mark.slow
def test_built_app_starts_offscreen(frozen, tmp_path):
    data = tmp_path / "data"
    _assert_started(_run([frozen / APP, "--exit-when-ready", "--data-dir", data], _env(tmp_path)), data)


@pytest.mark.slow
def test_built_app_starts_on_an_x_server(frozen, tmp_path):
    """The xcb platform plugin and the libraries it needs are in the folder (Xvfb as the screen)."""
    assert shutil.which("xvfb-run"), "xvfb-run is missing: tools/run.sh installs it (Debian package xvfb)"
    data = tmp_path / "data"
    env = _env(tmp_path, QT_QPA_PLATFORM="xcb")
    result = _run(["xvfb-run", "-a", "-s", "-screen 0 1280x820x24", frozen / APP, "--exit-when-ready", "--data-dir", data], env)
    _assert_started(result, data)


@pytest.mark.slow
def test_built_app_verifies_a_demo_bundle(frozen, demo_world_dir, tmp_path):
    expert = sorted((demo_world_dir / "experts").iterdir())[0]
    bundle = sorted((demo_world_dir / "bundles").glob("*.rvb"))[0]
    command = [frozen / APP, "verify", bundle, "--org-cert", demo_world_dir / "org" / "org-cert.pem",
               "--identity", expert, "--passphrase-file", expert / "PASSPHRASE"]
    result = _run(command, _env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{bundle.name}: sound" in result.stdout
    assert "decrypted and matching the signed manifest" in result.stdout

    tampered = tmp_path / bundle.name
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    command[2] = tampered
    result = _run(command, _env(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.slow
def test_built_app_checks_a_bundle_without_loading_qt(frozen, demo_world_dir, tmp_path):
    """`verify` draws no window, so it does not load Qt (~50 ms of every check): PyInstaller's
    PySide6 run-time hook is left out of the build and the GUI tells Qt where its plugins are."""
    bundle = sorted((demo_world_dir / "bundles").glob("*.rvb"))[0]
    command = [frozen / APP, "verify", bundle, "--org-cert", demo_world_dir / "org" / "org-cert.pem"]
    result = _run(command, _env(tmp_path, LD_DEBUG="libs"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "libpython3.11" in result.stderr  # the loader did report what it loaded
    assert "libQt6Core" not in result.stderr


@pytest.mark.slow
def test_built_org_toolkit_builds_a_demo_world_the_built_app_verifies(frozen, tmp_path):
    """reviewer-org (the same executable under another name) runs the demo-world code frozen:
    reportlab PDFs with the shipped font, Pillow images, keys, sealing."""
    world = tmp_path / "world"
    result = _run([frozen / "reviewer-org", "demo", world], _env(tmp_path), timeout=600)
    assert result.returncode == 0, result.stderr
    bundles = sorted((world / "bundles").glob("*.rvb"))
    assert len(bundles) >= 2
    result = _run([frozen / APP, "verify", bundles[-1], "--org-cert", world / "org" / "org-cert.pem",
                   "--session-passphrase-file", world / "bundles" / "SESSION_PASSPHRASE"], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "decrypted and matching the signed manifest" in result.stdout


@pytest.mark.slow
def test_built_app_keeps_its_data_in_the_user_profile_by_default(frozen, tmp_path):
    env = _env(tmp_path)
    result = _run([frozen / APP, "--exit-when-ready"], env)
    _assert_started(result, Path(env["XDG_DATA_HOME"]) / "reviewer-app" / "reviewer-app")
    assert not (frozen / "reviewer-data").exists()


@pytest.mark.slow
def test_portable_mode_keeps_data_beside_the_executable(frozen, tmp_path):
    """portable.txt beside the executable: data in reviewer-data/ beside it, none in the profile."""
    stick = tmp_path / "usb-stick" / APP
    shutil.copytree(frozen, stick, symlinks=True)
    (stick / "portable.txt").write_text("", encoding="utf-8")
    env = _env(tmp_path)
    _assert_started(_run([stick / APP, "--exit-when-ready"], env), stick / "reviewer-data")
    assert not (Path(env["XDG_DATA_HOME"]) / "reviewer-app").exists()
    # --data-dir still wins over portable mode.
    data = tmp_path / "elsewhere"
    _assert_started(_run([stick / APP, "--exit-when-ready", "--data-dir", data], env), data)
