# shellcheck shell=bash
# Starting, watching and stopping detached service processes. Sourced, never run.
# Each service <name> keeps its pid in .reel/services/<name>.pid and its output in
# .reel/services/<name>.log, so `status` and `down` work from any later shell.

say() { printf '%s\n' "$*"; }
die() { printf 'scripts/services: %s\n' "$*" >&2; exit 1; }

pid_file() { printf '%s/%s.pid' "$SERVICES_HOME" "$1"; }
log_file() { printf '%s/%s.log' "$SERVICES_HOME" "$1"; }

# The pid of a running service, or nothing. A pid file left by a crash or a reboot may name a
# process that is now something else, so it must still work inside our service home (Redis
# rewrites its command line, so the working directory is the reliable mark).
service_pid() {
  local file pid cwd
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 0
  pid="$(<"$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
  if [[ "$cwd" == "$SERVICES_HOME"/* ]]; then
    printf '%s' "$pid"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Refuse to start beside something else that holds one of our ports: the tests would silently
# talk to the wrong server. <name>_ports prints "PORT VARIABLE" lines.
require_free_ports() {
  local name="$1" port var
  while read -r port var; do
    if port_open "$port"; then
      die "$name: port $port on 127.0.0.1 is taken by another process; stop it or set $var to a free port"
    fi
  done < <("${name}_ports")
}

# Runs "$@" in its own session with nohup so it outlives this script and the terminal.
# Must be called as: start_detached NAME WORKDIR COMMAND...
start_detached() {
  local name="$1" workdir="$2"
  shift 2
  local log
  log="$(log_file "$name")"
  # Keep the previous run's log for a post-mortem, start a fresh one for the health checks.
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  # 9>&-: the service must not inherit the lock of up/down, or it would hold it for its lifetime.
  (cd "$workdir" && exec setsid nohup "$@" >"$log" 2>&1 </dev/null 9>&-) &
  printf '%s\n' "$!" >"$(pid_file "$name")"
}

# wait_healthy NAME SECONDS CHECK...: polls CHECK until it succeeds; fails early if the
# process died, and shows the end of its log either way.
wait_healthy() {
  local name="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [[ -z "$(service_pid "$name")" ]]; then
      say "$name: exited during start; last lines of $(log_file "$name"):" >&2
      tail -n 30 "$(log_file "$name")" >&2 || true
      return 1
    fi
    sleep 1
  done
  say "$name: not healthy after ${seconds}s; last lines of $(log_file "$name"):" >&2
  tail -n 30 "$(log_file "$name")" >&2 || true
  return 1
}

# TERM first so that Kafka and OpenSearch flush and close cleanly; KILL only if they hang.
stop_service() {
  local name="$1" pid
  pid="$(service_pid "$name")"
  if [[ -z "$pid" ]]; then
    rm -f "$(pid_file "$name")"
    say "$name: not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    say "$name: killed (pid $pid) after 30s without exiting"
  else
    say "$name: stopped (pid $pid)"
  fi
  rm -f "$(pid_file "$name")"
}

rss_of() { ps -o rss= -p "$1" 2>/dev/null | awk '{printf "%d MiB", $1 / 1024}'; }
