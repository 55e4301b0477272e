#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-Regular-subset.ttf from the OFL-licensed
# Noto Sans SC Regular shipped in the npm package @expo-google-fonts/noto-sans-sc.
# Needs npm and `pip install fonttools`. Run from the repository root.
set -euo pipefail
work=$(mktemp -d)
(cd "$work" && npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null && tar xzf ./*.tgz)
# Basic Latin + Latin-1, general punctuation (“ ” — … ·), CJK symbols and
# punctuation (、。「」), CJK Unified Ideographs Extension A and the main
# block, CJK compatibility forms, and half-/full-width forms (，！１Ａ).
pyftsubset "$work/package/400Regular/NotoSansSC_400Regular.ttf" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3040-30FF,U+3400-4DBF,U+4E00-9FFF,U+FE30-FE4F,U+FF00-FFEF" \
  --layout-features='*' --no-hinting \
  --output-file=assets/fonts/NotoSansSC-Regular-subset.ttf
cp "$work/package/LICENSE_FONT" assets/fonts/OFL.txt
rm -rf "$work"
ls -l assets/fonts
