#!/usr/bin/env bash
# A local proof of replicas behind a proxy: N `arctic-routes serve` processes on 127.0.0.1 and nginx
# (Debian's package) on port 8080 in front of them, with deploy/nginx.conf copied unchanged.
#
#   bash scripts/serve-replicas.sh N [BASE_PORT]   # start N replicas on BASE_PORT.. (default 8601) and nginx
#   bash scripts/serve-replicas.sh stop            # stop what the last start started
#
# State lives in $RUN_DIR (default ${TMPDIR:-/tmp}/arctic-routes-replicas): replicas.pids (one pid per
# line, in port order), replica-PORT.log, nginx.pid, logs/, the rendered arctic-routes-upstreams.conf.
# The replicas run from this checkout (`python -m arctic_routes serve`); the same start command as the
# container's (`arctic-routes serve`), see deploy/README.md. Installs nginx with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python}
RUN_DIR=${RUN_DIR:-${TMPDIR:-/tmp}/arctic-routes-replicas}
PROXY_PORT=8080  # deploy/nginx.conf listens here
NGINX=${NGINX:-nginx}

stop() {
  if [ -f "$RUN_DIR/nginx.pid" ]; then
    "$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -s quit 2>/dev/null || kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  fi
  if [ -f "$RUN_DIR/replicas.pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$RUN_DIR/replicas.pids"
    rm -f "$RUN_DIR/replicas.pids"
  fi
  echo "stopped (state in $RUN_DIR)"
}

if [ "${1:-}" = "stop" ]; then stop; exit 0; fi
N=${1:?usage: serve-replicas.sh N [BASE_PORT] | stop}
BASE_PORT=${2:-8601}
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "serve-replicas: N must be a positive number, not '$N'" >&2; exit 2; }

if ! command -v "$NGINX" > /dev/null && [ ! -x /usr/sbin/nginx ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "== installing nginx (Debian package)"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nginx > /dev/null
fi
command -v "$NGINX" > /dev/null || NGINX=/usr/sbin/nginx

[ ! -f "$RUN_DIR/replicas.pids" ] || stop  # a previous start: stop it first
rm -rf "$RUN_DIR/cache"  # nginx's copy of the static files: a fresh start serves this checkout's
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/temp"
: > "$RUN_DIR/replicas.pids"

# Replicas share one cookie secret, so the XSRF cookie of one is valid on the others after a failover.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
: > "$RUN_DIR/arctic-routes-upstreams.conf"
for i in $(seq 0 $(( N - 1 ))); do
  port=$(( BASE_PORT + i ))
  PYTHONUNBUFFERED=1 "$PYTHON" -m arctic_routes serve --port "$port" --host 127.0.0.1 \
    > "$RUN_DIR/replica-$port.log" 2>&1 &
  echo $! >> "$RUN_DIR/replicas.pids"
  # max_fails=3: three failed connections in 10 s take the replica out for 10 s, then nginx tries it again;
  # not 1, so that one reset under load cannot take out every replica at once ("no live upstreams").
  echo "server 127.0.0.1:$port max_fails=3 fail_timeout=10s;" >> "$RUN_DIR/arctic-routes-upstreams.conf"
  echo "== replica $((i + 1)) on 127.0.0.1:$port, pid $!"
done

cp "$ROOT/deploy/nginx.conf" "$RUN_DIR/nginx.conf"  # unchanged: the replica test runs deploy/nginx.conf
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -t -q
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf"  # daemonises; its pid in $RUN_DIR/nginx.pid

wait_healthy() {  # URL, then the pid that must stay alive while we wait
  local deadline=$(( $(date +%s) + 180 ))
  until [ "$(curl -s --max-time 2 "$1/_stcore/health" || true)" = "ok" ]; do
    [ -z "${2:-}" ] || kill -0 "$2" 2>/dev/null || { echo "serve-replicas: the server behind $1 exited" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "serve-replicas: no answer on $1/_stcore/health" >&2; exit 1; }
    sleep 0.2  # polling interval, not a wait for the page
  done
}
i=0
while read -r pid; do
  wait_healthy "http://127.0.0.1:$(( BASE_PORT + i ))" "$pid"
  i=$(( i + 1 ))
done < "$RUN_DIR/replicas.pids"
wait_healthy "http://127.0.0.1:$PROXY_PORT"

echo "== $N replicas healthy behind nginx: http://127.0.0.1:$PROXY_PORT/"
echo "   replica pids: $RUN_DIR/replicas.pids; logs: $RUN_DIR/replica-*.log, $RUN_DIR/logs/"
echo "   stop everything: bash scripts/serve-replicas.sh stop"
