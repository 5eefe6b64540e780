#!/usr/bin/env bash
# The design system's screenshots: every scene of build_scripts/look_screens.py in a real
# window (1366×768, openbox) through ../shared/tools/shot.
# Usage: build_scripts/look_screens.sh PREFIX [PYTHON] [SCALE]   (run from the tree to draw)
#   build_scripts/look_screens.sh after                    # docs/look-after-*.png
#   build_scripts/look_screens.sh after-150 .venv/bin/python 1.5
set -eu
prefix=$1; py=${2:-.venv/bin/python}; scale=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT_DIR:-$here/../docs}
for scene in ${SCENES:-sign-in counter payment agent collector}; do
  QT_SCALE_FACTOR=$scale /work/shared/tools/shot "$out/look-$prefix-$scene.png" 25 -- \
    "$py" "$here/look_screens.py" "$scene"
done
