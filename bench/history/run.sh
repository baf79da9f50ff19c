#!/usr/bin/env bash
# `keyward history` against the pipe it replaces, `git log -p --all | keyward scan -`, on a
# repository of >= 10,000 commits built offline by build-repo.py (built once, then reused).
# Runs alternate A/B RUNS times; prints each run's wall and CPU (user + sys) seconds and medians.
# Usage: bench/history/run.sh [REPO] [RUNS]   (REPO default: /tmp/keyward-history-bench/repo)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
repo=${1:-/tmp/keyward-history-bench/repo}
runs=${2:-3}
[[ -d "$repo/.git" ]] || { mkdir -p "$(dirname "$repo")"; "$root/bench/history/build-repo.py" "$repo"; }
cargo build --release --quiet --bin keyward --manifest-path "$root/Cargo.toml"
keyward="$root/target/release/keyward"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "repository: $repo: $(git -C "$repo" rev-list --all | wc -l) commits, $(git -C "$repo" count-objects -vH | sed -n 's/size-pack: //p') packed"
# Warm the page cache (both read the same pack).
git -C "$repo" log -p --all > /dev/null

measure() { # name, command...: appends "wall cpu" to $out/name
  local name=$1; shift
  # Exit status 1 (findings) is expected.
  /usr/bin/time -f "%e %U %S" -o "$out/time" bash -c "$*" 2> "$out/$name.stderr" || true
  tail -n 1 "$out/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }' >> "$out/$name"
}
for _ in $(seq "$runs"); do
  measure history "'$keyward' history '$repo' -f json -o '$out/history.json'"
  measure pipe "git -C '$repo' log -p --all | '$keyward' scan - --max-file-size 100G -f json -o '$out/pipe.json'"
  measure history-j1 "'$keyward' history -j 1 '$repo' -f json -o /dev/null"
  measure git-log-p "git -C '$repo' log -p --all > /dev/null"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for name in history history-j1 pipe git-log-p; do
  printf '%-11s wall %s s, cpu %s s (median of %s; runs: %s)\n' "$name" \
    "$(cut -d' ' -f1 "$out/$name" | median)" "$(cut -d' ' -f2 "$out/$name" | median)" "$runs" "$(tr '\n' ' ' < "$out/$name")"
done
grep -h "history:\|finding\|no findings" "$out/history.stderr" "$out/pipe.stderr" | sed 's/^/  /'
python3 - "$out/history.json" "$out/pipe.json" <<'PY'
import json, sys
history, pipe = (json.load(open(p)) for p in sys.argv[1:])
print(f"  history: {len(history)} findings, {len({f['fingerprint'] for f in history})} distinct secrets, each with its commit")
print(f"  pipe:    {len(pipe)} findings, {len({f['fingerprint'] for f in pipe})} distinct secrets, at <stdin> lines of the log")
PY
