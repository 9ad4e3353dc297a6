#!/usr/bin/env bash
# Checks the command-line runner end to end: a good config prints one JSON line per epoch with
# finite, falling losses; CSV works; a bad config or option exits 2 and names the problem.
set -u
run=$1
fail() { echo "run_cli_test: $*" >&2; exit 1; }

out=$("$run" --epochs 30 data=circle opt=adam lr=0.03) || fail "good config exited $?"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 31 ] || fail "expected 31 lines (epochs 0..30), got: $out"
first=$(printf '%s\n' "$out" | head -1 | sed 's/.*"train_loss":\([^,]*\).*/\1/')
last=$(printf '%s\n' "$out" | tail -1 | sed 's/.*"train_loss":\([^,]*\).*/\1/')
awk -v a="$first" -v b="$last" 'BEGIN { exit !(b < a && b == b + 0) }' || fail "loss did not fall: $first -> $last"

csv=$("$run" --epochs 2 --format csv 'v=1&data=xor&net=4:tanh') || fail "csv run exited $?"
[ "$(printf '%s\n' "$csv" | head -1)" = "epoch,train_loss,test_loss,train_accuracy,test_accuracy" ] || fail "bad csv header"
[ "$(printf '%s\n' "$csv" | wc -l)" -eq 4 ] || fail "expected header + 3 csv rows"

same1=$("$run" --epochs 3 data=spiral net=6:relu:0.2 seed=4) && same2=$("$run" --epochs 3 data=spiral net=6:relu:0.2 seed=4)
[ "$same1" = "$same2" ] || fail "the same config twice printed different histories"

# The one-input oyster set needs no feature list, and early stopping adds the validation columns.
oyster=$("$run" --epochs 2 data=oyster) || fail "data=oyster exited $?"
[ "$(printf '%s\n' "$oyster" | wc -l)" -eq 3 ] || fail "data=oyster: expected 3 lines, got: $oyster"
es=$("$run" --epochs 2 --format csv data=circle es=1) || fail "es=1 exited $?"
[ "$(printf '%s\n' "$es" | head -1)" = "epoch,train_loss,test_loss,train_accuracy,test_accuracy,val_loss,val_accuracy" ] ||
  fail "es=1: no validation columns: $(printf '%s\n' "$es" | head -1)"

# A race prints every run's epochs, each line with its run index and name.
race=$("$run" --epochs 3 data=xor 'race=opt:sgd,momentum,adam') || fail "race exited $?"
[ "$(printf '%s\n' "$race" | wc -l)" -eq 12 ] || fail "race: expected 3 runs x 4 epochs = 12 lines, got: $race"
[ "$(printf '%s\n' "$race" | grep -c '"run":2,"name":"Adam"')" -eq 4 ] || fail "race: run 2 is not named Adam: $race"
racecsv=$("$run" --epochs 1 --format csv 'race=seed:1,2') || fail "csv race exited $?"
[ "$(printf '%s\n' "$racecsv" | head -1)" = "run,name,epoch,train_loss,test_loss,train_accuracy,test_accuracy" ] ||
  fail "csv race: bad header"

check_bad() {
    local expect=$1; shift
    err=$("$run" "$@" 2>&1 >/dev/null); status=$?
    [ "$status" -eq 2 ] || fail "'$*' exited $status, expected 2"
    printf '%s' "$err" | grep -q -- "$expect" || fail "'$*' did not name '$expect': $err"
}
check_bad "optimizer.learning_rate" lr=nan
check_bad "batch_size" batch=-3
check_bad "not a known name" opt=sgdd
check_bad "Unknown key" colour=blue
check_bad "hidden\[0\].width" net=100000:relu
check_bad "unknown option" --frobnicate
check_bad "epochs" --epochs -1
check_bad "race" 'race=data:circle,xor'
check_bad "more than 8 runs" 'race=seed:1,2,3,4,5,6,7,8,9,10'
# The notes on stderr follow --lang (or lang= in the link); lang is not an unknown key.
ko=$("$run" --epochs 3000 --lang ko data=xor noise=50 es=1 pat=1 2>&1 >/dev/null) || fail "--lang ko exited $?"
printf '%s' "$ko" | grep -q "조기 종료" || fail "--lang ko: no Korean early-stopping note: $ko"
"$run" --epochs 1 'v=1&data=xor&lang=ko' >/dev/null 2>&1 || fail "lang=ko in a link was refused"
"$run" --epochs 1 --lang fr data=xor >/dev/null 2>&1; [ $? -eq 2 ] || fail "--lang fr should exit 2"

# The user's CSV data: the page's split and normalisation, columns by name or number, and every
# problem of the file named with its line and column.
corpus=$(cd "$(dirname "$0")/../fuzz/corpus_csv" && pwd)
csvrun=$("$run" --epochs 2 --print-config --data-csv "$corpus/good_header.csv" 2>&1) || fail "--data-csv exited $?: $csvrun"
printf '%s\n' "$csvrun" | grep -q "config: v=1&data=csv" || fail "--data-csv: not data=csv: $csvrun"
[ "$(printf '%s\n' "$csvrun" | grep -c '"epoch"')" -eq 3 ] || fail "--data-csv: expected 3 epochs: $csvrun"
"$run" --epochs 1 --data-csv "$corpus/good_header.csv" --label 1 --inputs weight_g >/dev/null ||
  fail "--label 1 --inputs weight_g was refused"
nan=$("$run" --epochs 1 --data-csv "$corpus/nan_inf.csv" 2>&1 >/dev/null) || fail "nan_inf.csv exited $?"
printf '%s' "$nan" | grep -q 'Line 2, column 2: "NaN" is not a finite number' || fail "nan_inf.csv: NaN not named: $nan"
check_bad 'There is no column "colour"' --data-csv "$corpus/good_header.csv" --label colour
check_bad 'every label is "same"' --data-csv "$corpus/one_class.csv"
check_bad "5000 columns" --data-csv "$corpus/wide_5000.csv"
check_bad "data= must be csv" --data-csv "$corpus/good_header.csv" data=xor
check_bad "links do not carry them" data=csv

# A model saved after training starts the next run exactly where it ended; the history has a
# line per epoch; a bad model file exits 2 and says why.
tmp=$(mktemp -d)
saved=$("$run" --epochs 20 data=spiral net=6:relu opt=adam lr=0.01 --save-model "$tmp/m.json" --history-csv "$tmp/h.csv") ||
  fail "--save-model exited $?"
loaded=$("$run" --epochs 0 --load-model "$tmp/m.json") || fail "--load-model exited $?"
[ "$(printf '%s\n' "$saved" | tail -1 | sed 's/"epoch":[0-9]*,//')" = "$(printf '%s\n' "$loaded" | sed 's/"epoch":[0-9]*,//')" ] ||
  fail "a loaded model does not give the saved losses: $(printf '%s\n' "$saved" | tail -1) vs $loaded"
[ "$(wc -l < "$tmp/h.csv")" -eq 22 ] || fail "--history-csv: expected a header and 21 epochs: $(cat "$tmp/h.csv")"
head -1 "$tmp/h.csv" | grep -q "^run,name,epoch,train_loss,val_loss,test_loss" || fail "--history-csv: bad header"
printf '{"format": "nnp-model", "version": 7}' > "$tmp/bad.json"
check_bad "version 7; this page reads version 1" --load-model "$tmp/bad.json"
rm -rf "$tmp"

# Optimizer paths on a loss surface: six JSON lines, each path from the start; a bad surface, a
# start off the surface or a bad rate exit 2 and say why.
paths=$("$run" --surface rosenbrock --start -1.5,2 --steps 50) || fail "--surface exited $?"
[ "$(printf '%s\n' "$paths" | wc -l)" -eq 6 ] || fail "--surface: expected 6 optimizers' paths"
printf '%s\n' "$paths" | grep -q '^{"surface":"rosenbrock","optimizer":"adam",.*"steps":50,"diverged":false,"x":\[-1.5,' ||
  fail "--surface: no Adam path of 50 steps from -1.5: $(printf '%s\n' "$paths" | tail -1 | cut -c1-160)"
check_bad "is not a surface" --surface donut
check_bad "inside the surface's" --surface bowl --start 9,9
check_bad "surface-lr must be" --surface bowl --surface-lr nan

# The loss landscape after training: one JSON line with the grid (its centre the training loss)
# and, for pca, the projected path ending at the origin; an absurd grid is clamped and said.
land=$("$run" --epochs 20 data=xor net=5:tanh opt=adam lr=0.02 --landscape 7 --landscape-dirs pca | tail -1) ||
  fail "--landscape exited $?"
printf '%s' "$land" | grep -q '^{"landscape":"pca","n":7,"explained":\[' || fail "--landscape: no pca grid: ${land:0:120}"
printf '%s' "$land" | grep -q '"max_off_plane":' || fail "--landscape: no projected path"
printf '%s' "$land" | grep -q '"a":\[[^]]*,0\],"b":\[[^]]*,0\]' || fail "--landscape: the path does not end at the origin"
clamped=$("$run" --epochs 1 data=xor --landscape 10000 2>&1 >/dev/null)
printf '%s' "$clamped" | grep -q "clamped to 51" || fail "--landscape 10000 was not clamped and named: $clamped"
check_bad "random or pca" --landscape 5 --landscape-dirs foo

# Backpropagation on one training sample: one JSON line, a layer per dense layer, with the
# forward values, the gradients and the update.
bp=$("$run" --epochs 2 data=xor net=3:tanh --backprop 4 | tail -1) || fail "--backprop exited $?"
printf '%s' "$bp" | grep -q '^{"backprop":4,"loss":"bce","loss_value":' || fail "--backprop: no walk: ${bp:0:120}"
[ "$(printf '%s' "$bp" | grep -o '"layer":' | wc -l)" -eq 2 ] || fail "--backprop: expected 2 layers: ${bp:0:200}"
printf '%s' "$bp" | grep -q '"dl_dw":\[[^]]*\],"dl_db":' || fail "--backprop: no weight gradients"
printf '%s' "$bp" | grep -q '"w_after":\[' || fail "--backprop: no update"
check_bad "not a training sample" --epochs 0 data=xor --backprop 100000
check_bad "training sample's number" --backprop -3

# Ensembles: bagging prints the start and every epoch, boosting every learner added, each line
# with the ensemble's numbers and its members' mean.
bag=$("$run" --epochs 2 data=moons noise=30 ens=bagging members=3) || fail "bagging exited $?"
[ "$(printf '%s\n' "$bag" | wc -l)" -eq 3 ] || fail "bagging: expected 3 lines, got: $bag"
printf '%s' "$bag" | tail -1 | grep -q '^{"epoch":2,"members":3,"train_loss":.*"members_mean_test_accuracy":' ||
  fail "bagging: no members_mean_* fields: $bag"
boost=$("$run" data=xor noise=10 net=2:tanh ens=boosting members=3 lepochs=20) || fail "boosting exited $?"
printf '%s' "$boost" | head -1 | grep -q '^{"epoch":1,"members":1,.*"alpha":[0-9.e-]*,"error":' ||
  fail "boosting: no alpha and error: $boost"
bagcsv=$("$run" --epochs 0 --format csv ens=bagging members=2) || fail "csv bagging exited $?"
[ "$(printf '%s\n' "$bagcsv" | head -1)" = "epoch,members,train_loss,test_loss,train_accuracy,test_accuracy,members_mean_train_loss,members_mean_test_loss,members_mean_train_accuracy,members_mean_test_accuracy" ] ||
  fail "csv bagging: bad header: $bagcsv"
check_bad "members" ens=bagging members=99
check_bad "Boosting (SAMME)" data=reg-plane ens=boosting
check_bad "ens" ens=voting
# Stacking: the race's runs are the base learners; every line has the meta-learner's weight for
# each; unknown base learners are named.
stack=$("$run" --epochs 3 data=moons noise=30 ens=stacking race=act:tanh,relu folds=3) || fail "stacking exited $?"
[ "$(printf '%s\n' "$stack" | wc -l)" -eq 4 ] || fail "stacking: expected 4 lines, got: $stack"
printf '%s' "$stack" | tail -1 | grep -q '^{"epoch":3,"members":2,.*"members_mean_test_accuracy":[0-9.e-]*,"meta_weights":\[[0-9.e-]*,[0-9.e-]*\]}$' ||
  fail "stacking: no meta_weights: $stack"
stackcsv=$("$run" --epochs 0 --format csv ens=stacking | head -1) || fail "csv stacking exited $?"
printf '%s' "$stackcsv" | grep -q 'members_mean_test_accuracy,meta_weight_1,meta_weight_2,meta_weight_3$' ||
  fail "csv stacking: bad header: $stackcsv"
check_bad "not a setting a race can vary" ens=stacking race=wings:1,2

echo "run_cli_test: all passed"

