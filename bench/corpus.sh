#!/usr/bin/env bash
# Assembles the throughput corpus: >= 500 MB of real third-party source, the same on every machine
# after `make tools`. It is a tree of hard links (no extra disk space) to three pinned sources:
#   npm/          the npm-installed tools of scripts/setup-tools.sh (binaryen, playwright-core, vsce)
#   code-server/  code-server's node_modules (VS Code: minified bundles, source maps, TypeScript)
#   crates/       the source of every crate in keyward's Cargo.lock (`cargo fetch --locked` first)
# Versions are pinned by setup-tools.sh and Cargo.lock, so the tree depends on nothing else on the
# machine (unlike ~/.cargo/registry/src, which grows as crates are fetched). The manifest line
# (files, bytes, a hash of every path and size) says whether two corpora are the same.
#
# Usage: bench/corpus.sh [DEST]   (default ~/.cache/keyward-bench/corpus); prints DEST on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:-$HOME/.cache/keyward-bench/corpus}"
tools="${KEYWARD_TOOLS_DIR:-$HOME/.cache/keyward-tools}"
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"

for tree in "$tools/npm/node_modules" "$tools/code-server/node_modules"; do
  [[ -d "$tree" ]] || { echo "corpus: $tree is missing: run \`make tools\` first" >&2; exit 2; }
done

# Crate directories named by Cargo.lock (registry packages only: path crates have no checksum).
crates=$(awk '/^\[\[package\]\]/{n=v=""} /^name = /{n=$3} /^version = /{v=$3} /^checksum = /{gsub(/"/,"",n); gsub(/"/,"",v); print n"-"v}' Cargo.lock | sort -u)
lock_hash=$(sha256sum Cargo.lock | cut -c1-16)
want="$(cat "$tools/npm/.installed" "$tools/code-server/.installed" 2>/dev/null | tr '\n' ' ')cargo-lock:$lock_hash"

if [[ "$(cat "$dest/.sources" 2>/dev/null)" != "$want" ]]; then
  cargo fetch --locked --quiet
  echo "corpus: building $dest from $want" >&2
  rm -rf "$dest"
  mkdir -p "$dest/crates"
  cp -al "$tools/npm/node_modules" "$dest/npm"
  cp -al "$tools/code-server/node_modules" "$dest/code-server"
  while read -r crate; do
    source=$(ls -d "$registry"/*/"$crate" 2>/dev/null | head -n 1)
    [[ -n "$source" ]] || { echo "corpus: crate $crate not in $registry after cargo fetch" >&2; exit 2; }
    cp -al "$source" "$dest/crates/$crate"
  done <<<"$crates"
  # Fixed contents from here on: nothing keeps a .git folder or ignore file the scanners would treat specially.
  echo "$want" > "$dest/.sources"
fi

manifest=$(cd "$dest" && find . -type f ! -name .sources -printf '%p %s\n' | LC_ALL=C sort)
files=$(wc -l <<<"$manifest")
bytes=$(awk '{s += $2} END {print s}' <<<"$manifest")
echo "corpus: $dest: $files files, $((bytes / 1000000)) MB, manifest $(sha256sum <<<"$manifest" | cut -c1-16)" >&2
echo "$dest"
