#!/usr/bin/env bash
# Runs one fuzz target (nightly, cargo-fuzz) on its kept corpus (fuzz/corpus/TARGET, where new
# inputs go) plus seeds made from the catalogue as it is now (fuzz/seeds, not kept), with a
# dictionary of every rule keyword. Extra arguments go to libFuzzer, e.g.
#   fuzz/run.sh scan -max_total_time=600        fuzz/run.sh decode -runs=10000000
# Targets: scan, custom_rules, redact, decode, positions, config.
# FUZZ_SANITIZER: none (default: the core forbids unsafe code; 2-3x more executions) or address.
set -euo pipefail
cd "$(dirname "$0")"
target="$1"; shift
sanitizer="${FUZZ_SANITIZER:-none}"

if [[ ! -f keyward.dict || -n "$(find ../crates/keyward-core/rules -newer keyward.dict -print -quit)" ]]; then
  rm -rf seeds
  cargo run -q --release --manifest-path ../Cargo.toml -p keyward-core --features catalogue-examples \
    --example fuzz_seeds -- seeds keyward.dict
fi
mkdir -p "corpus/$target"
exec cargo +nightly fuzz run --sanitizer "$sanitizer" --no-trace-compares "$target" "corpus/$target" seeds -- -dict=keyward.dict -max_len=4096 "$@"
