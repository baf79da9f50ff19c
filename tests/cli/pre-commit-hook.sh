#!/usr/bin/env bash
# The real pre-commit framework runs keyward's hooks from a fresh clone of this repository that
# has its own tag v0.2.0, as a user's `.pre-commit-config.yaml` with `rev: v0.2.0` would:
# - `keyward` (language: rust) builds keyward with `cargo install --path .` in pre-commit's clone;
#   a commit adding a key is blocked, a clean commit passes, renaming a file that holds an old
#   key passes, and `pre-commit run --all-files` fails while a key is committed;
# - `keyward-system` runs the keyward on PATH (this tree's debug build) the same way.
# pre-commit's `cargo install` builds go to a cached target folder (KEYWARD_HOOK_TARGET, default
# ~/.cache/keyward-tools/pre-commit-target), offline (the crates are in ~/.cargo from the
# workspace build), unoptimized: the hook works the same and builds several times faster
# (timings in docs/cli.md). pre-commit runs `cargo install` without `--locked`, so cargo picks
# the newest cached version of each dependency: when those change, everything recompiles.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tools="${KEYWARD_TOOLS_DIR:-$HOME/.cache/keyward-tools}"
pre_commit="$tools/pre-commit/bin/pre-commit"
[[ -x "$pre_commit" ]] || { echo "pre-commit-hook: $pre_commit missing (run make tools)" >&2; exit 1; }

cargo build --quiet --bin keyward --manifest-path "$repo/Cargo.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" CARGO_TARGET_DIR="${KEYWARD_HOOK_TARGET:-$tools/pre-commit-target}" \
  CARGO_NET_OFFLINE=true CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0
# Identity and settings through the environment: nothing is written to any git config.
export GIT_AUTHOR_NAME=keyward GIT_AUTHOR_EMAIL=keyward@example.invalid GIT_COMMITTER_NAME=keyward \
  GIT_COMMITTER_EMAIL=keyward@example.invalid GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=commit.gpgsign GIT_CONFIG_VALUE_0=false
fail() { echo "pre-commit-hook: FAIL: $*" >&2; exit 1; }
seconds() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(seconds)"; }

# The clone under test: this repository's HEAD, tagged v0.2.0 in the clone only (moving the
# repository's own v0.2.0, which the clone copied and may point at an older commit).
git clone -q --no-checkout "$repo" "$work/clone"
git -C "$work/clone" tag -f v0.2.0 "$(git -C "$repo" rev-parse HEAD)" > /dev/null

token=$(python3 "$repo/tests/cli/github-token.py" 7)
settings=$(for i in $(seq 1 20); do echo "OPTION_$i = $i"; done)

# A new project using hook `$1`, in $work/projects/$1 (the current folder afterwards).
project() {
  mkdir -p "$work/projects/$1"
  cd "$work/projects/$1"
  [[ "$(pwd)" == "$work/projects/$1" ]] || fail "not in the scratch project"
  git init -q
  printf 'repos:\n  - repo: %s\n    rev: v0.2.0\n    hooks:\n      - id: %s\n' "$work/clone" "$1" > .pre-commit-config.yaml
}

check_hook() { # $1: hook id
  local hook=$1 log="$work/$1.log" started
  project "$hook"
  started=$(seconds)
  "$pre_commit" install --install-hooks >"$log" 2>&1 || { cat "$log"; fail "$hook: install failed"; }
  echo "pre-commit-hook: $hook: installed in $(elapsed "$started")"

  printf 'const octokit = new Octokit({ auth: "%s" });\n' "$token" > app.js
  git add .pre-commit-config.yaml app.js
  started=$(seconds)
  if git commit -q -m "add app" >"$log" 2>&1; then fail "$hook: a commit adding a key went through"; fi
  echo "pre-commit-hook: $hook: commit blocked in $(elapsed "$started")"
  grep -q "app.js:1:38: .* github-pat-classic (high confidence)" "$log" || { cat "$log"; fail "$hook: no finding in the output"; }
  grep -q "git commit --no-verify" "$log" || { cat "$log"; fail "$hook: the blocking message does not say how to bypass"; }
  if grep -q "$token" "$log"; then fail "$hook: the hook printed the secret"; fi

  printf 'const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });\n' > app.js
  git add app.js
  git commit -q -m "add app" >"$log" 2>&1 || { cat "$log"; fail "$hook: a clean commit was blocked"; }

  # A key committed anyway (bypassing the hook), then the file renamed and edited elsewhere:
  # the commit adds no secret and passes.
  printf 'TOKEN = "%s"\n%s\n' "$token" "$settings" > config.py
  git add config.py && git commit -q --no-verify -m "legacy config"
  git mv config.py settings.py && printf 'DEBUG = True\n' >> settings.py && git add settings.py
  started=$(seconds)
  git commit -q -m "rename" >"$log" 2>&1 || { cat "$log"; fail "$hook: a rename of a committed key was blocked"; }
  echo "pre-commit-hook: $hook: clean commit passed in $(elapsed "$started")"

  if "$pre_commit" run --all-files >"$log" 2>&1; then cat "$log"; fail "$hook: --all-files passed with a committed key"; fi
  grep -q "settings.py:1:10: .* github-pat-classic" "$log" || { cat "$log"; fail "$hook: --all-files did not report settings.py"; }
}

check_hook keyward
PATH="$repo/target/debug:$PATH" check_hook keyward-system
echo "pre-commit-hook: ok (both hooks: blocked an added key, passed a clean commit and a rename of a committed key, failed --all-files on a committed key)"
