#!/usr/bin/env bash
# README command 1: installs whatever is missing (scripts/setup.sh), builds the web preset and
# serves build/web/site on http://127.0.0.1:$PORT (default 8000, this machine only) until Ctrl+C.
# The page is the app (index.html) once it exists, else the engine demo (demo.html).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's node tools need Debian's acorn from here
port=${PORT:-8000}

scripts/setup.sh
cmake --preset web --log-level=WARNING
cmake --build --preset web

site="$root/build/web/site"
page=demo.html
[ -f "$site/index.html" ] && page=""
# Python's http.server sends .wasm as application/wasm (needed for streaming compilation).
echo "serve.sh: open http://127.0.0.1:$port/$page   (serving $site; Ctrl+C stops)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port"
