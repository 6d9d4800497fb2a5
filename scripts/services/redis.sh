# shellcheck shell=bash
# Redis 7 from Debian's redis-server package. Sourced by up, down and status.
# Tests need no durability, so persistence is off; docs/operations.md has a production config.

redis_apt_packages() {
  command -v redis-server >/dev/null 2>&1 || printf 'redis-server\n'
}

redis_missing() {
  if command -v redis-server >/dev/null 2>&1; then
    local version
    version="$(redis-server --version | sed -n 's/.* v=\([0-9]*\)\..*/\1/p')"
    if [[ "$version" != "$REDIS_MAJOR" ]]; then
      printf 'Redis %s (found redis-server %s on PATH): install Redis %s (Debian 12: apt-get install redis-server)\n' \
        "$REDIS_MAJOR" "$version" "$REDIS_MAJOR"
    fi
  fi
}

redis_ports() { printf '%s REEL_REDIS_PORT\n' "$REDIS_PORT"; }

redis_start() {
  mkdir -p "$SERVICES_HOME/redis"
  # --save '' and appendonly no: nothing is written to disk, a restart starts empty.
  # noeviction: a full test Redis should fail loudly rather than drop counters.
  start_detached redis "$SERVICES_HOME/redis" redis-server \
    --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --dir "$SERVICES_HOME/redis" --save '' --appendonly no \
    --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy noeviction \
    --daemonize no --logfile ''
}

redis_healthy() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_where() { printf 'redis://127.0.0.1:%s' "$REDIS_PORT"; }
