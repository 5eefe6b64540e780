#!/usr/bin/env bash
# The screenshots of docs/screens.md: every scene of build_scripts/look_screens.py in a real
# window (1366×768, openbox) through ../shared/tools/shot.
# Usage: build_scripts/look_screens.sh PREFIX [PYTHON] [SCALE]   (run from the tree to draw)
#   build_scripts/look_screens.sh after                    # docs/look-after-*.png
#   build_scripts/look_screens.sh after-150 .venv/bin/python 1.5
#   SCENES="payment request" build_scripts/look_screens.sh after
# The "before" pictures: the same script run from an export of the tree before the design
# system (see docs/screens.md), OUT_DIR pointing at this tree's docs/.
# A scene the tree cannot show leaves no picture (the script says why); a picture over
# 150 KB is kept as an 8-bit palette PNG.
set -eu
prefix=$1; py=${2:-.venv/bin/python}; scale=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT_DIR:-$here/../docs}
all=$("$py" -c "import sys; sys.path.insert(0, '$here'); import look_screens; print(' '.join(look_screens.SCENES))")
for scene in ${SCENES:-$all}; do
  png="$out/look-$prefix-$scene.png"
  marker=$(mktemp); rm -f "$marker"
  LOOK_MISSING=$marker QT_SCALE_FACTOR=$scale /work/shared/tools/shot "$png" "${WAIT_S:-30}" -- \
    "$py" "$here/look_screens.py" "$scene"
  if [ -e "$marker" ]; then
    echo "no picture of $scene: $(cat "$marker")"; rm -f "$png" "$marker"; continue
  fi
  if [ "$(stat -c %s "$png")" -gt 153600 ]; then
    convert "$png" -colors 256 PNG8:"$png"
  fi
done
