# Sourced by the screenshot scripts: a 1366×768 virtual screen with a window manager (as
# counter PCs have: focus returns to the window after a dialog) and `quaythu demo` on it,
# all stopped when the script exits. Needs $disp and $data set.
Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
wmpid=
apid=
trap 'kill $apid 2>/dev/null || true; [ -n "$wmpid" ] && kill $wmpid 2>/dev/null; kill $xpid 2>/dev/null || true' EXIT
sleep 1
if command -v openbox >/dev/null; then DISPLAY=$disp openbox >/dev/null 2>&1 & wmpid=$!; sleep 0.5; fi
DISPLAY=$disp QT_QPA_PLATFORM=xcb quaythu demo --data-dir "$data" &
apid=$!
