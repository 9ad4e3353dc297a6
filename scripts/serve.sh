#!/usr/bin/env bash
# README command 1: installs whatever is missing (scripts/setup.sh), builds the web preset and
# serves build/web/site on http://127.0.0.1:$PORT (default 8000, this machine only) until Ctrl+C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's node tools need Debian's acorn from here
port=${PORT:-8000}

scripts/setup.sh
cmake --preset web --log-level=WARNING
cmake --build --preset web

site="$root/build/web/site"
if [ ! -f "$site/index.html" ]; then
  echo "serve.sh: $site/index.html was not built (are the Dear ImGui sources in .cache/imgui? see scripts/setup.sh)" >&2
  exit 1
fi
# Python's http.server sends .wasm as application/wasm (needed for streaming compilation).
echo "serve.sh: open http://127.0.0.1:$port/   (serving $site; Ctrl+C stops)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port"
