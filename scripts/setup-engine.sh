#!/usr/bin/env bash
# Real Docker engine for the engine tests (test/engine): Debian's docker.io daemon, private to this
# project, with its data, exec root, socket, pidfile and log under one folder.
#
#   scripts/setup-engine.sh [start]   install the packages if missing, start dockerd, wait for it,
#                                     print `export DOCKER_HOST=...` on stdout (progress goes to stderr)
#   scripts/setup-engine.sh install   only install docker.io, busybox-static, debootstrap
#   scripts/setup-engine.sh stop      stop the daemon started here (by its pidfile) and wait for it
#   scripts/setup-engine.sh status    exit 0 when the daemon answers, 1 otherwise
#   scripts/setup-engine.sh env       print the export line only
#
# Typical use:  eval "$(bash scripts/setup-engine.sh start)"
# Folder: ${STAGEWRIGHT_ENGINE:-$HOME/.cache/stagewright/engine}. Must run as root.
# The docker client is always /usr/bin/docker: another `docker` without buildx may come first on PATH.
set -euo pipefail

ENGINE_DIR="${STAGEWRIGHT_ENGINE:-$HOME/.cache/stagewright/engine}"
SOCK="$ENGINE_DIR/docker.sock"
PIDFILE="$ENGINE_DIR/dockerd.pid"
LOG="$ENGINE_DIR/dockerd.log"
DOCKER=/usr/bin/docker
export DOCKER_HOST="unix://$SOCK"
START_TIMEOUT="${STAGEWRIGHT_ENGINE_START_TIMEOUT:-90}"

say() { printf 'setup-engine: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "run as root (dockerd and debootstrap need it)"; }

packages_missing() {
  [ -x /usr/sbin/dockerd ] && [ -x "$DOCKER" ] && [ -x /bin/busybox ] && [ -x /usr/sbin/debootstrap ] \
    && dpkg-query -W -f='${Status}\n' busybox-static 2>/dev/null | grep -q '^install ok installed$' \
    && return 1
  return 0
}

install_packages() {
  need_root
  if ! packages_missing; then say "packages present"; return 0; fi
  export DEBIAN_FRONTEND=noninteractive
  local pkgs=(docker.io busybox-static debootstrap)
  # An apt without package lists knows nothing; update first then, and once more if an install fails
  # on stale lists.
  if ! apt-cache show docker.io >/dev/null 2>&1; then
    say "apt-get update"; apt-get update -q >&2
  fi
  say "apt-get install ${pkgs[*]}"
  if ! apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2; then
    say "install failed; apt-get update and retry"
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2
  fi
  packages_missing && die "packages still missing after install"
  return 0
}

pid_alive() { # the pidfile names a live dockerd (not a stale pid since reused by another process)
  local pid
  [ -s "$PIDFILE" ] || return 1
  pid="$(cat "$PIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]
}

answers() { "$DOCKER" info >/dev/null 2>&1; }

print_env() { printf 'export DOCKER_HOST=%s\n' "$DOCKER_HOST"; }

start() {
  need_root
  install_packages
  if pid_alive && answers; then
    say "dockerd already running (pid $(cat "$PIDFILE"))"
    print_env
    return 0
  fi
  if pid_alive; then
    say "dockerd (pid $(cat "$PIDFILE")) does not answer yet; waiting for it"
  else
    mkdir -p "$ENGINE_DIR/data" "$ENGINE_DIR/exec"
    # containerd puts its socket under the exec root; unix socket paths are limited to 107 bytes.
    local longest="$ENGINE_DIR/exec/containerd/containerd-debug.sock"
    [ "${#longest}" -lt 100 ] || die "STAGEWRIGHT_ENGINE path too long for unix sockets: $ENGINE_DIR"
    rm -f "$SOCK"
    say "starting dockerd (data and exec roots under $ENGINE_DIR, log $LOG)"
    # setsid: the daemon outlives this shell and is not hit by a terminal's signals.
    # Debian's containerd, runc and docker-init are found on PATH: put the system folders first.
    PATH=/usr/sbin:/usr/bin:/sbin:/bin setsid /usr/sbin/dockerd \
      --data-root="$ENGINE_DIR/data" \
      --exec-root="$ENGINE_DIR/exec" \
      --pidfile="$PIDFILE" \
      -H "unix://$SOCK" \
      --storage-driver=overlay2 \
      --iptables=false --ip-forward=false --bridge=none \
      >"$LOG" 2>&1 </dev/null &
    local launcher=$!
    # dockerd writes its pidfile itself; until then follow the process we launched.
    echo "$launcher" >"$ENGINE_DIR/dockerd.launch"
  fi
  local deadline=$((SECONDS + START_TIMEOUT)) pid
  until answers; do
    pid="$(cat "$PIDFILE" 2>/dev/null || cat "$ENGINE_DIR/dockerd.launch" 2>/dev/null || true)"
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOG" >&2 || true
      die "dockerd exited during start"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 30 "$LOG" >&2; die "dockerd did not answer within ${START_TIMEOUT}s"; }
    sleep 0.2
  done
  rm -f "$ENGINE_DIR/dockerd.launch"
  say "dockerd is up: $("$DOCKER" version -f 'server {{.Server.Version}}, client {{.Client.Version}}' 2>/dev/null)"
  print_env
}

stop() {
  local pid
  if ! pid_alive; then
    say "dockerd not running"
    rm -f "$PIDFILE" "$ENGINE_DIR/dockerd.launch"
    return 0
  fi
  pid="$(cat "$PIDFILE")"
  say "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "dockerd did not stop within 60s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$ENGINE_DIR/dockerd.launch"
  say "dockerd stopped"
}

case "${1:-start}" in
  start) start ;;
  install) install_packages ;;
  stop) stop ;;
  status) if pid_alive && answers; then say "running (pid $(cat "$PIDFILE"))"; else say "not running"; exit 1; fi ;;
  env) print_env ;;
  *) die "usage: $0 [start|install|stop|status|env]" ;;
esac
