# keyward: `make test` installs what is missing (idempotent, cached under ~/.cache/keyward-tools
# and ~/.cargo) and runs every test suite in the repo.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLS_ENV := $(HOME)/.cache/keyward-tools/env.sh
WITH_TOOLS := source $(TOOLS_ENV) &&

.PHONY: test tools test-rust test-fuzz test-core-wasm32 npm test-npm web web-serve test-web vsix test-vscode test-build-outputs bench eval

test: tools test-rust test-fuzz test-core-wasm32 test-npm test-web test-vscode test-build-outputs
	@echo "make test: all suites passed"

tools:
	@./scripts/setup-tools.sh

## Rust: core, catalogue, CLI ------------------------------------------------------------------
test-rust:
	cargo test --workspace
	tests/cli/pre-commit-hook.sh
	tests/cli/action.sh

# Every fuzz target (nightly, cargo-fuzz) replays its kept corpus and fuzzes for 8 s: 48 s for the 6 targets,
# plus the build. Long runs: fuzz/run.sh TARGET -runs=10000000 (fuzz/README.md).
test-fuzz:
	fuzz/run.sh --smoke 8

# The core must build for a target without std, in the configuration the wasm ships.
test-core-wasm32:
	cargo build -p keyward-core --release --target wasm32-unknown-unknown

## npm package (crates/keyward-wasm -> packages/keyward) ----------------------------------------
# One wasm-pack run (web target, --mode no-install), then the Node CommonJS glue and inline.mjs.
# Rebuilt only when its inputs change; flock serializes builds started at once (they share outputs).
NPM_PKG := packages/keyward
NPM_INPUTS := $(shell find crates/keyward-core/src crates/keyward-core/rules crates/keyward-core/build.rs crates/keyward-core/build \
  crates/keyward-wasm/src $(NPM_PKG)/scripts -type f) Cargo.toml crates/keyward-core/Cargo.toml crates/keyward-wasm/Cargo.toml Cargo.lock
npm: $(NPM_PKG)/.built
$(NPM_PKG)/.built: $(NPM_INPUTS)
	$(WITH_TOOLS) flock $(NPM_PKG)/.build.lock node $(NPM_PKG)/scripts/build.mjs
	@touch $@

# Packs the built package, installs the tarball in a scratch project and tests that install.
test-npm: npm
	$(WITH_TOOLS) tests/npm/run.sh

## Web page --------------------------------------------------------------------------------------
# The paste-checker page as static files in dist/web/ (works over HTTP, offline and from file://).
web: npm
	node web-demo/build.mjs dist/web

# Serves dist/web/ on 127.0.0.1 and prints the URL (PORT=8080 by default; PORT=0 picks a free port).
web-serve: web
	node web-demo/serve.mjs dist/web $${PORT:-8080}

# The page in Debian's Chromium (playwright-core), in a network namespace when allowed.
test-web: web
	$(WITH_TOOLS) tests/web/run.sh

## VS Code extension -----------------------------------------------------------------------------
# The .vsix from the npm package's wasm web build: npm ci (skipped when node_modules is newer than
# the lockfile), esbuild (Node + browser bundles), tsc, vsce; `vsce ls` lists what it ships.
vsix: npm
	cd vscode-extension && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } \
	  && node esbuild.mjs && npx tsc -p . --noEmit \
	  && $(WITH_TOOLS) vsce package --no-dependencies --allow-missing-repository --skip-license --no-rewrite-relative-links -o keyward.vsix \
	  && vsce ls --no-dependencies && ls -l keyward.vsix

# Unit tests of the pure logic, then the .vsix contents and the end-to-end test in code-server.
test-vscode: vsix
	cd vscode-extension && node esbuild.mjs --core && node --test test/
	$(WITH_TOOLS) node --test --test-concurrency=1 tests/vscode/

## Blobs are data: keyward's own build outputs (the npm package with its inlined .wasm, the page)
## yield no finding at any confidence ----------------------------------------------------------
test-build-outputs: npm web
	cargo run -q -p keyward-cli -- scan --no-ignore --min-confidence low $(NPM_PKG) dist/web

## Measurements (not part of make test) ----------------------------------------------------------
bench:
	cargo bench -p keyward-core --bench throughput
	bench/cli-throughput.sh

# Per-rule table (examples found, negatives rejected), then the false-alarm rate on real
# third-party code (findings per 100 MB by confidence, every medium/high finding listed).
# FORMATS: the shared fact sheet, when present next to the repository (each format's example
# is then checked against its rule); without it the table lists the formats the rules cover.
FORMATS ?= $(firstword $(wildcard ../shared/formats.json ../../shared/formats.json))
eval:
	cargo run -q --release -p keyward-core --features catalogue-examples --example catalogue_table $(FORMATS)
	bench/noise.sh
