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
# A file or a link as the argument: a CSV table becomes the data, a model file its network, a
# share link its experiment.
tmp=$(mktemp -d)
printf 'size,weight,ripe\n6.1,80,no\n8.2,120,yes\n7.9,115,yes\n5.5,70,no\n9.0,130,yes\n' > "$tmp/t.csv"
csv=$("$xvfb_run" -a -s "-screen 0 1280x720x24" "$app" --frames 5 --print-state "$tmp/t.csv" | grep '^{"epoch":' | tail -1)
printf '%s' "$csv" | grep -q '"data_rows":5,"data_inputs":2' || fail "a CSV file argument did not become the data: ${csv:0:200}"
"$(dirname "$app")/../nnp_run" --epochs 3 data=xor net=5:tanh --save-model "$tmp/m.json" >/dev/null 2>&1 ||
  fail "nnp_run could not save a model for the smoke run"
model=$("$xvfb_run" -a -s "-screen 0 1280x720x24" "$app" --frames 5 --print-state "$tmp/m.json" | grep '^{"epoch":' | tail -1)
printf '%s' "$model" | grep -q 'net=5:tanh' || fail "a model file argument did not open its network: ${model:0:300}"
link=$("$xvfb_run" -a -s "-screen 0 1280x720x24" "$app" --frames 5 --print-state 'v=1&data=moons&net=3:relu' | grep '^{"epoch":' | tail -1)
printf '%s' "$link" | grep -q 'data=moons' || fail "a link argument did not open its experiment: ${link:0:300}"
rm -rf "$tmp"
echo "native_smoke: ok (exit 0, ${state:0:40}...)"
