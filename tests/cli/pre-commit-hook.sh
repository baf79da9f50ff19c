#!/usr/bin/env bash
# The pre-commit framework runs keyward's hooks (.pre-commit-hooks.yaml at this repo's HEAD) in a
# throwaway repository: a commit that stages a key is blocked, the same commit without it goes
# through, and `keyward-files` checks the work tree with `pre-commit run --all-files`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
pre_commit="${KEYWARD_TOOLS_DIR:-$HOME/.cache/keyward-tools}/pre-commit/bin/pre-commit"
[[ -x "$pre_commit" ]] || { echo "pre-commit-hook: $pre_commit missing (run make tools)" >&2; exit 1; }

cargo build --quiet -p keyward-cli --manifest-path "$repo/Cargo.toml"
work=$(mktemp -d)
export PRE_COMMIT_HOME="$work/cache" PATH="$repo/target/debug:$PATH"
trap 'rm -rf "$work"' EXIT
fail() { echo "pre-commit-hook: FAIL: $*" >&2; exit 1; }

# A checksum-valid GitHub classic token, built here so none sits in the repo.
token=$(python3 -c '
import random, zlib
digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
body = "".join(random.Random(7).choice(digits) for _ in range(30))
crc, check = zlib.crc32(body.encode()), ""
for _ in range(6):
    crc, digit = divmod(crc, 62)
    check = digits[digit] + check
print("gh" + "p_" + body + check)')

cd "$work" && mkdir project && cd project
git init -q
git config user.name keyward && git config user.email keyward@example.invalid && git config commit.gpgsign false
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $(git -C "$repo" rev-parse HEAD)
    hooks:
      - id: keyward
      - id: keyward-files
        stages: [manual]
YAML
"$pre_commit" install --install-hooks >/dev/null

printf 'const octokit = new Octokit({ auth: "%s" });\n' "$token" > app.js
git add .pre-commit-config.yaml app.js
if git commit -q -m "add app" >"$work/blocked.log" 2>&1; then fail "a commit with a staged key went through"; fi
grep -q "app.js:1:38: github-pat-classic (high)" "$work/blocked.log" || { cat "$work/blocked.log"; fail "no finding in the hook output"; }
if grep -q "$token" "$work/blocked.log"; then fail "the hook printed the secret"; fi

printf 'const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });\n' > app.js
git add app.js
git commit -q -m "add app" >"$work/clean.log" 2>&1 || { cat "$work/clean.log"; fail "a clean commit was blocked"; }

printf 'token = "%s"\n' "$token" > notes.txt && git add notes.txt
if "$pre_commit" run keyward-files --hook-stage manual --all-files >"$work/files.log" 2>&1; then cat "$work/files.log"; fail "keyward-files passed a file with a key"; fi
grep -q "notes.txt:1:10: github-pat-classic" "$work/files.log" || { cat "$work/files.log"; fail "keyward-files did not report notes.txt"; }
echo "pre-commit-hook: ok (blocked a staged key, passed a clean commit, keyward-files reported a work-tree key)"
