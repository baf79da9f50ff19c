#!/usr/bin/env bash
# action.yml's steps run as GitHub's runner runs them (tests/cli/run-action.py): keyward is built
# from this repository with `cargo install --locked --path`, a checkout with a key fails the step
# with a SARIF report (security-severity on the rule) and a pull-request annotation, a clean one
# passes, `fail-on-findings: false` reports without failing, and `history` scans a commit range.
# The build goes to a cached target folder (KEYWARD_HOOK_TARGET, shared with the pre-commit test).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tools="${KEYWARD_TOOLS_DIR:-$HOME/.cache/keyward-tools}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The action installs into $HOME/.cache/keyward-action: a scratch HOME, the real cargo and rustup.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
# Built like the pre-commit test's hook (cached target folder, offline, no LTO): see there.
export CARGO_TARGET_DIR="${KEYWARD_HOOK_TARGET:-$tools/pre-commit-target}" HOME="$work/home" \
  CARGO_NET_OFFLINE=true CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0
# Identity and settings through the environment: nothing is written to any git config.
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid \
  GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=commit.gpgsign GIT_CONFIG_VALUE_0=false
fail() { echo "action: FAIL: $*" >&2; exit 1; }
# PyYAML comes with the pre-commit venv that setup-tools.sh installs.
python="$tools/pre-commit/bin/python3"
[[ -x "$python" ]] || { echo "action: $python missing (run make tools)" >&2; exit 1; }
run_action() { "$python" "$repo/tests/cli/run-action.py" "$repo" "$@"; }

token=$(python3 "$repo/tests/cli/github-token.py" 8)

mkdir "$work/checkout"
cd "$work/checkout"
[[ "$(pwd)" == "$work/checkout" ]] || fail "not in the scratch checkout"
git init -q
echo "# app" > README.md && git add . && git commit -q -m base
printf 'const octokit = new Octokit({ auth: "%s" });\n' "$token" > app.js
git add . && git commit -q -m "add app"

if run_action >"$work/out" 2>"$work/err"; then cat "$work/out" "$work/err"; fail "a checkout with a key passed"; fi
grep -q '^::error file=app.js,line=1,endLine=1,col=38,endColumn=78,title=keyward%3A github-pat-classic::' "$work/out" \
  || { cat "$work/out" "$work/err"; fail "no annotation"; }
if grep -q "$token" "$work/out" "$work/err" keyward.sarif; then fail "the secret was printed"; fi
python3 - keyward.sarif <<'PY' || fail "bad SARIF"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert [r["ruleId"] for r in run["results"]] == ["github-pat-classic"], run["results"]
rule = run["tool"]["driver"]["rules"][0]
assert rule["properties"]["security-severity"] in ("9.5", "8.0"), rule
assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.js"
PY
[[ "$(tail -n 1 "$work/out")" == '{"scan.sarif-file": "keyward.sarif", "scan.findings": "1"}' ]] || fail "outputs: $(tail -n 1 "$work/out")"

run_action fail-on-findings=false annotations=false sarif-file=report.sarif >"$work/out" 2>"$work/err" \
  || { cat "$work/out" "$work/err"; fail "fail-on-findings=false failed"; }
if grep -q '^::error' "$work/out"; then fail "annotations=false printed annotations"; fi
[[ -s report.sarif ]] || fail "no report.sarif"

run_action paths=README.md >"$work/out" 2>"$work/err" || { cat "$work/out" "$work/err"; fail "a clean path failed"; }
[[ "$(tail -n 1 "$work/out")" == '{"scan.sarif-file": "keyward.sarif", "scan.findings": "0"}' ]] || fail "clean outputs: $(tail -n 1 "$work/out")"

# History: what HEAD~1..HEAD adds, after the key was deleted from the work tree.
git rm -q app.js && git commit -q -m "remove app"
run_action paths=. >"$work/out" 2>&1 || fail "the cleaned checkout failed"
if run_action history=HEAD~2..HEAD >"$work/out" 2>"$work/err"; then cat "$work/out" "$work/err"; fail "history passed"; fi
grep -q '^::error file=app.js,line=1,' "$work/out" || { cat "$work/out" "$work/err"; fail "history: no annotation"; }
run_action history=HEAD~1..HEAD >"$work/out" 2>"$work/err" || { cat "$work/out" "$work/err"; fail "history of the removal failed"; }
if run_action args=--no-such-flag >"$work/out" 2>"$work/err"; then fail "a bad argument passed"; fi
grep -q "::error title=keyward::keyward failed (exit status 2)" "$work/out" || { cat "$work/out" "$work/err"; fail "no error annotation"; }
echo "action: ok (built with cargo install --locked; key found with SARIF + annotation; clean path, fail-on-findings=false and history ranges behave)"
