#!/usr/bin/env bash
# make test-npm: packs the built package, installs the tarball into a scratch project, and runs the
# node tests against that install, not against the sources. Arguments: test files (default: all).
# The tests' scratch folders go under the run's own temporary folder, removed at exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The tests' own tools, pinned by package-lock.json: typescript, @types/node and
# @arethetypeswrong/cli for the declarations, esbuild, smol-toml, husky and lint-staged
# (skipped when node_modules is newer than the lockfile).
(cd "$here" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; })
# The native CLI whose output the npm CLI must match.
(cd "$root" && cargo build -q -p keyward-cli)

(cd "$root/packages/keyward" && npm pack --json --pack-destination "$work" > "$work/pack.json")
tarball="$work/$(node -p 'require(process.argv[1])[0].filename' "$work/pack.json")"
echo "npm pack: $(basename "$tarball") ($(stat -c %s "$tarball") bytes)"

mkdir "$work/project"
echo '{ "name": "consumer", "private": true }' > "$work/project/package.json"
# --prefer-offline: the package's dependencies (smol-toml, ignore) come from npm's cache when there.
(cd "$work/project" && npm install --no-audit --no-fund --prefer-offline "$tarball" > /dev/null)

TMPDIR="$work" KEYWARD_PROJECT="$work/project" KEYWARD_PACK_JSON="$work/pack.json" KEYWARD_TARBALL="$tarball" \
  KEYWARD_NATIVE_CLI="${KEYWARD_NATIVE_CLI:-${CARGO_TARGET_DIR:-$root/target}/debug/keyward}" TSC="$here/node_modules/.bin/tsc" \
  TYPES_ROOT="$here/node_modules/@types" \
  node --test --test-concurrency=2 "${@:-$here/}"
