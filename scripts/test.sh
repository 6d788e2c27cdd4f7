#!/usr/bin/env bash
# Set up on first use (Debian packages too, when root), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-test-packages
exec .venv/bin/python -m pytest "$@"
