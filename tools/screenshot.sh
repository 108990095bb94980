#!/usr/bin/env bash
# Screenshot of the running app under Xvfb, with the machine's own fonts hidden
# (an empty fontconfig), to show that the shipped CJK font is what renders Chinese.
#   bash tools/screenshot.sh OUT.png [reviewer-app arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; shift
conf="$(mktemp -d)"
printf '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>%s/cache</cachedir></fontconfig>\n' "$conf" > "$conf/fonts.conf"
display=":$((100 + RANDOM % 400))"
Xvfb "$display" -screen 0 1280x820x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$conf"' EXIT
sleep 1
DISPLAY="$display" QT_QPA_PLATFORM=xcb FONTCONFIG_FILE="$conf/fonts.conf" .venv/bin/reviewer-app "$@" >/dev/null 2>&1 &
app=$!
sleep "${SCREENSHOT_DELAY:-4}"
DISPLAY="$display" import -window root "$out"
echo "wrote $out"
