#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs every unit and integration test.
# Integration tests need root (mount namespaces, runuser, inetd); as non-root they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir "${MB_BUILD_DIR:-build}" --output-on-failure -j2 "$@"
