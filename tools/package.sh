#!/usr/bin/env bash
# Builds the release binary and writes the two packages into OUT_DIR:
#   newsanno_<version>_amd64.deb                Debian package (dpkg-deb; Depends below)
#   newsanno-<version>-x86_64-linux.tar.gz      portable: ./install.sh into ~/.local, no root
# Both carry the same files: the stripped binary, a .desktop entry, the icon
# (hicolor PNGs + SVG), man pages and bash/zsh/fish completions generated from
# the clap definitions, the licences and THIRD-PARTY-NOTICES.md.
#
# Usage: tools/package.sh OUT_DIR
# Needs: cargo and a C compiler (the build), dpkg-deb, strip, gzip, tar.
# NEWSANNO_SKIP_BUILD=1 packages the release binary already built.
# NEWSANNO_DEB_DROP=PKG leaves PKG out of Depends (to prove the install test
# fails without it; never for a real package).
set -euo pipefail
out=${1:?usage: tools/package.sh OUT_DIR}
cd "$(dirname "$0")/.."
repo=$(pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
# Reproducible archives: file times are the commit's.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
target_dir=$(cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)

if [ "${NEWSANNO_SKIP_BUILD:-}" != 1 ]; then
  echo "== cargo build --release --locked"
  cargo build --release --locked
fi
bin="$target_dir/release/newsanno"
test -x "$bin" || { echo "error: no release binary at $bin" >&2; exit 1; }
echo "== packaging newsanno $version (commit $commit) from $bin"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name="newsanno-$version-x86_64-linux"
stage="$work/$name"

# --- the files both packages carry, under a prefix (share/, bin/) ---
mkdir -p "$stage/bin" "$stage/share/applications" "$stage/share/man/man1" \
  "$stage/share/bash-completion/completions" "$stage/share/zsh/vendor-completions" \
  "$stage/share/fish/vendor_completions.d" "$stage/share/doc/newsanno"
cp "$bin" "$stage/bin/newsanno"
strip --strip-all "$stage/bin/newsanno"
"$stage/bin/newsanno" --version | grep -qF "(commit $commit)" ||
  { echo "error: the binary does not name commit $commit: $("$stage/bin/newsanno" --version)" >&2; exit 1; }
cp assets/desktop/newsanno.desktop "$stage/share/applications/"
mkdir -p "$stage/share/icons"
cp -r assets/icons/hicolor "$stage/share/icons/"
"$stage/bin/newsanno" man --out "$stage/share/man/man1" >/dev/null
gzip -9n "$stage"/share/man/man1/*.1
"$stage/bin/newsanno" completions bash > "$stage/share/bash-completion/completions/newsanno"
"$stage/bin/newsanno" completions zsh > "$stage/share/zsh/vendor-completions/_newsanno"
"$stage/bin/newsanno" completions fish > "$stage/share/fish/vendor_completions.d/newsanno.fish"
cp LICENSE-MIT LICENSE-APACHE README.md docs/INSTALL.md "$stage/share/doc/newsanno/"
cargo run --quiet --release --locked -p third-party-notices -- "$stage/share/doc/newsanno/THIRD-PARTY-NOTICES.md"

# --- the portable tar.gz: the prefix plus install.sh ---
cp tools/install.sh "$stage/install.sh"
chmod 755 "$stage/install.sh" "$stage/bin/newsanno"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tarball="$out/$name.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work" -cf - "$name" | gzip -9n > "$tarball"

# --- the Debian package: the same prefix under /usr ---
deb_root="$work/deb"
mkdir -p "$deb_root/usr" "$deb_root/DEBIAN"
cp -a "$stage/bin" "$stage/share" "$deb_root/usr/"
# What the binary links (libc, libgcc) and what the window opens at run time
# (dlopen: found with `strings`, each checked in a clean Debian root by
# tools/package_test.sh): GL/EGL and Mesa's drivers, X11 (xcb, Xcursor, Xi,
# Xrender, xkbcommon), Wayland, and fontconfig for system fonts.
glibc=$(objdump -T "$stage/bin/newsanno" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
depends=("libc6 (>= $glibc)" libgcc-s1 libgl1 libegl1 libgl1-mesa-dri libx11-6 libx11-xcb1 libxcb1
  libxcursor1 libxi6 libxrender1 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0 libwayland-egl1
  libfontconfig1)
if [ -n "${NEWSANNO_DEB_DROP:-}" ]; then
  echo "warning: leaving ${NEWSANNO_DEB_DROP} out of Depends (a test package, not for use)" >&2
  kept=()
  for d in "${depends[@]}"; do [ "${d%% *}" = "$NEWSANNO_DEB_DROP" ] || kept+=("$d"); done
  depends=("${kept[@]}")
fi
depends_line=$(printf '%s, ' "${depends[@]}")
cat > "$deb_root/DEBIAN/control" <<EOF
Package: newsanno
Version: $version
Architecture: amd64
Maintainer: newsanno developers <newsanno@localhost>
Installed-Size: $(du -sk "$deb_root/usr" | cut -f1)
Depends: ${depends_line%, }
Recommends: libdbus-1-3, zenity | xdg-desktop-portal-gtk | xdg-desktop-portal-kde
Section: text
Priority: optional
Description: fast offline span annotation for Chinese news
 Annotators open Chinese and mixed Chinese/English news articles, select
 spans and label them (executives, products, events, figures); every edit is
 saved atomically as a small RON file a training pipeline reads. Offsets are
 Unicode code points. Includes agreement, adjudication into a gold set,
 rule-based and learning suggestions, and exports (JSONL, BIO, brat, Label
 Studio, doccano, Hugging Face datasets).
 .
 Built from commit $commit. File dialogs use the XDG desktop portal through
 libdbus, or zenity (recommended).
EOF
# Debian's copyright file points at the texts shipped beside it.
cat > "$deb_root/usr/share/doc/newsanno/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: newsanno

Files: *
Copyright: 2026 The newsanno developers
License: MIT or Apache-2.0
 See /usr/share/doc/newsanno/LICENSE-MIT and /usr/share/doc/newsanno/LICENSE-APACHE.
 The software newsanno carries (Rust crates, CRFsuite, libLBFGS, Noto Sans SC)
 and its licences are listed in /usr/share/doc/newsanno/THIRD-PARTY-NOTICES.md.
EOF
(cd "$deb_root" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
find "$deb_root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
chmod -R u+rwX,go+rX,go-w "$deb_root"
deb="$out/newsanno_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$deb" >/dev/null

echo "== written"
for f in "$deb" "$tarball"; do
  printf '%s  %s bytes\n' "$f" "$(stat -c %s "$f")"
done
echo "Depends: ${depends_line%, }"
