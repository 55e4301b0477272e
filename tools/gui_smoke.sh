#!/usr/bin/env bash
# The real window as a new user meets it, driven with real X input (xdotool):
# a fresh HOME, the first-start name prompt, a span dragged with the mouse and
# labelled with a key, a second span and a relation made with the keyboard
# alone (caret keys, R, the type's key, Tab, Enter), a document category (C,
# its key), the autosaved RON file
# checked (with the active time the real input made), then the idle CPU.
# A kittest test injects egui events and cannot see what the X11 window does
# with keys (a per-frame focus request once swallowed every typed key here).
#
# Usage: tools/gui_smoke.sh BINARY [SCREENSHOT.png]
# Needs Xvfb and xdotool (Debian: xvfb xdotool) and Mesa GL; ImageMagick's
# `import` for the screenshot, when present.
set -euo pipefail
bin=$(realpath "${1:?usage: tools/gui_smoke.sh BINARY [SCREENSHOT.png]}")
shot=${2:-}
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "gui_smoke: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
app=""
xvfb=""
cleanup() {
  local rc=$?
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
fail() {
  echo "gui_smoke: FAILED: $*" >&2
  echo "--- the app printed:" >&2
  grep -v XDG_RUNTIME_DIR "$work/app.log" >&2 || true
  exit 1
}

# A private X server on a free display; no window manager, as in CI.
Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(cat "$work/display")"

# A new user: nothing remembered, no project; the app installs the sample.
export HOME="$work/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME
sample="$HOME/.local/share/newsanno/sample"
"$bin" >"$work/app.log" 2>&1 &
app=$!
win=$(timeout 60 xdotool search --sync --name '^newsanno$' | head -1) || fail "no window appeared"
sleep 3
# Give the window the keyboard, as a window manager does when a window maps.
xdotool windowfocus --sync "$win"

# 1. The name prompt: click into the field, type, Enter.
xdotool mousemove 150 100 click 1
sleep 0.5
xdotool type --delay 80 smoke
xdotool key Return
for _ in $(seq 1 100); do [ -f "$sample/annotations/.smoke.newsanno.lock" ] && break; sleep 0.2; done
[ -f "$sample/annotations/.smoke.newsanno.lock" ] ||
  fail "the name prompt did not take the typed name: no session for 'smoke' after 20 s"
echo "gui_smoke: name typed at the first-start prompt, session opened"

# 2. A span with the mouse. The sample's first document (01-aliyun-outage)
# opens; its first line is 阿里云华东区域发生服务中断事故…, 18 px per character
# from x = 268 at y = 99 in a 1400x900 window. Drag from inside 服 to inside 故
# (characters 9 and 14), then 3 = event.
sleep 2
xdotool mousemove 436 99 mousedown 1
sleep 0.2
xdotool mousemove 480 100
sleep 0.1
xdotool mousemove 532 99
sleep 0.2
xdotool mouseup 1
sleep 0.3
xdotool key 3
ron="$sample/annotations/smoke/01-aliyun-outage.ron"
for _ in $(seq 1 75); do [ -f "$ron" ] && grep -q '(id: ' "$ron" && break; sleep 0.2; done
[ -f "$ron" ] || fail "no autosaved file $ron after 15 s"
spans=$(grep -c '(id: ' "$ron" || true)
[ "$spans" = 1 ] || fail "expected exactly one span in $ron, found $spans: $(grep '(id: ' "$ron")"
grep -q '(id: 1, start: 9, end: 15, label: "event", text: "服务中断事故", note: None)' "$ron" ||
  fail "the span is not 服务中断事故 [9, 15) event: $(grep '(id: ' "$ron")"
echo "gui_smoke: dragged and labelled span saved: $(grep '(id: ' "$ron" | sed 's/^ *//')"

# 3. Keyboard only. Home puts the caret at the start of the row, Shift+→ three
# times selects 阿里云, 2 = product; → seven times moves the caret into
# 服务中断事故 (which selects it); R, 4 (affects), Tab to the product span, Enter.
xdotool key Home
# A pause as a person makes between keys: at least a second of active time, whatever the machine's speed.
sleep 1.2
for _ in 1 2 3; do xdotool key shift+Right; done
xdotool key 2
sleep 0.3
for _ in 1 2 3 4 5 6 7; do xdotool key Right; done
xdotool key r 4 Tab
sleep 0.3
xdotool key Return
for _ in $(seq 1 75); do grep -q 'type: "affects"' "$ron" && break; sleep 0.2; done
grep -q '(id: 2, start: 0, end: 3, label: "product", text: "阿里云", note: None)' "$ron" ||
  fail "Home, Shift+→ ×3, 2 did not save 阿里云 [0, 3) product: $(grep '(id: ' "$ron")"
grep -q '(id: 1, from: 1, to: 2, type: "affects", note: None)' "$ron" ||
  fail "R 4 Tab Enter did not save 服务中断事故 —affects→ 阿里云: $(cat "$ron")"
# Real X input is active time: the file records it (format 1.3), whole seconds, at least one.
grep -Eq '^    active_seconds: [1-9][0-9]*,$' "$ron" || fail "the active time of real input was not recorded: $(head -12 "$ron")"
grep -q 'version: "1.3"' "$ron" || fail "a file with active time must say version 1.3: $(head -3 "$ron")"
echo "gui_smoke: keyboard-only span and relation saved: $(grep 'type: ' "$ron" | sed 's/^ *//'); $(grep 'active_seconds' "$ron" | sed 's/^ *//')"

# 3b. A document category by keys: C, then 4 (事故 in the sample's project.ron).
xdotool key Escape
sleep 0.2
xdotool key c
sleep 0.3
xdotool key 4
for _ in $(seq 1 50); do grep -q 'categories: \["事故"\]' "$ron" && break; sleep 0.2; done
grep -q '^    categories: \["事故"\],$' "$ron" || fail "C 4 did not save the category 事故: $(head -12 "$ron")"
echo "gui_smoke: category by keys saved: $(grep 'categories' "$ron" | sed 's/^ *//')"

# 4. Idle: no input, nothing pending; the window must not burn a core.
xdotool mousemove 700 880
sleep 8
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
before=$(ticks)
sleep 5
after=$(ticks)
hz=$(getconf CLK_TCK)
percent=$(( (after - before) * 100 / (5 * hz) ))
echo "gui_smoke: idle window used ${percent}% of a core over 5 s ($((after - before)) ticks at ${hz}/s)"
[ "$percent" -lt 10 ] || fail "the idle window used ${percent}% of a core (limit 10%)"

if [ -n "$shot" ] && command -v import >/dev/null; then
  import -window root "$shot" && echo "gui_smoke: screenshot $shot"
fi
echo "gui_smoke: OK"
