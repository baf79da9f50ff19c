#!/usr/bin/env bash
# Runs the page tests in real Chromium. Where allowed (root, as in CI), inside a new network
# namespace with only loopback up: even traffic the in-browser observer cannot see (Chromium's own
# background requests) has nowhere to go. The test itself also proves that no request left the origin.
set -euo pipefail
cd "$(dirname "$0")/../.."
tests=(tests/web/build.test.mjs tests/web/model.test.mjs tests/web/page.test.mjs)
if unshare -n true 2>/dev/null; then
  exec unshare -n bash -c 'ip link set lo up && exec node --test "$@"' bash "${tests[@]}"
fi
echo "test-web: cannot create a network namespace here; relying on the in-browser request observer" >&2
exec node --test "${tests[@]}"
