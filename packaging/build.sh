#!/usr/bin/env bash
# Build the desktop bundle: ./packaging/build.sh  ->  dist/coach/ (onedir)
#
# Needs the app's dependencies and pyinstaller (pip install -e '.[bundle]').
# Extra arguments go to pyinstaller (e.g. --log-level WARN). DIST and WORK
# choose other output folders (defaults: dist/ and build/ in the checkout).
# On Windows run the same pyinstaller line from a shell with Python on PATH
# (see packaging/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${DIST:-dist}"
WORK="${WORK:-build}"
if ! python -m PyInstaller --version >/dev/null 2>&1; then
    echo "pyinstaller is missing: pip install -e '.[bundle]'" >&2
    exit 1
fi
python -m PyInstaller --noconfirm --clean --log-level "${LOG_LEVEL:-WARN}" \
    --distpath "$DIST" --workpath "$WORK" "$@" packaging/coach.spec
app="$DIST/coach"
if [ -d "$DIST/Coach.app" ]; then app="$DIST/Coach.app"; fi
size=$(du -sk "$app" | cut -f1)
echo "Built $app ($((size / 1024)) MB). Run it: $DIST/coach/coach  (or coach --help)"
