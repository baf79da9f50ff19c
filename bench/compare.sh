#!/usr/bin/env bash
# keyward against ripgrep and Kingfisher on the same >= 500 MB tree of real third-party source
# (bench/corpus.sh), one thread each, alternated in one run so machine load hits all alike:
#   rg -j1 -uuu --count LITERAL     the floor: walk, read and one SIMD literal search
#   keyward scan -j1                the whole tree (nothing ignored, no size limit)
#   kingfisher scan -j 1            skipped with a message when not installed
# Prints each run, the medians (wall and CPU), peak RSS, and keyward's ratios to both.
# Then keyward with the default threads, for its peak RSS.
#
# Usage: bench/compare.sh [RUNS] [TREE]   (RUNS default 5; TREE default: bench/corpus.sh's)
# Env:   RG_LITERAL (default `sk_live_`), KINGFISHER (path; default: PATH, then
#        ~/.cache/keyward-bench/kingfisher/bin, where `python3 -m venv ... && pip install
#        kingfisher-bin` puts it), KEYWARD (a keyward binary; default: build the release CLI).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
tree="${2:-$(bench/corpus.sh)}"
literal="${RG_LITERAL:-sk_live_}"
if [[ -z "${KEYWARD:-}" ]]; then
  cargo build --release -p keyward-cli --quiet
  KEYWARD="$PWD/target/release/keyward"
fi
kingfisher="${KINGFISHER:-$(command -v kingfisher || echo "$HOME/.cache/keyward-bench/kingfisher/bin/kingfisher")}"

commands=(rg keyward)
declare -A cmd=(
  [rg]="rg -j1 -uuu --count -- $literal $tree"
  [keyward]="$KEYWARD scan -j1 --no-ignore --max-file-size 1G -f json $tree"
  [keyward-all-threads]="$KEYWARD scan --no-ignore --max-file-size 1G -f json $tree"
  [kingfisher]="$kingfisher scan $tree -j 1 --no-validate --no-update-check -f json"
)
if [[ -x "$kingfisher" ]]; then
  commands+=(kingfisher)
else
  echo "kingfisher: not installed, skipped (python3 -m venv ~/.cache/keyward-bench/kingfisher && ~/.cache/keyward-bench/kingfisher/bin/pip install kingfisher-bin)"
fi

echo "tree:    $tree ($(find "$tree" -type f | wc -l) files, $(du -s --apparent-size -BM "$tree" | cut -f1))"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "keyward: $("$KEYWARD" --version), $("$KEYWARD" rules | wc -l) rules; $(rg --version | head -n 1)$([[ -x "$kingfisher" ]] && echo "; $("$kingfisher" --version)")"
for name in "${commands[@]}" keyward-all-threads; do echo "  $name: ${cmd[$name]}"; done

results=$(mktemp); times=$(mktemp)
trap 'rm -f "$results" "$times"' EXIT
# One untimed pass warms the page cache for all of them.
for name in "${commands[@]}"; do ${cmd[$name]} >/dev/null 2>&1 || true; done
timed() {
  local name="$1"
  # Exit 1 means "found something" for all three tools; only the time matters here.
  /usr/bin/time -o "$times" -f '%e %U %S %M' ${cmd[$name]} >/dev/null 2>&1 || true
  echo "$name $(tail -n 1 "$times")" | tee -a "$results"
}
for round in $(seq "$runs"); do
  echo "round $round: (wall s, user s, sys s, peak RSS KB)"
  for name in "${commands[@]}"; do timed "$name"; done
done
timed keyward-all-threads

python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss)))
med = {n: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), max(r[2] for r in rs)) for n, rs in runs.items()}
print(f"\n{'':<20}{'wall (median)':>14}{'cpu (median)':>14}{'peak RSS':>12}")
for name, (wall, cpu, rss) in med.items():
    print(f"{name:<20}{wall:>12.2f} s{cpu:>12.2f} s{rss / 1024:>9.0f} MB")
k = med["keyward"]
print(f"\nkeyward / rg:          {k[0] / med['rg'][0]:.2f}x wall, {k[1] / med['rg'][1]:.2f}x cpu   (target <= 1.5x)")
if "kingfisher" in med:
    f = med["kingfisher"]
    print(f"kingfisher / keyward:  {f[0] / k[0]:.1f}x wall, {f[1] / k[1]:.1f}x cpu   (target >= 8x)")
PY
