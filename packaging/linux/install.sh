#!/usr/bin/env bash
# Install the built bundle for the current user with a menu entry and icon:
#
#   ./packaging/build.sh && ./packaging/linux/install.sh            # into ~/.local
#   PREFIX=/opt/coach-root ./packaging/linux/install.sh               # elsewhere
#   ./packaging/linux/install.sh --uninstall
#
# Files: $PREFIX/lib/coach/ (the bundle), $PREFIX/bin/coach (a link),
# $PREFIX/share/applications/<id>.desktop, $PREFIX/share/icons/hicolor/*/apps/<id>.png,
# $PREFIX/share/metainfo/<id>.metainfo.xml. Your diary is never touched.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP_ID="io.github.coachjournal.Coach"
PREFIX="${PREFIX:-$HOME/.local}"
BUNDLE="${BUNDLE:-$ROOT/dist/coach}"
SIZES="16 24 32 48 64 128 256 512"

uninstall() {
    rm -rf "$PREFIX/lib/coach"
    rm -f "$PREFIX/bin/coach" "$PREFIX/share/applications/$APP_ID.desktop" \
          "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
    for n in $SIZES; do rm -f "$PREFIX/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png"; done
    rm -f "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
    echo "Removed Coach from $PREFIX (your diary is still in its data folder)."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi
if [ ! -x "$BUNDLE/coach" ]; then
    echo "No bundle at $BUNDLE: run ./packaging/build.sh first." >&2
    exit 1
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
# Copy to a new folder first, then swap, so a failed copy leaves the old install working.
rm -rf "$PREFIX/lib/coach.new"
cp -a "$BUNDLE" "$PREFIX/lib/coach.new"
rm -rf "$PREFIX/lib/coach"
mv "$PREFIX/lib/coach.new" "$PREFIX/lib/coach"
ln -sfn "$PREFIX/lib/coach/coach" "$PREFIX/bin/coach"

# The menu entry runs the installed program by its full path.
sed -e "s|^Exec=.*|Exec=$PREFIX/lib/coach/coach|" -e "s|^TryExec=.*|TryExec=$PREFIX/lib/coach/coach|" \
    "$HERE/$APP_ID.desktop" > "$PREFIX/share/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/"
for n in $SIZES; do
    mkdir -p "$PREFIX/share/icons/hicolor/${n}x${n}/apps"
    cp "$ROOT/packaging/icons/png/coach-$n.png" "$PREFIX/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
done
mkdir -p "$PREFIX/share/icons/hicolor/scalable/apps"
cp "$ROOT/coach/resources/icons/coach.svg" "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"

# Refresh the desktop's caches when the tools exist (they are optional).
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
if [ -f "$PREFIX/share/icons/hicolor/index.theme" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q "$PREFIX/share/icons/hicolor" || true
fi
echo "Installed Coach $("$PREFIX/lib/coach/coach" --version | cut -d' ' -f2) into $PREFIX."
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "Add $PREFIX/bin to PATH to run 'coach' from a terminal." ;;
esac
