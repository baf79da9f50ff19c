#!/usr/bin/env bash
# Whole-process throughput of `keyward scan` (release build) on a real third-party source tree:
# one worker thread, then the default (one per CPU). Reports MB/s of wall time and of CPU time
# (user + sys). On a busy machine the wall figure is a lower bound; the CPU figure is close to
# what an idle core would do.
#
# Usage: bench/cli-throughput.sh [TREE] [RUNS]
#   TREE  default: the crate sources under ~/.cargo/registry/src (vendored Rust, C, docs, data)
#   RUNS  timed runs per configuration, default 5; the best and the median are reported
set -euo pipefail
cd "$(dirname "$0")/.."

tree="${1:-$HOME/.cargo/registry/src}"
runs="${2:-5}"
[[ -d "$tree" ]] || { echo "bench: no folder $tree" >&2; exit 2; }

cargo build --release -p keyward-cli --quiet
bin="$PWD/target/release/keyward"
# The whole tree: nothing skipped by .gitignore files, no size limit in the way.
scan=("$bin" scan --no-ignore --max-file-size 1G "$tree")

# Runs a scan; exit 1 (findings) is expected, 2 is not. Prints keyward's summary line.
run() {
  local status=0 summary
  summary=$("${scan[@]}" "$@" 2>&1 >/dev/null | tail -n 1) || status=$?
  [[ $status -le 1 ]] || { echo "bench: keyward failed: $summary" >&2; exit 2; }
  echo "$summary"
}

# An untimed run warms the page cache and says how much text keyward reads.
summary=$(run)
mb=$(sed -E 's/.*\(([0-9.]+) MB\).*/\1/' <<<"$summary")
echo "tree:    $tree ($(du -sh "$tree" | cut -f1) on disk, $(find "$tree" -type f | wc -l) files)"
echo "scanned: ${summary#keyward: }"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary:  $("$bin" --version), $("$bin" rules | wc -l) rules"

# Times one configuration RUNS times: best and median MB/s, by wall and by CPU time.
measure() {
  local label="$1"; shift
  local walls=() cpus=() wall user sys times
  times=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$times" -f '%e %U %S' "${scan[@]}" "$@" >/dev/null 2>&1 || true
    read -r wall user sys < <(tail -n 1 "$times")
    walls+=("$wall")
    cpus+=("$(python3 -c "print($user + $sys)")")
  done
  rm -f "$times"
  python3 - "$label" "$mb" "${walls[*]}" "${cpus[*]}" <<'PY'
import statistics, sys
label, mb = sys.argv[1], float(sys.argv[2])
def rate(times):
    times = sorted(max(float(t), 0.01) for t in times)
    return f"best {mb / times[0]:6.0f} MB/s, median {mb / statistics.median(times):6.0f} MB/s"
print(f"{label:<16} wall: {rate(sys.argv[3].split())}   cpu: {rate(sys.argv[4].split())}")
PY
}

measure "--threads 1" --threads 1
measure "default threads"
