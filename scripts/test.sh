#!/usr/bin/env bash
# Installs the project with its test tools into .venv, then runs the gates and the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/hadolint Dockerfile
# pytest exits 5 when it collects nothing: that is a failure here, never a silent pass.
.venv/bin/python -m pytest "$@"
