#!/usr/bin/env bash
# Proves the wheel: builds it from the checkout's files, installs it into a fresh virtual environment
# outside the checkout (its dependencies from the package index, through pip's cache), and from another
# folder runs `arctic-routes lengths`, `compare`, `render`, `seasons` and `export-html`, then `serve`
# until /_stcore/health answers, fetches the page and its static files, and runs tests/wheel_checks.py
# (the wheel's contents; the installed page draws its map in Debian's chromium).
# Run by .ci/run after scripts/test.sh, which installs the test extra and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python}
START=$(date +%s)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/arctic-routes-wheel.XXXXXX")
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf '== [%3ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }
fail() { echo "check_wheel: FAILED: $*" >&2; exit 1; }

step "copy the checkout's files (tracked and new, not ignored) to $WORK/src"
# Built from a copy: an in-tree build would leave build/ behind, whose stale files end up in later wheels.
"$PYTHON" - "$ROOT" "$WORK/src" <<'EOF'
import shutil, subprocess, sys
from pathlib import Path

root, dest = Path(sys.argv[1]), Path(sys.argv[2])
listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                        capture_output=True, check=True).stdout.decode().split("\0")
for name in filter(None, listed):
    if (root / name).is_file():  # a tracked file deleted in the working tree is not shipped
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, dest / name)
EOF

step "build the wheel"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
WHEEL=$(ls "$WORK"/dist/arctic_routes-*.whl)
echo "   $(basename "$WHEEL"): $(du -k "$WHEEL" | cut -f1) KB, $("$PYTHON" -m zipfile -l "$WHEEL" | tail -n +2 | wc -l) files"

step "install it into a fresh virtual environment"
"$PYTHON" -m venv "$WORK/venv"
# --no-compile: byte-compiling every dependency up front doubles the install on 2 cores; imports compile lazily.
"$WORK/venv/bin/python" -m pip install --quiet --no-compile "$WHEEL"
AR="$WORK/venv/bin/arctic-routes"

mkdir "$WORK/elsewhere"
cd "$WORK/elsewhere"  # no checkout, no .streamlit/ here
unset PYTHONPATH ARCTIC_ROUTES_GEODATA

step "the installed package reads its data from site-packages only"
"$WORK/venv/bin/python" - "$ROOT" <<'EOF'
import sys
from pathlib import Path

from arctic_routes import datafiles

checkout = Path(sys.argv[1]).resolve()
site_packages = Path(datafiles.__file__).resolve().parents[1]
assert "site-packages" in site_packages.parts, site_packages
for path in datafiles.runtime_files():
    path = path.resolve()
    assert path.is_file(), f"missing from the wheel: {path}"
    assert path.is_relative_to(site_packages) and not path.is_relative_to(checkout), f"read outside: {path}"
print(f"   {len(datafiles.runtime_files())} runtime files, all under {site_packages}")
EOF

step "python -m arctic_routes, lengths, compare, render, seasons, export-html"
"$WORK/venv/bin/python" -m arctic_routes --help > /dev/null
"$AR" lengths > lengths.txt && grep -q "tsr-pole" lengths.txt || fail "lengths"
"$AR" compare Rotterdam JPYOK > compare.txt && grep -q "Rotterdam" compare.txt || fail "compare"
"$AR" render --out map.png --size social > /dev/null
[ "$(head -c 4 map.png | tail -c 3)" = "PNG" ] && [ -s map.alt.txt ] || fail "render"
"$AR" seasons > seasons.txt && grep -q "nep-coastal" seasons.txt || fail "seasons"
"$AR" export-html --out map.html > /dev/null && grep -q "BSD 2-Clause License" map.html || fail "export-html"
sed -n '1,3p' lengths.txt | cut -c1-110 | sed 's/^/   /'
sed -n '2p' compare.txt | cut -c1-110 | sed 's/^/   /'
set +e
"$AR" serve --port 0 2> bad-port.txt; status=$?
set -e
[ "$status" -eq 2 ] && [ "$(wc -l < bad-port.txt)" -eq 1 ] || fail "serve --port 0: status $status, $(cat bad-port.txt)"

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
step "arctic-routes serve --port $PORT --host 127.0.0.1"
"$AR" serve --port "$PORT" --host 127.0.0.1 > serve.log 2>&1 &
SERVER_PID=$!
deadline=$(( $(date +%s) + 120 ))
until [ "$(curl -s --max-time 2 "$URL/_stcore/health" || true)" = "ok" ]; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat serve.log >&2; fail "the server exited"; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat serve.log >&2; fail "no answer on /_stcore/health"; }
  sleep 0.2  # polling interval, not a wait for the page
done
for path in / /app/static/data/land-3413-coarse.json /app/static/data/land-3413.json \
    /app/static/vendor/leaflet-1.9.3/leaflet.js; do
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$URL$path")
  echo "   $code $path"
  [ "$code" = "200" ] || fail "GET $path: $code"
done

step "tests/wheel_checks.py: the wheel's contents, the installed page in the browser"
cd "$ROOT"
ARCTIC_ROUTES_WHEEL="$WHEEL" ARCTIC_ROUTES_WHEEL_URL="$URL" \
  "$PYTHON" -m pytest -q -p no:cacheprovider tests/wheel_checks.py

step "the wheel works: done in $(( $(date +%s) - START )) s"
