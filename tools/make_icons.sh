#!/usr/bin/env bash
# Renders assets/icons/newsanno.svg into the hicolor PNG sizes the packages
# ship (assets/icons/hicolor/NxN/apps/newsanno.png). The PNGs are committed,
# so packaging needs no SVG renderer; run this after changing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
for size in 16 24 32 48 64 128 256 512; do
  dir="assets/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  rsvg-convert -w "$size" -h "$size" assets/icons/newsanno.svg -o "$dir/newsanno.png"
done
mkdir -p assets/icons/hicolor/scalable/apps
cp assets/icons/newsanno.svg assets/icons/hicolor/scalable/apps/newsanno.svg
ls -l assets/icons/hicolor/*/apps/
