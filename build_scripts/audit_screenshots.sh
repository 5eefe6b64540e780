#!/usr/bin/env bash
# Retakes the screens a supervisor audits, at 1366×768 with a window manager, by keyboard
# alone in `quaythu demo`: docs/screenshot-payment-dialog.png (F9 with an amount typed),
# docs/screenshot-vietqr.png (the whole screen: the VietQR dialog and the customer display),
# docs/screenshot-receipts-void.png (F8 after a supervisor's void) and
# docs/screenshot-shift-close.png (F10: a blind count, submitted, short).
# Run it on the DATA_DIR that build_scripts/readme_screenshot.sh used (the demo is built and
# the cashier's shift open there).
# Needs (Debian): xvfb imagemagick xdotool openbox and the libxcb packages that
# ../shared/tools/shot lists.  Usage: build_scripts/audit_screenshots.sh DATA_DIR
set -eu
cd "$(dirname "$0")/.."
data=$1
disp=:96
. build_scripts/demo_screen.sh
x() { DISPLAY=$disp xdotool "$@"; }
window() {  # the id of the first window whose title contains $1, waiting up to 60 s
  for _ in $(seq 1 60); do
    w=$(x search --name "$1" 2>/dev/null | head -1 || true)
    [ -n "$w" ] && { echo "$w"; return; }
    sleep 1
  done
}
crop() {  # window $1 (its own pixels, without the frame) into $2
  DISPLAY=$disp import -window "$1" "$2"
  echo "saved $2"
}
sid=$(window "đăng nhập")
sleep 2
x windowactivate --sync "$sid" || true
x type --delay 40 "thungan"; x key Tab; x type --delay 40 "demo1234"; x key Return
main=$(window "Quầy thu tiền điện")
[ -n "$main" ] || { echo "the main window did not open"; exit 1; }
sleep 2
x windowactivate --sync "$main" || true
x windowsize "$main" 1366 740 windowmove "$main" 0 0
sleep 1
x type --delay 40 "tran thi tan binh"
x key Return
sleep 1.5
x key Return  # the results have the keyboard: the first row opens
sleep 1.5
# the payment dialog, an amount typed, not yet confirmed
x key F9
sleep 1.5
x type --delay 40 "2000000"
sleep 1
crop "$(window "Thu tiền –")" docs/screenshot-payment-dialog.png
# VietQR instead: the QR on the cashier's screen and on the customer's window
x key ctrl+a BackSpace F6
sleep 4
DISPLAY=$disp import -window root docs/screenshot-vietqr.png
echo "saved docs/screenshot-vietqr.png"
# the demo's bank pays; the receipt prints; Enter closes
x key ctrl+b
sleep 4
x key Return
sleep 1.5
# F8: the day's receipts; the newest (the VietQR one) voided with a supervisor
x key F8
sleep 2
x key Delete
sleep 1.5
x key Tab Tab
x type --delay 40 "giamsat"
x key Tab
x type --delay 40 "demo1234"
x key Return
sleep 3
crop "$(window "Phiếu thu của các ca")" docs/screenshot-receipts-void.png
x key Escape
sleep 1
# F10: the blind count, submitted short: the count locks, a supervisor is needed
x key F10
sleep 1.5
x type --delay 40 "1"
x key ctrl+Return
sleep 2
crop "$(window "Đóng ca")" docs/screenshot-shift-close.png
