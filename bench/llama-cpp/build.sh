#!/usr/bin/env bash
# Builds llama.cpp's own benchmark tools (llama-bench, llama-batched-bench, llama-server) from the exact source
# that node-llama-cpp@3.22.1 ships, so the Airgap bench compares against the same llama.cpp the issue names
# rather than whatever release happens to be newest. Only the npm registry is needed; the build itself is offline.
#   bench/llama-cpp/build.sh [DIR]       (default /work/llama-cpp; binaries end up in DIR/bin)
# Environment: JOBS (default 2), NICE (default 19) — the build shares a small machine with other work.
set -euo pipefail

dir="${1:-/work/llama-cpp}"
jobs="${JOBS:-2}"
niceness="${NICE:-19}"
package="node-llama-cpp@3.22.1"

if ! command -v cmake >/dev/null; then
  # Debian/Ubuntu only; elsewhere install cmake by hand.
  if [ "$(id -u)" = 0 ]; then apt-get install -y cmake; else sudo apt-get install -y cmake; fi
fi
for tool in npm git tar c++; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is required" >&2; exit 1; }
done

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
cd "$dir"

# npm pack prints the tarball's name on its last line; keep it rather than guess the name.
if [ ! -f package/llama/gitRelease.bundle ]; then
  tarball="$(npm pack "$package" --silent | tail -n 1)"
  tar -xzf "$tarball" package/llama/gitRelease.bundle package/llama/binariesGithubRelease.json
fi

if [ ! -d source/.git ]; then
  git -c advice.detachedHead=false clone --quiet package/llama/gitRelease.bundle source
fi
echo "llama.cpp source: commit $(git -C source rev-parse --short HEAD)," \
  "$(tr -d ' \n' < package/llama/binariesGithubRelease.json 2>/dev/null || echo 'release unknown')"

# CURL off: the tools never download anything here. Native: llama.cpp tuned for this CPU, the strongest baseline
# it offers, rather than a portable build Airgap could beat for the wrong reason. Static, so DIR/bin is self-contained.
# cmake warns "UI: no assets available": offline there is no web UI to embed, and the bench runs --no-webui.
nice -n "$niceness" cmake -S source -B build -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
  -DBUILD_SHARED_LIBS=OFF
nice -n "$niceness" cmake --build build -j "$jobs" --target llama-bench llama-batched-bench llama-server

# llama.cpp fixes its own output folder (build/bin); copies in DIR/bin give the bench one stable path.
mkdir -p bin
for binary in llama-bench llama-batched-bench llama-server; do
  [ -x "build/bin/$binary" ] || { echo "build.sh: build/bin/$binary was not built" >&2; exit 1; }
  install -m 755 "build/bin/$binary" "bin/$binary"
done
echo "built: $dir/bin (pass --llama-cpp $dir/bin to the bench)"
