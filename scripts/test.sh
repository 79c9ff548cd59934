#!/usr/bin/env bash
# Installs the project with its test tools into .venv, then runs the gates and the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# Browser tests (tests/bot/web/test_browser.py) drive Debian's chromium: Playwright must never
# download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# So the screenshots the browser tests write show the emoji a phone shows.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    # Without them the browser tests skip, except under CI=true, where they fail.
    echo "scripts/test.sh: as root this would install: ${missing[*]}" >&2
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# axe-core for the accessibility checks, pinned by tests/bot/web/axe/package-lock.json.
if [ ! -f tests/bot/web/axe/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/bot/web/axe --no-audit --no-fund --loglevel=error
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# Dead code: anything vulture finds that scripts/vulture_whitelist.py does not explain goes.
.venv/bin/vulture bot directory scripts/vulture_whitelist.py --min-confidence 60 --exclude directory/migrations
.venv/bin/hadolint Dockerfile
# pytest exits 5 when it collects nothing: that is a failure here, never a silent pass.
.venv/bin/python -m pytest "$@"
