#!/usr/bin/env bash
# The whole suite: unit, page (AppTest) and real-browser tests, plus lint.
# Installs what it needs: the project with its test extra, and Debian's
# chromium for the browser tests (never a downloaded browser build).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e '.[test]'

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium > /dev/null
fi

python -m ruff check .
python -m mypy
python -m pytest "$@"
