#!/usr/bin/env bash
# The native app's smoke run under a virtual display: renders 120 frames while training, prints
# its state and must exit 0 on its own. Both count: a crash or a non-zero exit after the state
# was printed fails, and so does a clean exit whose state shows no completed epoch.
# Usage: native_smoke.sh XVFB_RUN PLAYGROUND
set -u
xvfb_run=$1
app=$2
fail() { echo "native_smoke: $*" >&2; exit 1; }

out=$("$xvfb_run" -a -s "-screen 0 1280x720x24" "$app" --frames 120 --play --print-state)
status=$?
printf '%s\n' "$out"
[ "$status" -eq 0 ] || fail "the app exited with status $status (expected 0)"
state=$(printf '%s\n' "$out" | grep '^{"epoch":' | tail -1)
[ -n "$state" ] || fail "the app printed no state line"
printf '%s' "$state" | grep -q '^{"epoch":[1-9]' || fail "no epoch was completed: ${state:0:80}"
printf '%s' "$state" | grep -q '"stop_reason":"none"' || fail "training stopped: ${state:0:200}"
# The same in Korean (--lang ko): the font with Hangul draws, the state says so.
ko=$("$xvfb_run" -a -s "-screen 0 1280x720x24" "$app" --frames 30 --lang ko --print-state)
[ $? -eq 0 ] || fail "the app exited non-zero with --lang ko"
printf '%s\n' "$ko" | grep '^{"epoch":' | tail -1 | grep -q '"lang":"ko"' || fail "--lang ko: the state does not say lang ko"
echo "native_smoke: ok (exit 0, ${state:0:40}...)"
