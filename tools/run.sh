#!/usr/bin/env bash
# Set up everything reviewer-app needs on a Debian machine, then run it.
#
#   bash tools/run.sh demo    # the app on the built-in demo
#   bash tools/run.sh test    # the whole test suite
#
# Installs missing Debian packages (as root, or through sudo), creates .venv,
# installs the project into it when pyproject.toml changed, compiles translations.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="$ROOT/.venv"
MODE="${1:-}"

# Qt's runtime libraries, the tools the tests verify with, and a virtual screen.
DEBIAN_PACKAGES=(
  python3-venv ca-certificates
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 libnss3
  openssl age poppler-utils xvfb xauth
)

log() { printf '\033[1m[reviewer-app]\033[0m %s\n' "$*" >&2; }

install_debian_packages() {
  command -v dpkg-query >/dev/null || { log "not a Debian system: install the packages listed in tools/run.sh yourself"; return; }
  local missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  [ -x "$VENV/bin/python" ] || { log "creating $VENV"; python3 -m venv "$VENV"; }
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    log "installing Python packages into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test,build]"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  "$VENV/bin/python" tools/translations.py build
}

has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

case "$MODE" in
  demo)
    install_debian_packages
    install_python_packages
    if has_display; then
      exec "$VENV/bin/reviewer-app" --demo "${@:2}"
    fi
    log "no display found: the demo runs on a virtual screen (Xvfb, 1366x768) that nobody can see."
    log "It works, keeps its data in the demo folder and can be used for screenshots; use a desktop session to see it."
    log "Press Ctrl+C to stop it."
    exec xvfb-run -a -s "-screen 0 1366x768x24" "$VENV/bin/reviewer-app" --demo "${@:2}"
    ;;
  test)
    install_debian_packages
    install_python_packages
    status=0
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest "${@:2}" || status=$?
    if [ "$status" -eq 5 ]; then
      log "pytest collected no tests: that is a failure"
      exit 1
    fi
    exit "$status"
    ;;
  *)
    echo "usage: bash tools/run.sh demo|test [extra arguments]" >&2
    exit 2
    ;;
esac
