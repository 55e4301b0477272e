#!/bin/sh
# Installs newsanno from this unpacked archive into ~/.local (no root needed):
#   ~/.local/bin/newsanno, its desktop entry and icons, man pages, and
#   bash/zsh/fish completions. The files installed are listed in
#   ~/.local/share/newsanno/installed-files, which --uninstall removes.
#
#   ./install.sh                 install (or update) into ~/.local
#   ./install.sh --prefix DIR    install into DIR instead (DIR/bin, DIR/share)
#   ./install.sh --uninstall     remove what an earlier ./install.sh installed
#
# Your projects and the sample project in ~/.local/share/newsanno/sample are
# never touched by either.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME:?HOME is not set}/.local"
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
manifest="$prefix/share/newsanno/installed-files"

refresh_desktop() {
  # Menus and icon caches pick the change up at once where the tools exist.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$prefix/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$action" = uninstall ]; then
  if [ ! -f "$manifest" ]; then
    echo "install.sh: nothing to uninstall ($manifest not found)" >&2
    exit 1
  fi
  removed=0
  while IFS= read -r rel; do
    if [ -f "$prefix/$rel" ] || [ -L "$prefix/$rel" ]; then
      rm -f "$prefix/$rel"
      removed=$((removed + 1))
    fi
  done < "$manifest"
  rm -f "$manifest"
  # Folders left empty by the removal (never one that still holds something).
  for dir in share/icons/hicolor/*/apps share/icons/hicolor/* share/icons/hicolor share/icons \
    share/man/man1 share/man share/bash-completion/completions share/bash-completion \
    share/zsh/site-functions share/zsh share/fish/vendor_completions.d share/fish \
    share/applications share/doc/newsanno share/doc share/newsanno bin; do
    for d in "$prefix"/$dir; do
      [ -d "$d" ] && rmdir "$d" 2>/dev/null || true
    done
  done
  refresh_desktop
  echo "newsanno uninstalled from $prefix ($removed files removed)"
  exit 0
fi

if [ ! -x "$here/bin/newsanno" ]; then
  echo "install.sh: $here/bin/newsanno is missing; run install.sh from the unpacked archive" >&2
  exit 1
fi

# source in the archive -> place under the prefix (zsh's user folder is site-functions)
mkdir -p "$prefix/share/newsanno"
tmp_manifest="$manifest.new"
: > "$tmp_manifest"
put() {
  src=$1
  rel=$2
  mode=$3
  mkdir -p "$(dirname "$prefix/$rel")"
  # Atomic per file: a copy beside it, then a rename (a running newsanno keeps its old binary).
  cp "$src" "$prefix/$rel.new-$$"
  chmod "$mode" "$prefix/$rel.new-$$"
  mv -f "$prefix/$rel.new-$$" "$prefix/$rel"
  echo "$rel" >> "$tmp_manifest"
}

put "$here/bin/newsanno" bin/newsanno 755
# The desktop entry names the binary by its full path: desktops do not always
# have ~/.local/bin on their PATH.
desktop=$(mktemp)
sed "s|^Exec=newsanno |Exec=$prefix/bin/newsanno |" "$here/share/applications/newsanno.desktop" > "$desktop"
put "$desktop" share/applications/newsanno.desktop 644
rm -f "$desktop"
for icon in "$here"/share/icons/hicolor/*/apps/newsanno.*; do
  size=$(basename "$(dirname "$(dirname "$icon")")")
  put "$icon" "share/icons/hicolor/$size/apps/$(basename "$icon")" 644
done
for page in "$here"/share/man/man1/*.1.gz; do
  put "$page" "share/man/man1/$(basename "$page")" 644
done
put "$here/share/bash-completion/completions/newsanno" share/bash-completion/completions/newsanno 644
put "$here/share/zsh/vendor-completions/_newsanno" share/zsh/site-functions/_newsanno 644
put "$here/share/fish/vendor_completions.d/newsanno.fish" share/fish/vendor_completions.d/newsanno.fish 644
for doc in "$here"/share/doc/newsanno/*; do
  put "$doc" "share/doc/newsanno/$(basename "$doc")" 644
done
mv -f "$tmp_manifest" "$manifest"
refresh_desktop

echo "newsanno installed into $prefix ($(wc -l < "$manifest") files; ./install.sh --uninstall removes them)"
"$prefix/bin/newsanno" --version
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it (e.g. in ~/.profile: PATH=\"$prefix/bin:\$PATH\")" ;;
esac
echo "zsh: completions are in $prefix/share/zsh/site-functions (add it to fpath before compinit)"
