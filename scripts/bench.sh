#!/usr/bin/env bash
# The benchmark command of the README: installs what is missing (scripts/setup.sh), builds
# nnp_bench natively (g++, -march=native, in its own build/bench-native) and for the web
# (Emscripten, run under node) and runs them one after the other, then prints one table with
# both variants side by side; then builds
# the web app and measures the page in headless Chromium (bench/browser_bench.mjs: page weight,
# time to first frame, frames/s while training). NNP_BENCH_BROWSER=0 skips the browser part.
# Usage: scripts/bench.sh [--quick]   (arguments go to nnp_bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's node tools need Debian's acorn from here

scripts/setup.sh

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for preset in native web; do
  echo "== build $preset (nnp_bench)" >&2
  if [ "$preset" = native ]; then
    # Natively the benchmark is built for this very CPU (-march=native), in its own folder, so
    # it shows the machine's limit while build/native (tests, app) keeps the portable default.
    cmake --preset native -B build/bench-native -DNNP_NATIVE_ARCH=ON --log-level=WARNING >&2
    cmake --build build/bench-native --target nnp_bench -j 2 >&2
  else
    cmake --preset "$preset" --log-level=WARNING >&2
    cmake --build --preset "$preset" --target nnp_bench >&2
  fi
  echo "== run $preset" >&2
  if [ "$preset" = native ]; then
    build/bench-native/nnp_bench --tsv "$@" >"$out/$preset.tsv" || status=1
  else
    node --no-experimental-fetch build/web/nnp_bench.js --tsv "$@" >"$out/$preset.tsv" || status=1
  fi
done

# One table: the header lines of each variant, then per row "median (min..max)" of both.
awk -F'\t' '
  function cell(m, lo, hi) {
    if (m == "") return "-";
    f = (m + 0 >= 100) ? "%.0f" : "%.3f";
    return sprintf(f " (" f ".." f ")", m, lo, hi);
  }
  FNR == 1 { variant = (FILENAME ~ /native/) ? "native" : "web" }
  /^#/ { print "# " variant " " $2; next }
  $2 == "refused" { refused[$1] = refused[$1] " " variant ": refused (" $3 ")"; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 SUBSEP "refused" } ; next }
  {
    key = $1 SUBSEP $2
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    val[key, variant] = cell($3, $4, $5)
  }
  END {
    printf "\n%-36s %-10s %-36s %-36s\n", "row", "unit", "native median (min..max)", "web (node) median (min..max)"
    for (i = 1; i <= n; ++i) {
      split(order[i], k, SUBSEP)
      if (k[2] == "refused") { printf "%-36s%s\n", k[1], refused[k[1]]; continue }
      nat = ((order[i], "native") in val) ? val[order[i], "native"] : "-"
      web = ((order[i], "web") in val) ? val[order[i], "web"] : "-"
      printf "%-36s %-10s %-36s %-36s\n", k[1], k[2], nat, web
    }
  }' "$out/native.tsv" "$out/web.tsv"

# The in-browser half: the app's page in headless Chromium (bench/browser_bench.mjs).
if [ "${NNP_BENCH_BROWSER:-1}" = 1 ]; then
  scripts/setup.sh --app
  echo "== build web (playground)" >&2
  cmake --build --preset web --target playground >&2
  echo "== run the page in headless Chromium" >&2
  echo
  node bench/browser_bench.mjs build/web/site "$@" || status=1
fi
[ "$status" -eq 0 ] || echo "bench.sh: a run failed (see the messages above)" >&2
exit "$status"
