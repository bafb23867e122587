#!/usr/bin/env bash
# Replays deploy/Dockerfile's steps where no Docker engine runs: the same files copied into a build
# folder, the same `pip wheel --no-deps`, the wheel installed into a fresh virtual environment (standing
# in for the image's python:3.11-slim), then, as a non-root user when run as root, from that user's
# home folder, the image's ENTRYPOINT `arctic-routes serve --host 0.0.0.0 --port 8501` and its
# HEALTHCHECK command, until it answers; then the page and a static file through 127.0.0.1.
#
#   bash deploy/replay-without-docker.sh     # PORT=8501 by default; PYTHON=python3.11
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python}
PORT=${PORT:-8501}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/arctic-routes-image.XXXXXX")
chmod 755 "$WORK"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build stage: the Dockerfile's COPY lines, then pip wheel --no-deps"
mkdir -p "$WORK/src/.streamlit"
cp pyproject.toml README.md LICENSE THIRD_PARTY_NOTICES.md app.py "$WORK/src/"
cp .streamlit/config.toml "$WORK/src/.streamlit/config.toml"
cp -r arctic_routes geodata static "$WORK/src/"
find "$WORK/src" -name __pycache__ -prune -exec rm -rf {} +
"$PYTHON" -m pip wheel --quiet --no-cache-dir --no-deps --wheel-dir "$WORK/wheels" "$WORK/src"
ls "$WORK"/wheels/arctic_routes-*.whl

RUN_AS=()
RUNTIME_PYTHON=$PYTHON
if [ "$(id -u)" -eq 0 ]; then  # the image's USER: a non-root account with its own home
  id arctic > /dev/null 2>&1 || useradd --create-home --uid 10001 --shell /usr/sbin/nologin arctic
  RUN_AS=(runuser -u arctic --)
  HOME_DIR=/home/arctic
  # An interpreter under root's home (pyenv) is unreadable to that user: Debian's python3 (3.11) instead.
  "${RUN_AS[@]}" "$PYTHON" -c "" 2>/dev/null || RUNTIME_PYTHON=/usr/bin/python3
else
  HOME_DIR=$WORK/home; mkdir -p "$HOME_DIR"
fi

echo "== runtime stage: the wheel installed in a fresh environment ($("$RUNTIME_PYTHON" --version))"
"$RUNTIME_PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --no-compile "$WORK"/wheels/arctic_routes-*.whl 2>&1 | grep -v "^WARNING: Location" || true
chmod -R a+rX "$WORK/venv"
echo "== ENTRYPOINT as $("${RUN_AS[@]}" id -un) in $HOME_DIR: arctic-routes serve --host 0.0.0.0 --port $PORT"
(cd "$HOME_DIR" && exec "${RUN_AS[@]}" env HOME="$HOME_DIR" PATH="$WORK/venv/bin:$PATH" \
   arctic-routes serve --host 0.0.0.0 --port "$PORT") > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
HEALTHCHECK="import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:$PORT/_stcore/health', timeout=4).read() != b'ok')"
deadline=$(( $(date +%s) + 120 ))
until "$WORK/venv/bin/python" -c "$HEALTHCHECK" 2>/dev/null; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; echo "replay: the server exited" >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$WORK/serve.log" >&2; echo "replay: no health" >&2; exit 1; }
  sleep 0.5  # the HEALTHCHECK's polling, not a wait for the page
done
echo "   HEALTHCHECK command: healthy"
for path in / /app/static/data/land-3413.json; do
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  echo "   $code $path"
  [ "$code" = "200" ] || { echo "replay: GET $path: $code" >&2; exit 1; }
done
ps -eo user=,args= | grep "[s]treamlit run .*--server.port=$PORT" | cut -c1-120 | sed 's/^/   process: /' || true
echo "== the image's steps work without Docker"
