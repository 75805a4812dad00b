# Several Pitchbridge processes on one PostgreSQL behind nginx, on this
# machine. Sourced by `run-cluster` (start it and keep it running) and by
# `.ci/scale` (start it and test it). Needs the release build and nginx.
#
# After `cluster_start`, CLUSTER_APP_PIDS[i] and CLUSTER_APP_PORTS[i] name
# the app processes and CLUSTER_NGINX_PID the proxy; `cluster_stop` ends
# them all.

CLUSTER_APP_PIDS=()
CLUSTER_APP_PORTS=()
CLUSTER_NGINX_PID=""

# cluster_start_app <index>: one app process on port CLUSTER_APP_BASE_PORT+index.
cluster_start_app() {
  local i="$1" port=$((CLUSTER_APP_BASE_PORT + $1))
  # One secret for all: a session cookie signed by one process is valid on
  # every other. The data directory is per process (it only holds the
  # secret file when none is given, and logs).
  mkdir -p "$CLUSTER_DIR/app$i"
  PITCHBRIDGE_SECRET="$CLUSTER_SECRET" PITCHBRIDGE_TRUST_PROXY=true \
    PITCHBRIDGE_DB_MAX_CONNECTIONS="${CLUSTER_DB_CONNECTIONS:-8}" \
    "$CLUSTER_SERVER" --data-dir "$CLUSTER_DIR/app$i" --database-url "$CLUSTER_DATABASE_URL" \
    --addr "127.0.0.1:$port" --site-root "$CLUSTER_SITE_ROOT" \
    >>"$CLUSTER_DIR/app$i/server.log" 2>&1 &
  CLUSTER_APP_PIDS[$i]=$!
  CLUSTER_APP_PORTS[$i]=$port
}

# cluster_wait_healthy <port>: until /healthz answers 200 (30 s at most).
cluster_wait_healthy() {
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: nothing healthy on port $1" >&2
  return 1
}

# cluster_start: migrates once, then CLUSTER_PROCESSES app processes and
# nginx on CLUSTER_PORT. Needs CLUSTER_DIR, CLUSTER_SERVER,
# CLUSTER_DATABASE_URL, CLUSTER_SITE_ROOT, CLUSTER_PORT,
# CLUSTER_APP_BASE_PORT, CLUSTER_PROCESSES and CLUSTER_SECRET.
cluster_start() {
  mkdir -p "$CLUSTER_DIR"
  # Migrations once, before any process serves (each would wait for the
  # others' migration lock otherwise).
  "$CLUSTER_SERVER" --data-dir "$CLUSTER_DIR" --database-url "$CLUSTER_DATABASE_URL" migrate \
    >>"$CLUSTER_DIR/migrate.log" 2>&1
  local servers="" i
  for i in $(seq 1 "$CLUSTER_PROCESSES"); do
    cluster_start_app "$i"
    servers+="        server 127.0.0.1:${CLUSTER_APP_PORTS[$i]} max_fails=1 fail_timeout=5s;"$'\n'
  done
  for i in $(seq 1 "$CLUSTER_PROCESSES"); do
    cluster_wait_healthy "${CLUSTER_APP_PORTS[$i]}"
  done
  local prefix="$CLUSTER_DIR/nginx" user=""
  mkdir -p "$prefix"
  # Run as root (this machine's CI), nginx's workers would drop to
  # `nobody`, who cannot write the temp folders under CLUSTER_DIR.
  [ "$(id -u)" = 0 ] && user="user root;"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$CLUSTER_PORT|g" -e "s|@USER@|$user|" \
    "$(dirname "${BASH_SOURCE[0]}")/nginx.conf.template" |
    awk -v servers="$servers" '{ if ($0 == "@SERVERS@") printf "%s", servers; else print }' \
      >"$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  CLUSTER_NGINX_PID=$!
  cluster_wait_healthy "$CLUSTER_PORT"
}

cluster_stop() {
  local pid
  for pid in "$CLUSTER_NGINX_PID" "${CLUSTER_APP_PIDS[@]}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "$CLUSTER_NGINX_PID" "${CLUSTER_APP_PIDS[@]}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
