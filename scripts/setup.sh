#!/usr/bin/env bash
# Set up (or bring up to date) the local environment: .venv with the project and its tools,
# and, when run as root, the Debian packages the tests need (apertium for be<->ru MT and the
# Belarusian analyser, hunspell-be for Belarusian word forms, chromium for the browser test, omegat
# for the CAT-tool test). Idempotent: a second run with nothing changed is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

want_debian="${1:-}"  # "--with-test-packages" also installs chromium and omegat

# mueller7-dict, dict-freedict-eng-rus: the bridge's en-ru dictionaries; lttoolbox-dev: lt-print, which
# reads apertium-bel-rus's compiled bidix and analyser for the bridge's be-ru (compare/bridge);
# hunspell-be: Belarusian word forms (scripts/be_forms.py)
debian_packages=(apertium apertium-bel-rus hunspell-be mueller7-dict dict-freedict-eng-rus lttoolbox-dev)
# the tests' real consumers of our exports: chromium for the browser test; omegat (with its
# Java runtime) pre-translates a project from our TMX in console mode (tests/test_cat_consumers.py)
[ "$want_debian" = "--with-test-packages" ] && debian_packages+=(chromium omegat)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: not root, so not installing ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages into .venv (first run takes a few minutes)"
  .venv/bin/pip install -q --upgrade pip
  # torch first, pinned to the CPU build: a plain `torch` would pull several GB of CUDA build.
  .venv/bin/pip install -q "torch==2.13.0"
  # everything the app, the tests and the benchmarks use, at the versions in constraints.txt
  # (a bare `pip install wire-compare` is the light core: read, segment, align, analyse, export)
  .venv/bin/pip install -q -c constraints.txt -e ".[app,mt,bench,dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The dictionary bridge's cache (compare/bridge), built once here so that the first alignment
# (or the first test) does not wait ~30 s for it; nothing happens without its dictionaries.
.venv/bin/python -m compare.bridge >/dev/null 2>&1 || true
