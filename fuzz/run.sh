#!/usr/bin/env bash
# Fuzzing keyward-core with cargo-fuzz (nightly). See fuzz/README.md.
#
#   fuzz/run.sh TARGET [LIBFUZZER ARGS...]   a long run: new inputs go to fuzz/corpus/TARGET,
#       seeds made from the catalogue as it is now (fuzz/seeds, not kept) and a dictionary of
#       every rule keyword help; e.g. `fuzz/run.sh scan -runs=10000000`.
#   fuzz/run.sh --smoke SECONDS              every target for SECONDS each (make test): replays
#       its kept corpus, then fuzzes; new inputs go to a scratch folder, the checkout stays clean.
#
# FUZZ_SANITIZER: none (default: the core forbids unsafe code, and without ASan a target runs
# 2-3 times more inputs) or address. Comparisons are not traced (--no-trace-compares): the
# engine's hot paths are table lookups, and tracing halved the executions per second.
set -euo pipefail
cd "$(dirname "$0")"
TARGETS=(scan custom_rules redact decode positions config)
fuzz=(cargo +nightly fuzz)
build_flags=(--sanitizer "${FUZZ_SANITIZER:-none}" --no-trace-compares)

if [[ "${1:-}" == --smoke ]]; then
  seconds="${2:?usage: fuzz/run.sh --smoke SECONDS}"
  "${fuzz[@]}" build "${build_flags[@]}"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  for target in "${TARGETS[@]}"; do
    mkdir -p "$scratch/$target" "corpus/$target"
    log="$scratch/$target.log"
    if ! "${fuzz[@]}" run "${build_flags[@]}" "$target" "$scratch/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 > "$log" 2>&1; then
      tail -n 40 "$log" >&2
      echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
      exit 1
    fi
    echo "$target: $(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}') inputs in ${seconds} s, no failure"
  done
  exit 0
fi

target="${1:?usage: fuzz/run.sh TARGET [LIBFUZZER ARGS...] | fuzz/run.sh --smoke SECONDS}"; shift
if [[ ! -f keyward.dict || ! -d seeds || -n "$(find ../crates/keyward-core/rules -newer keyward.dict -print -quit)" ]]; then
  rm -rf seeds
  cargo run -q --release --manifest-path ../Cargo.toml -p keyward-core --features catalogue-examples \
    --example fuzz_seeds -- seeds keyward.dict
fi
mkdir -p "corpus/$target"
exec "${fuzz[@]}" run "${build_flags[@]}" "$target" "corpus/$target" seeds -- -dict=keyward.dict -max_len=4096 "$@"
