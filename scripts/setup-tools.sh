#!/usr/bin/env bash
# setup-tools.sh: install keyward's build and test tools on a fresh Debian 12 machine.
# Safe to run again: each step checks first and skips what is already there.
# It uses only the Rust crate registry, the npm registry and Debian's packages (GitHub, nodejs.org,
# VS Code's update server and playwright's CDN are not reachable).
#
#   SKIP_CODE_SERVER=1  skip the ~300 MB code-server install (VS Code end-to-end test)
#   TOOLS_DIR           where the npm-installed tools go (default: $HOME/.cache/keyward-tools)
set -euo pipefail

WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130} # must equal `wasm-bindgen = "=X"` in the wasm crate
WASM_PACK_VERSION=${WASM_PACK_VERSION:-0.15.1}
BINARYEN_NPM_VERSION=${BINARYEN_NPM_VERSION:-132.0.0} # wasm-opt; do NOT use Debian's binaryen 108 (see below)
PLAYWRIGHT_CORE_VERSION=${PLAYWRIGHT_CORE_VERSION:-1.65.1}
VSCE_VERSION=${VSCE_VERSION:-3.9.2}                   # 4.x needs node >= 22
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.100.3}   # the last code-server whose engines.node is 20
TOOLS_DIR=${TOOLS_DIR:-$HOME/.cache/keyward-tools}
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export CARGO_HOME PATH="$CARGO_HOME/bin:$HOME/.cargo/bin:$PATH"

log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && [ "$("$1" --version 2>/dev/null | awk '{print $2}')" = "$2" ]; }

# 1. Debian packages: Chromium for browser tests; ripgrep and krb5 headers for code-server's install.
apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
command -v rg >/dev/null || apt_pkgs+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_pkgs+=(libkrb5-dev)
[ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver) # only for `wasm-pack test --headless --chrome`
command -v make >/dev/null && command -v g++ >/dev/null || apt_pkgs+=(build-essential)
command -v unzip >/dev/null || apt_pkgs+=(unzip) # tests/vscode/package.test.mjs reads the .vsix
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${apt_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  log "WARNING: /usr/bin/wasm-opt is Debian's old binaryen; wasm-pack would use it if it came first in PATH, and its output breaks at run time"
fi

# 2. Rust target for wasm.
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# 2b. Nightly Rust and cargo-fuzz, for the fuzz targets in fuzz/ (make test runs each briefly).
CARGO_FUZZ_VERSION=0.13.2
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
if [ "$(cargo-fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  log "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi

# 3. wasm-bindgen CLI at the exact crate version. The crate registry index seen here can lag behind
#    (webpki-roots 1.0.11 in 0.2.130's Cargo.lock is missing), so if --locked fails, resolve again without it.
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 4. wasm-pack. It uses the wasm-bindgen in PATH when the versions match; otherwise it tries GitHub and then
#    silently runs its own `cargo install wasm-bindgen-cli`, which takes about 8 minutes.
if ! has_version wasm-pack "$WASM_PACK_VERSION"; then
  log "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

# 5. npm-installed tools: wasm-opt (binaryen.js), playwright-core (uses /usr/bin/chromium), vsce.
mkdir -p "$TOOLS_DIR/npm"
want_npm="binaryen@$BINARYEN_NPM_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION @vscode/vsce@$VSCE_VERSION"
if [ "$(cat "$TOOLS_DIR/npm/.installed" 2>/dev/null)" != "$want_npm" ]; then
  log "npm install $want_npm"
  (cd "$TOOLS_DIR/npm" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && npm install --no-audit --no-fund $want_npm >/dev/null)
  echo "$want_npm" > "$TOOLS_DIR/npm/.installed"
fi

# 6. code-server, which is VS Code in the browser, for the extension's end-to-end test.
if [ "${SKIP_CODE_SERVER:-0}" != 1 ] && [ "$(cat "$TOOLS_DIR/code-server/.installed" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION (native modules are built with node-gyp)"
  rm -rf "$TOOLS_DIR/code-server"; mkdir -p "$TOOLS_DIR/code-server"
  tmp=$(mktemp -d)
  # @vscode/ripgrep's postinstall fetches rg from GitHub unless its cache holds the tarball: seed it with Debian's rg.
  rgver=1.15.11 # @vscode/ripgrep's version in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
  mkdir -p "$tmp/vscode-ripgrep-cache-$rgver"
  tar czf "$tmp/vscode-ripgrep-cache-$rgver/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  (cd "$TOOLS_DIR/code-server" && echo '{"private":true}' > package.json \
    && TMPDIR="$tmp" npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_yes=true \
       npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1) \
    || { tail -40 "$TOOLS_DIR/code-server/install.log"; exit 1; }
  rm -rf "$tmp"
  echo "$CODE_SERVER_VERSION" > "$TOOLS_DIR/code-server/.installed"
fi

# 7. The pre-commit framework (PyPI), in its own venv, to test .pre-commit-hooks.yaml for real.
PRE_COMMIT_VERSION=4.7.0
if [ "$(cat "$TOOLS_DIR/pre-commit/.installed" 2>/dev/null)" != "$PRE_COMMIT_VERSION" ]; then
  log "pip install pre-commit==$PRE_COMMIT_VERSION (venv in $TOOLS_DIR/pre-commit)"
  rm -rf "$TOOLS_DIR/pre-commit"
  python3 -m venv "$TOOLS_DIR/pre-commit"
  "$TOOLS_DIR/pre-commit/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
  echo "$PRE_COMMIT_VERSION" > "$TOOLS_DIR/pre-commit/.installed"
fi

cat > "$TOOLS_DIR/env.sh" <<ENV
export PATH="$TOOLS_DIR/npm/node_modules/.bin:$TOOLS_DIR/code-server/node_modules/.bin:$CARGO_HOME/bin:\$PATH"
export NODE_PATH="$TOOLS_DIR/npm/node_modules" KEYWARD_TOOLS_DIR="$TOOLS_DIR"
ENV
log "ready: $(wasm-bindgen --version), $(wasm-pack --version), wasm-opt $("$TOOLS_DIR/npm/node_modules/.bin/wasm-opt" --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null); source $TOOLS_DIR/env.sh"
