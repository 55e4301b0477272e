#!/usr/bin/env bash
# Proves both packages the way a user installs them, on a clean system:
#
# 1. a minimal Debian root (debootstrap --variant=minbase bookworm; cached as
#    a tarball under /var/tmp so later runs skip it);
# 2. `apt-get install --no-install-recommends ./newsanno_….deb` there, so apt
#    resolves the Depends from Debian's packages and nothing else comes in;
# 3. as a non-root user with an empty HOME: `newsanno --version`, `init`,
#    `import` of a Chinese text (\r\n, 𠮷), rule-based `suggest`, `export
#    --format jsonl` (code-point offsets checked), and the window on that
#    project with a screenshot (> 50 kB) through the app's --screenshot;
# 4. the .deb removed (its dependencies stay), the tar.gz unpacked by the same
#    user, ./install.sh, the same checks with ~/.local/bin/newsanno, then
#    ./install.sh --uninstall.
#
# The X server is the host's Xvfb, reached through its abstract socket: installing
# Xvfb inside the root would pull in libgl1, Mesa and X libraries and hide a
# runtime library missing from Depends. So a Depends without one of them
# makes this fail (tools/package.sh with NEWSANNO_DEB_DROP=libxcursor1 shows it).
#
# Usage: tools/package_test.sh PACKAGE_DIR     (as root: chroot and mounts)
# Needs on the host: debootstrap, Xvfb (xvfb), and network to Debian's packages.
set -euo pipefail
pkg_dir=${1:?usage: tools/package_test.sh PACKAGE_DIR}
pkg_dir=$(cd "$pkg_dir" && pwd)
cd "$(dirname "$0")/.."
deb=$(ls "$pkg_dir"/newsanno_*_amd64.deb | head -1)
tarball=$(ls "$pkg_dir"/newsanno-*-x86_64-linux.tar.gz | head -1)
# The version the package was made for (its file name), not what Cargo.toml says now.
version=$(basename "$deb" | sed 's/^newsanno_\(.*\)_amd64\.deb$/\1/')
cache=${NEWSANNO_ROOT_CACHE:-/var/tmp/newsanno-bookworm-minbase.tar.gz}
started=$(date +%s)
say() { echo "[package_test $(( $(date +%s) - started )) s] $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "error: tools/package_test.sh needs root (debootstrap, chroot, mounts)" >&2
  exit 1
fi

work=$(mktemp -d /var/tmp/newsanno-package-test.XXXXXX)
root="$work/root"
xvfb_pid=
cleanup() {
  set +e
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for m in dev/pts dev proc; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount "$root/$m" 2>/dev/null || umount -l "$root/$m"; fi
  done
  # Never delete through a mount that is still there (it would be the host's /dev).
  if grep -qF " $root/" /proc/mounts; then
    echo "warning: mounts remain under $root; $work is left in place" >&2
    return
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

# --- 1. the clean root ---
if [ ! -s "$cache" ]; then
  say "no cached root at $cache: debootstrap --variant=minbase bookworm"
  boot="$work/boot"
  debootstrap --variant=minbase bookworm "$boot" ${NEWSANNO_DEBIAN_MIRROR:-} > "$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$boot" -czf "$cache.tmp" . && mv "$cache.tmp" "$cache"
  rm -rf "$boot"
fi
mkdir -p "$root"
tar -C "$root" -xzf "$cache"
say "clean root from $cache: $(chroot "$root" dpkg-query -W | wc -l) packages, $(du -sh "$root" | cut -f1)"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"

# --- 2. the .deb through apt ---
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
in_root apt-get update -qq
before=$(in_root dpkg-query -W | wc -l)
in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" > "$work/apt.log" 2>&1 ||
  { tail -30 "$work/apt.log" >&2; exit 1; }
after=$(in_root dpkg-query -W | wc -l)
say "installed $(basename "$deb") with apt: $((after - before)) packages in all (its Depends and theirs)"
for f in /usr/bin/newsanno /usr/share/applications/newsanno.desktop /usr/share/icons/hicolor/scalable/apps/newsanno.svg \
  /usr/share/icons/hicolor/48x48/apps/newsanno.png /usr/share/man/man1/newsanno.1.gz /usr/share/man/man1/newsanno-export.1.gz \
  /usr/share/bash-completion/completions/newsanno /usr/share/zsh/vendor-completions/_newsanno \
  /usr/share/fish/vendor_completions.d/newsanno.fish /usr/share/doc/newsanno/THIRD-PARTY-NOTICES.md \
  /usr/share/doc/newsanno/copyright /usr/share/doc/newsanno/LICENSE-MIT; do
  test -e "$root$f" || { echo "error: the .deb did not install $f" >&2; exit 1; }
done
say "the .deb's files are in place (binary, desktop entry, icons, man pages, completions, licences)"

# --- the user: no root, an empty HOME ---
in_root useradd --no-create-home --home-dir /home/annotator --shell /bin/sh annotator
mkdir -p "$root/home/annotator"
in_root chown annotator:annotator /home/annotator
test -z "$(ls -A "$root/home/annotator")"

# --- the display: the host's Xvfb. The root shares the host's network
# namespace, so X clients in it reach Xvfb's abstract socket
# (@/tmp/.X11-unix/XN) with nothing bound into the root. ---
display=87
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
test -e "/tmp/.X11-unix/X$display" || { cat "$work/xvfb.log" >&2; exit 1; }

as_user() {
  chroot --userspec=annotator:annotator "$root" env -i HOME=/home/annotator PATH=/home/annotator/.local/bin:/usr/bin:/bin \
    LANG=C.UTF-8 DISPLAY=":$display" "$@"
}

# The checks of one installed newsanno: $1 is the command, $2 a name for the files.
check_newsanno() {
  local cmd=$1 tag=$2
  local v
  v=$(as_user "$cmd" --version)
  echo "  $cmd --version: $v"
  case "$v" in "newsanno $version (commit "*) ;; *) echo "error: unexpected version line" >&2; exit 1 ;; esac
  as_user sh -c "cd ~ && rm -rf news-$tag && $cmd init news-$tag --labels executive,product,event,metric" | sed 's/^/  /'
  # A Chinese article with \r\n line ends and an astral character.
  printf '阿里巴巴集团发布财报：阿里云季度收入167.61亿元，同比增长37%%。\r\n董事长张勇表示，钉钉用户数突破6亿。𠮷野家也在用。\r\n' \
    > "$root/home/annotator/财报.txt"
  in_root chown annotator:annotator /home/annotator/财报.txt
  as_user sh -c "cd ~ && $cmd import news-$tag 财报.txt" | sed 's/^/  /'
  as_user sh -c "cd ~ && $cmd suggest news-$tag --annotator intern --accept" | grep -E "suggestions|accepted" | sed 's/^/  /'
  as_user sh -c "cd ~ && $cmd export news-$tag --format jsonl --source intern --status not-started,in-progress,done --out export-$tag.jsonl" |
    head -1 | sed 's/^/  /'
  # Offsets are code points: 167.61亿元 is [18, 26) of the text.
  grep -qF '"start":18,"end":26,"label":"metric","text":"167.61亿元"' "$root/home/annotator/export-$tag.jsonl" ||
    { echo "error: the export lacks the metric span at [18, 26):" >&2; cat "$root/home/annotator/export-$tag.jsonl" >&2; exit 1; }
  echo "  export-$tag.jsonl: 167.61亿元 at [18, 26) as metric"
  # The window, on that project, with its own screenshot.
  if ! as_user timeout 120 "$cmd" open "/home/annotator/news-$tag" --annotator intern --screenshot "/home/annotator/window-$tag.png" \
    > "$work/window-$tag.log" 2>&1; then
    echo "error: the window failed ($cmd):" >&2
    grep -v XDG_RUNTIME_DIR "$work/window-$tag.log" | tail -20 >&2
    exit 1
  fi
  local shot="$root/home/annotator/window-$tag.png" size
  size=$(stat -c %s "$shot" 2>/dev/null || echo 0)
  cp "$shot" "$pkg_dir/package-test-window-$tag.png" 2>/dev/null || true
  echo "  window screenshot: $size bytes (copied to $pkg_dir/package-test-window-$tag.png)"
  [ "$size" -gt 50000 ] || { echo "error: the screenshot is $size bytes: a blank or failed window" >&2; exit 1; }
}

say "the .deb, as annotator (empty HOME):"
check_newsanno newsanno deb

# --- 4. the tar.gz, after the .deb is gone ---
in_root apt-get remove -y -qq newsanno > /dev/null 2>&1
test ! -e "$root/usr/bin/newsanno" || { echo "error: apt-get remove left /usr/bin/newsanno" >&2; exit 1; }
say "the .deb removed (its dependencies stay); the tar.gz, as annotator:"
cp "$tarball" "$root/home/annotator/"
in_root chown annotator:annotator "/home/annotator/$(basename "$tarball")"
as_user sh -c "cd ~ && tar -xzf $(basename "$tarball") && cd $(basename "$tarball" .tar.gz) && ./install.sh" | sed 's/^/  /'
for f in .local/bin/newsanno .local/share/applications/newsanno.desktop .local/share/icons/hicolor/256x256/apps/newsanno.png \
  .local/share/man/man1/newsanno.1.gz .local/share/bash-completion/completions/newsanno \
  .local/share/zsh/site-functions/_newsanno .local/share/fish/vendor_completions.d/newsanno.fish \
  .local/share/doc/newsanno/THIRD-PARTY-NOTICES.md; do
  test -e "$root/home/annotator/$f" || { echo "error: install.sh did not install ~/$f" >&2; exit 1; }
done
grep -q "^Exec=/home/annotator/.local/bin/newsanno %f" "$root/home/annotator/.local/share/applications/newsanno.desktop" ||
  { echo "error: the installed desktop entry does not name ~/.local/bin/newsanno" >&2; exit 1; }
check_newsanno /home/annotator/.local/bin/newsanno tar
installed=$(cat "$root/home/annotator/.local/share/newsanno/installed-files")
as_user sh -c "cd ~/$(basename "$tarball" .tar.gz) && ./install.sh --uninstall" | sed 's/^/  /'
# Every file install.sh listed is gone; what the app itself wrote (settings,
# the sample project) is the user's and stays.
for rel in $installed share/newsanno/installed-files; do
  test ! -e "$root/home/annotator/.local/$rel" || { echo "error: --uninstall left ~/.local/$rel" >&2; exit 1; }
done
say "install.sh --uninstall removed every file it installed"
say "OK: the .deb and the tar.gz install and run on a clean bookworm root"
