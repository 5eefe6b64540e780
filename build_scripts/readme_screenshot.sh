#!/usr/bin/env bash
# Retakes docs/screenshot-{sign-in,lookup,payment,request}.png and
# docs/slip-request-80mm.png: `quaythu demo` in a real window on a virtual
# screen, the demo cashier signing in, a search typed and an account opened, a
# payment and a service request taken, by keyboard alone. Give it a new DATA_DIR
# (the default): a second run finds the shift open.
# Needs (Debian): xvfb imagemagick xdotool and the libxcb packages that
# ../shared/tools/shot lists.  Usage: build_scripts/readme_screenshot.sh [DATA_DIR]
set -eu
cd "$(dirname "$0")/.."
data=${1:-$(mktemp -d)}
out=docs/screenshot-lookup.png
disp=:97
. build_scripts/demo_screen.sh
# first run builds the demo store before the sign-in screen appears
for _ in $(seq 1 180); do
  sid=$(DISPLAY=$disp xdotool search --name "đăng nhập" 2>/dev/null | head -1 || true)
  [ -n "$sid" ] && break
  sleep 1
done
sleep 2
DISPLAY=$disp xdotool windowmove "$sid" 420 250
sleep 0.5
DISPLAY=$disp import -window root /tmp/quaythu-sign-in-full.png
convert /tmp/quaythu-sign-in-full.png -crop 460x223+410+240 +repage docs/screenshot-sign-in.png
DISPLAY=$disp xdotool type --delay 40 "thungan"
DISPLAY=$disp xdotool key Tab
DISPLAY=$disp xdotool type --delay 40 "demo1234"
DISPLAY=$disp xdotool key Return
for _ in $(seq 1 30); do
  wid=$(DISPLAY=$disp xdotool search --name "Quầy thu tiền điện" 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 1
done
sleep 2
DISPLAY=$disp xdotool windowsize "$wid" 1366 740 windowmove "$wid" 0 0
DISPLAY=$disp xdotool type --delay 40 "nguyen chan tan binh"
sleep 1
DISPLAY=$disp xdotool key Return
sleep 1.5
DISPLAY=$disp xdotool key --delay 80 Down Down Down Down Down Down Down Down Return
sleep 1.5
DISPLAY=$disp import -window root "$out"
echo "saved $out"
# the payment: open the shift with a 500 000 đ float, then F9 on the open account
DISPLAY=$disp xdotool key F10
sleep 1
DISPLAY=$disp xdotool key ctrl+a
DISPLAY=$disp xdotool type --delay 40 "500000"
DISPLAY=$disp xdotool key Return
sleep 1
DISPLAY=$disp xdotool key F9
sleep 1.5
DISPLAY=$disp xdotool type --delay 40 "500000"
DISPLAY=$disp xdotool key Return
sleep 1.5
DISPLAY=$disp import -window root /tmp/quaythu-payment-full.png
pid=$(DISPLAY=$disp xdotool search --name "Thu tiền –" 2>/dev/null | head -1 || true)
if [ -n "$pid" ]; then
  DISPLAY=$disp import -window "$pid" docs/screenshot-payment.png
  echo "saved docs/screenshot-payment.png"
fi
# a service request for the same customer: Ctrl+R, the phone, what they ask, Ctrl+Enter
DISPLAY=$disp xdotool key Escape
sleep 1
DISPLAY=$disp xdotool key ctrl+r
sleep 1.5
# the kind: back up to its list, "k" for "Kiểm tra, kiểm định công tơ", down to the phone
DISPLAY=$disp xdotool key --delay 100 shift+Tab shift+Tab shift+Tab k Tab Tab Tab
DISPLAY=$disp xdotool type --delay 40 "0909123456"
DISPLAY=$disp xdotool key Tab Tab Tab
DISPLAY=$disp xdotool type --delay 40 "Công tơ quay nhanh bất thường từ tháng 10, xin kiểm tra."
DISPLAY=$disp xdotool key ctrl+Return
sleep 3
DISPLAY=$disp import -window root /tmp/quaythu-request-full.png
rid=$(DISPLAY=$disp xdotool search --name "Tiếp nhận yêu cầu" 2>/dev/null | head -1 || true)
if [ -n "$rid" ]; then
  DISPLAY=$disp import -window "$rid" docs/screenshot-request.png
  echo "saved docs/screenshot-request.png"
fi
# the acknowledgement slip as the demo's printer emulator printed it (the last job)
slip=$(ls "$data"/demo/printer/job-*.png 2>/dev/null | sort | tail -1 || true)
if [ -n "$slip" ]; then
  cp "$slip" docs/slip-request-80mm.png
  echo "saved docs/slip-request-80mm.png"
fi
