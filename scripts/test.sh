#!/usr/bin/env bash
# README command 2: installs whatever is missing (scripts/setup.sh), then configures, builds and
# runs every test of both presets: "native" (core tests, runner, desktop app) and "web" (the core
# tests as WebAssembly under node, the web pages). End-to-end tests run too when the app has
# registered them with ctest. A failing preset does not stop the other one from being tested,
# but any failure makes the exit code non-zero. A second run only rebuilds what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's node tools need Debian's acorn from here

scripts/setup.sh --app

failed=()
step() {  # step NAME COMMAND...: runs COMMAND, remembers NAME if it fails
  local name=$1; shift
  echo "== $name"
  "$@" || { failed+=("$name"); return 1; }
}
for preset in native web; do
  # Build and test presets set -j2 (two cores) and --output-on-failure.
  step "configure $preset" cmake --preset "$preset" --log-level=WARNING &&
    step "build $preset" cmake --build --preset "$preset" &&
    step "test $preset" ctest --preset "$preset" || true
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "test.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "test.sh: all tests passed (native and web)"
