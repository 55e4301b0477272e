#!/usr/bin/env bash
# Runs the real window under Xvfb on a copy of the sample project and saves a
# screenshot (the app's own --screenshot flag: ctx.request_screenshot after the
# first frames, then exit). Usage: tools/screenshot.sh BINARY OUT.png
# Needs xvfb-run (Debian: xvfb) and Mesa GL (libgl1-mesa-dri, libegl1).
set -euo pipefail
bin=${1:?usage: tools/screenshot.sh BINARY OUT.png}
out=${2:?usage: tools/screenshot.sh BINARY OUT.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r assets/sample "$work/sample"
mkdir -p "$work/data"
# A private data folder: no remembered settings from earlier runs.
XDG_DATA_HOME="$work/data" timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" \
  "$bin" open "$work/sample" --annotator alice --document 03-apple-iphone17 --all-relations --screenshot "$out" \
  2> >(grep -v "XDG_RUNTIME_DIR" >&2)
test -s "$out"
size=$(stat -c %s "$out")
echo "screenshot: $out ($size bytes)"
# A blank or failed frame compresses to almost nothing; a real one with text does not.
test "$size" -gt 50000
