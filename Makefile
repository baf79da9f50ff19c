# keyward: `make test` installs what is missing (idempotent, cached under ~/.cache/keyward-tools
# and ~/.cargo) and runs every test suite in the repo.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLS_ENV := $(HOME)/.cache/keyward-tools/env.sh
WITH_TOOLS := source $(TOOLS_ENV) &&

.PHONY: test tools test-rust test-core-wasm32 npm test-npm web web-serve test-web vsix test-vscode bench eval

test: tools test-rust test-core-wasm32 test-npm test-web test-vscode
	@echo "make test: all suites passed"

tools:
	@./scripts/setup-tools.sh

## Rust: core, catalogue, CLI ------------------------------------------------------------------
test-rust:
	cargo test --workspace

# The core must build for a target without std, in the configuration the wasm ships.
test-core-wasm32:
	cargo build -p keyward-core --release --target wasm32-unknown-unknown

## npm package (crates/keyward-wasm -> packages/keyward) ----------------------------------------
# wasm-pack (web + nodejs targets, --mode no-install) then inline.mjs; rebuilt only when its inputs change.
NPM_PKG := packages/keyward
NPM_INPUTS := $(shell find crates/keyward-core/src crates/keyward-core/rules crates/keyward-core/build.rs \
  crates/keyward-wasm/src $(NPM_PKG)/scripts -type f) crates/keyward-core/Cargo.toml crates/keyward-wasm/Cargo.toml Cargo.lock
npm: $(NPM_PKG)/.built
$(NPM_PKG)/.built: $(NPM_INPUTS)
	$(WITH_TOOLS) node $(NPM_PKG)/scripts/build.mjs
	@touch $@

test-npm: npm
	@echo "TODO test-npm"

## Web page --------------------------------------------------------------------------------------
web: npm
	@echo "TODO web"

web-serve: web
	@echo "TODO web-serve"

test-web: web
	@echo "TODO test-web"

## VS Code extension -----------------------------------------------------------------------------
vsix: npm
	@echo "TODO vsix"

test-vscode: vsix
	@echo "TODO test-vscode"

## Measurements (not part of make test) ----------------------------------------------------------
bench:
	cargo bench -p keyward-core --bench throughput

eval:
	@echo "TODO eval"
