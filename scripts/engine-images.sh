#!/usr/bin/env bash
# Local base images for the engine tests, tagged with the names real Dockerfiles use (golang:1.22,
# debian:bookworm-slim, gcr.io/distroless/static-debian12, ...). Docker Hub is unreachable here, so
# they are made from Debian bookworm's packages:
#
#   minbase      debootstrap --variant=minbase, sources with bookworm, -updates and -security,
#                apt-get upgrade                                    -> debian:bookworm
#   slim         minbase with the slim images' dpkg path excludes (no docs, man pages, locales)
#                                                                   -> debian:bookworm-slim
#   scm, buildpack   like docker-library's buildpack-deps (scm tools; compilers and -dev libraries)
#   golang rust gcc node python       on scm/buildpack, as the official images are
#   node-slim python-slim jdk maven jre nginx   on slim
#   distroless   static/base/cc made from the packages' files (dpkg-deb -x), as distroless does
#   busybox      Debian's busybox-static
#
# Each image after minbase is a copy of its parent's root folder plus `apt-get install
# --no-install-recommends` in a chroot (apt resolves dependencies; debootstrap's resolver does not
# resolve all of them for big --include sets), then `tar | docker import --change ...`.
# Downloaded packages are kept in one pool (hard links) and reused across images and runs.
#
#   scripts/engine-images.sh [build] [--force]   build the images that are missing or whose recipe
#                                                changed (recorded per image); 3 jobs at a time
#   scripts/engine-images.sh list                the images, their sizes and whether they are current
#   scripts/engine-images.sh check               exit 1 when an image is missing or outdated
#
# Needs root and the engine from scripts/setup-engine.sh (DOCKER_HOST defaults to its socket).
# Environment: STAGEWRIGHT_ENGINE (folder), STAGEWRIGHT_IMAGE_JOBS (parallel jobs, default 3),
# STAGEWRIGHT_DEBIAN_MIRROR / STAGEWRIGHT_DEBIAN_SECURITY_MIRROR (default: what this machine's apt uses).
set -euo pipefail

ENGINE_DIR="${STAGEWRIGHT_ENGINE:-$HOME/.cache/stagewright/engine}"
export DOCKER_HOST="${DOCKER_HOST:-unix://$ENGINE_DIR/docker.sock}"
DOCKER=/usr/bin/docker
DEBOOTSTRAP=/usr/sbin/debootstrap
JOBS="${STAGEWRIGHT_IMAGE_JOBS:-3}"
POOL="$ENGINE_DIR/debs"
STATE="$ENGINE_DIR/images"
SUITE=bookworm
# Bumped by hand when a change in this script must rebuild every image.
RECIPE_EPOCH=1

say() { printf '[%s] engine-images: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------------
# Debian mirrors: the ones this machine's apt uses (one-line .list files or deb822 .sources files).

sources_for_suite() { # SUITE -> first URI serving it
  local want="$1" f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v want="$want" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                                         if ($(i + 1) == want) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v want="$want" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " want " ") && uris != "") { split(uris, u, " "); print u[1]; found = 1 }
                         types = ""; suites = ""; uris = "" }
      /^[ \t]*$/ { flush(); if (found) exit; next }
      /^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
      /^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0 }
      END { if (!found) flush() }' "$f"
  done
}

MIRROR="${STAGEWRIGHT_DEBIAN_MIRROR:-$(sources_for_suite "$SUITE" | head -n1)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${STAGEWRIGHT_DEBIAN_SECURITY_MIRROR:-$(sources_for_suite "$SUITE-security" | head -n1)}"
SECURITY_MIRROR="${SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
MIRROR="${MIRROR%/}"; SECURITY_MIRROR="${SECURITY_MIRROR%/}"

DEFAULT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# ---------------------------------------------------------------------------------------------------
# Helpers used by the recipes (their text is part of every recipe's hash).

in_root() { # ROOT CMD... : run in the chroot with a clean environment
  local root="$1"; shift
  chroot "$root" /usr/bin/env -i PATH="$DEFAULT_PATH" HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

mount_proc() { mountpoint -q "$1/proc" || mount -t proc proc "$1/proc"; }
umount_proc() { ! mountpoint -q "$1/proc" || umount "$1/proc"; }

apt_get() { # ROOT APT-GET-ARGS... : apt-get in the chroot with the pool as download cache
  local root="$1"; shift
  local archives="$root/var/cache/apt/archives" clean="$root/etc/apt/apt.conf.d/docker-clean"
  mkdir -p "$archives/partial" "$POOL"
  find "$POOL" -maxdepth 1 -name '*.deb' -exec ln -f -t "$archives" {} + 2>/dev/null || true
  # The images' docker-clean would delete the downloaded packages before they reach the pool.
  [ ! -f "$clean" ] || mv "$clean" "$clean.off"
  mount_proc "$root"
  in_root "$root" apt-get -q -o Dpkg::Use-Pty=0 "$@"
  umount_proc "$root"
  [ ! -f "$clean.off" ] || mv "$clean.off" "$clean"
  find "$archives" -maxdepth 1 -name '*.deb' -exec cp -n -l -t "$POOL" {} + 2>/dev/null || true
  find "$archives" -maxdepth 1 -name '*.deb' -delete
  rm -f "$root"/var/cache/apt/*.bin
}

apt_install() { # ROOT [apt-get options] PACKAGES...
  local root="$1"; shift
  apt_get "$root" install -y --no-install-recommends "$@"
}

pkg_version() { # ROOT PACKAGE -> upstream version (no epoch, no Debian revision)
  in_root "$1" dpkg-query -W -f='${Version}' "$2" | sed -e 's/^[0-9]*://' -e 's/[-~+][^.]*$//' -e 's/+dfsg.*//' -e 's/~.*//'
}

# What the images leave out: package lists, downloaded packages, apt's binary caches, device nodes.
IMPORT_EXCLUDES=(
  --exclude=./var/lib/apt/lists/* --exclude=./var/cache/apt/archives/*.deb
  --exclude=./var/cache/apt/archives/partial/* --exclude=./var/cache/apt/*.bin
  --exclude=./var/cache/debconf/*-old --exclude=./var/lib/dpkg/*-old
  --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* --exclude=./tmp/* --exclude=./run/*
  --exclude=./var/log/apt/* --exclude=./var/log/dpkg.log --exclude=./var/log/alternatives.log
  --exclude=./root/.cache
)

import_tree() { # ROOT TAG CHANGE... : tar the tree into an image
  local root="$1" tag="$2"; shift 2
  local args=() c
  for c in "$@"; do args+=(--change "$c"); done
  tar --numeric-owner -C "$root" "${IMPORT_EXCLUDES[@]}" -c . \
    | "$DOCKER" import -m "stagewright engine image $tag" "${args[@]}" - "$tag" >/dev/null
}

tag_aliases() { # TAG ALIAS...
  local tag="$1" a; shift
  for a in "$@"; do "$DOCKER" tag "$tag" "$a"; done
}

# ---------------------------------------------------------------------------------------------------
# Recipes. Each job ID has:  PARENT[ID] (the job whose root folder it starts from, or empty),
# IMAGES[ID] (the tags it makes; the first of each is checked), build_ID ROOT and import_ID ROOT.

declare -A PARENT IMAGES
# Scheduling order: the longest chains first.
ORDER=(minbase scm buildpack node rust python gcc golang slim jdk maven jre nginx python-slim node-slim distroless busybox)

PARENT[minbase]=""
IMAGES[minbase]="debian:bookworm"
build_minbase() {
  local root="$1"
  rmdir "$root"
  mkdir -p "$POOL"
  "$DEBOOTSTRAP" --variant=minbase --cache-dir="$POOL" "$SUITE" "$root" "$MIRROR/"
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # As in Debian's container images: dpkg does not fsync every file (much faster on virtual disks) and
  # no services start while packages are installed.
  echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  # And apt as configured there: no binary caches or downloaded packages left in a layer after an
  # install, compressed package lists, no translations, suggested packages not kept.
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::GzipIndexes "true"; Acquire::CompressionTypes::Order:: "gz";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
  mount_proc "$root"
  in_root "$root" apt-get update -q
  umount_proc "$root"
  apt_get "$root" upgrade -y
}
import_minbase() {
  import_tree "$1" debian:bookworm "ENV PATH=$DEFAULT_PATH" 'CMD ["bash"]'
  tag_aliases debian:bookworm debian:12
}

PARENT[slim]=minbase
IMAGES[slim]="debian:bookworm-slim"
build_slim() {
  local root="$1"
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
# as in the -slim images: keep copyright files, drop the rest of the documentation and translations
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root/usr/share/man"/* "$root/usr/share/groff"/* "$root/usr/share/info"/* "$root/usr/share/lintian"/*
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  # Java's postinst links man pages through update-alternatives and needs the folder.
  mkdir -p "$root/usr/share/man/man1"
}
import_slim() {
  import_tree "$1" debian:bookworm-slim "ENV PATH=$DEFAULT_PATH" 'CMD ["bash"]'
  tag_aliases debian:bookworm-slim debian:12-slim
}

PARENT[scm]=minbase
IMAGES[scm]="buildpack-deps:bookworm-scm"
build_scm() {
  apt_install "$1" ca-certificates curl wget gnupg dirmngr netbase \
    git mercurial openssh-client subversion procps
}
import_scm() { import_tree "$1" buildpack-deps:bookworm-scm "ENV PATH=$DEFAULT_PATH" 'CMD ["bash"]'; }

PARENT[buildpack]=scm
IMAGES[buildpack]="buildpack-deps:bookworm"
build_buildpack() {
  # docker-library's buildpack-deps:bookworm list, less ImageMagick, GLib and MySQL client headers.
  apt_install "$1" autoconf automake bzip2 dpkg-dev file g++ gcc libbz2-dev libc6-dev \
    libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libgmp-dev libjpeg-dev \
    libkrb5-dev liblzma-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev \
    libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt1-dev \
    libyaml-dev make patch unzip xz-utils zlib1g-dev
}
import_buildpack() { import_tree "$1" buildpack-deps:bookworm "ENV PATH=$DEFAULT_PATH" 'CMD ["bash"]'; }

PARENT[golang]=scm
IMAGES[golang]="golang:1.22"
build_golang() {
  local root="$1"
  apt_install "$root" g++ gcc libc6-dev make pkg-config
  # Go 1.22 is in bookworm-backports (bookworm itself has 1.19).
  cat >"$root/etc/apt/sources.list.d/backports.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  mount_proc "$root"; in_root "$root" apt-get update -q; umount_proc "$root"
  apt_install "$root" -t "$SUITE-backports" golang-1.22-go
  rm "$root/etc/apt/sources.list.d/backports.sources"
  ln -s /usr/lib/go-1.22 "$root/usr/local/go"
  mkdir -p "$root/go/src" "$root/go/bin"
  chmod -R 1777 "$root/go"
}
import_golang() {
  local v; v="$(pkg_version "$1" golang-1.22-go)"
  import_tree "$1" golang:1.22 "ENV PATH=/go/bin:/usr/local/go/bin:$DEFAULT_PATH" "ENV GOLANG_VERSION=$v" \
    'ENV GOTOOLCHAIN=local' 'ENV GOPATH=/go' 'WORKDIR /go' 'CMD ["bash"]'
  tag_aliases golang:1.22 golang:1.22-bookworm
}

PARENT[rust]=buildpack
IMAGES[rust]="rust:1.77"
build_rust() {
  # rustc-web/cargo-web: the newer Rust that bookworm carries for browser builds (bookworm's rustc is 1.63).
  apt_install "$1" rustc-web cargo-web
  mkdir -p "$1/usr/local/cargo/bin" "$1/usr/local/rustup"
  chmod -R a+w "$1/usr/local/cargo" "$1/usr/local/rustup"
}
import_rust() {
  local v; v="$(pkg_version "$1" rustc-web)"
  import_tree "$1" rust:1.77 'ENV RUSTUP_HOME=/usr/local/rustup' 'ENV CARGO_HOME=/usr/local/cargo' \
    "ENV PATH=/usr/local/cargo/bin:$DEFAULT_PATH" "ENV RUST_VERSION=$v" 'CMD ["bash"]'
  tag_aliases rust:1.77 rust:1.77-bookworm
}

PARENT[gcc]=buildpack
IMAGES[gcc]="gcc:12"
build_gcc() {
  # The real gcc image has no cmake; a Dockerfile would apt-get it, which needs a network at build time.
  apt_install "$1" cmake gfortran
}
import_gcc() {
  import_tree "$1" gcc:12 "ENV PATH=$DEFAULT_PATH" "ENV GCC_VERSION=$(pkg_version "$1" gcc-12)" 'CMD ["bash"]'
  tag_aliases gcc:12 gcc:12-bookworm
}

# The node images' entrypoint: an option or a script file runs through node, a command runs as is.
write_node_entrypoint() {
  cat >"$1/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
# `docker run IMAGE -e 'code'` and `docker run IMAGE app.js` run node; `docker run IMAGE npm test` runs npm.
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1" || true)" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
  chmod 755 "$1/usr/local/bin/docker-entrypoint.sh"
}

# The official node images have a user `node` (uid and gid 1000) for `USER node`.
add_node_user() {
  in_root "$1" groupadd --gid 1000 node
  in_root "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
}

# npm as the official node images ship it, in the full and the slim image alike: the registry's npm
# package under /usr/local/lib/node_modules/npm, with npm and npx in /usr/local/bin. (Debian's npm
# package depends on node-gyp, python3 and C headers, which the slim image does not have.)
NPM_VERSION=10.8.2
NPM_INTEGRITY='sha512-x/AIjFIKRllrhcb48dqUNAAZl0ig9+qMuN91RpZo3Cb2+zuibfh+KISl6+kVVyktDz230JKc208UkQwwMqyB+w=='

npm_tarball() { # -> the path of npm's package in the pool (fetched once with this machine's npm, checked)
  local tgz="$POOL/npm-$NPM_VERSION.tgz" tmp
  mkdir -p "$POOL"
  if [ ! -s "$tgz" ]; then
    command -v npm >/dev/null || die "npm is needed here to fetch npm@$NPM_VERSION for the node images"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "npm@$NPM_VERSION" >/dev/null)
    mv -f "$tmp/npm-$NPM_VERSION.tgz" "$tgz.$$" && mv -f "$tgz.$$" "$tgz"
    rm -rf "$tmp"
  fi
  [ "$(node -e 'const c = require("crypto"), f = require("fs");
process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")" \
    = "$NPM_INTEGRITY" ] \
    || { rm -f "$tgz"; die "npm-$NPM_VERSION.tgz does not match its integrity"; }
  echo "$tgz"
}

install_npm() { # ROOT
  local root="$1" tgz
  tgz="$(npm_tarball)"
  mkdir -p "$root/usr/local/lib/node_modules/npm" "$root/usr/local/bin"
  tar -xzf "$tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  in_root "$root" npm --version >/dev/null
  rm -rf "$root/root/.npm"
}

PARENT[node]=buildpack
IMAGES[node]="node:20"
build_node() {
  apt_install "$1" nodejs
  install_npm "$1"
  write_node_entrypoint "$1"
  add_node_user "$1"
}
import_node() {
  import_tree "$1" node:20 "ENV PATH=$DEFAULT_PATH" "ENV NODE_VERSION=$(pkg_version "$1" nodejs)" \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["node"]'
  tag_aliases node:20 node:20-bookworm
}

PARENT[node-slim]=slim
IMAGES[node-slim]="node:20-slim"
build_node-slim() {
  apt_install "$1" nodejs
  install_npm "$1"
  write_node_entrypoint "$1"
  add_node_user "$1"
}
import_node-slim() {
  import_tree "$1" node:20-slim "ENV PATH=$DEFAULT_PATH" "ENV NODE_VERSION=$(pkg_version "$1" nodejs)" \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["node"]'
  tag_aliases node:20-slim node:20-bookworm-slim
}

# Like the official Python images, where Python lives in /usr/local: python, python3, pip and the
# console scripts pip installs are in /usr/local/bin, and what `pip install` installs as root lands in
# /usr/local/lib/python3.11/site-packages. Debian's python3 installs into .../dist-packages instead:
# site-packages is made the real folder and dist-packages a link to it, so both names work and a
# COPY of site-packages from python:3.11 to python:3.11-slim carries the packages. pip may install
# into the system Python (no EXTERNALLY-MANAGED marker).
python_like_official() {
  local root="$1" lib="$1/usr/local/lib/python3.11" b
  rm -f "$root"/usr/lib/python3.*/EXTERNALLY-MANAGED
  mkdir -p "$lib/site-packages" "$root/usr/local/bin"
  if [ -d "$lib/dist-packages" ] && [ ! -L "$lib/dist-packages" ]; then
    cp -a "$lib/dist-packages/." "$lib/site-packages/"
    rm -rf "$lib/dist-packages"
  fi
  ln -sfn site-packages "$lib/dist-packages"
  ln -sf /usr/bin/python3.11 "$root/usr/local/bin/python3.11"
  ln -sf python3.11 "$root/usr/local/bin/python3"
  ln -sf python3 "$root/usr/local/bin/python"
  for b in pip pip3 pip3.11; do
    printf '%s\n' '#!/usr/local/bin/python3.11' 'import sys' 'from pip._internal.cli.main import main' \
      'if __name__ == "__main__":' '    sys.exit(main())' >"$root/usr/local/bin/$b"
    chmod 755 "$root/usr/local/bin/$b"
  done
  # Checked: what pip installs as root resolves to /usr/local/lib/python3.11/site-packages.
  in_root "$root" /usr/local/bin/python -c 'import os, sys, sysconfig
for key in ("purelib", "platlib"):
    path = os.path.realpath(sysconfig.get_paths()[key])
    if path != "/usr/local/lib/python3.11/site-packages":
        sys.exit(key + " is " + path)
if sysconfig.get_paths()["scripts"] != "/usr/local/bin":
    sys.exit("scripts go to " + sysconfig.get_paths()["scripts"])'
}

PARENT[python]=buildpack
IMAGES[python]="python:3.11"
build_python() {
  apt_install "$1" python3 python3-dev python3-pip python3-venv python3-setuptools python3-wheel python-is-python3
  python_like_official "$1"
}
import_python() {
  import_tree "$1" python:3.11 "ENV PATH=/usr/local/bin:$DEFAULT_PATH" 'ENV LANG=C.UTF-8' \
    "ENV PYTHON_VERSION=$(pkg_version "$1" python3.11)" 'CMD ["python3"]'
  tag_aliases python:3.11 python:3.11-bookworm
}

PARENT[python-slim]=slim
IMAGES[python-slim]="python:3.11-slim"
build_python-slim() {
  local root="$1" tmp="$1/tmp/python-headers"
  apt_install "$root" python3 python3-venv python3-pip python-is-python3 ca-certificates netbase
  python_like_official "$root"
  # The official slim image keeps Python's C headers (its Python is built from source), so a
  # Dockerfile that apt-get installs gcc can compile extensions: the headers only, not the rest of
  # libpython3.11-dev.
  mkdir -p "$tmp"
  mount_proc "$root"
  in_root "$root" sh -c 'cd /tmp/python-headers && apt-get download -q libpython3.11-dev'
  umount_proc "$root"
  dpkg-deb -x "$tmp"/libpython3.11-dev_*.deb "$tmp/x"
  mkdir -p "$root/usr/include/x86_64-linux-gnu"
  cp -a "$tmp/x/usr/include/python3.11" "$root/usr/include/"
  cp -a "$tmp/x/usr/include/x86_64-linux-gnu/python3.11" "$root/usr/include/x86_64-linux-gnu/"
  rm -rf "$tmp"
}
import_python-slim() {
  import_tree "$1" python:3.11-slim "ENV PATH=/usr/local/bin:$DEFAULT_PATH" 'ENV LANG=C.UTF-8' \
    "ENV PYTHON_VERSION=$(pkg_version "$1" python3.11)" 'CMD ["python3"]'
  tag_aliases python:3.11-slim python:3.11-slim-bookworm
}

# Eclipse Temurin's images: JAVA_HOME=/opt/java/openjdk, en_US.UTF-8, certificates, curl and wget.
java_common() {
  local root="$1"; shift
  apt_install "$root" "$@" ca-certificates curl wget fontconfig locales tzdata p11-kit
  echo 'en_US.UTF-8 UTF-8' >"$root/etc/locale.gen"
  in_root "$root" locale-gen
  mkdir -p "$root/opt/java"
  ln -s /usr/lib/jvm/java-17-openjdk-amd64 "$root/opt/java/openjdk"
}
java_changes=(
  'ENV JAVA_HOME=/opt/java/openjdk' "ENV PATH=/opt/java/openjdk/bin:$DEFAULT_PATH"
  'ENV LANG=en_US.UTF-8' 'ENV LANGUAGE=en_US:en' 'ENV LC_ALL=en_US.UTF-8'
)

PARENT[jdk]=slim
IMAGES[jdk]="eclipse-temurin:17-jdk"
build_jdk() { java_common "$1" openjdk-17-jdk-headless binutils; }
import_jdk() {
  import_tree "$1" eclipse-temurin:17-jdk "${java_changes[@]}" \
    "ENV JAVA_VERSION=jdk-$(pkg_version "$1" openjdk-17-jdk-headless)" 'CMD ["jshell"]'
  tag_aliases eclipse-temurin:17-jdk eclipse-temurin:17
}

PARENT[maven]=jdk
IMAGES[maven]="maven:3.9-eclipse-temurin-17"
build_maven() { apt_install "$1" maven git openssh-client; }
import_maven() {
  import_tree "$1" maven:3.9-eclipse-temurin-17 "${java_changes[@]}" \
    "ENV JAVA_VERSION=jdk-$(pkg_version "$1" openjdk-17-jdk-headless)" \
    'ENV MAVEN_HOME=/usr/share/maven' 'ENV MAVEN_CONFIG=/root/.m2' 'CMD ["mvn"]'
  tag_aliases maven:3.9-eclipse-temurin-17 maven:3-eclipse-temurin-17
}

PARENT[jre]=slim
IMAGES[jre]="eclipse-temurin:17-jre"
build_jre() { java_common "$1" openjdk-17-jre-headless; }
import_jre() {
  import_tree "$1" eclipse-temurin:17-jre "${java_changes[@]}" \
    "ENV JAVA_VERSION=jdk-$(pkg_version "$1" openjdk-17-jre-headless)" 'CMD ["bash"]'
}

PARENT[nginx]=slim
IMAGES[nginx]="nginx:1.25"
build_nginx() {
  local root="$1"
  apt_install "$root" nginx curl ca-certificates
  # Serve /usr/share/nginx/html on port 80 as the official image does, logs to the container's output.
  rm -f "$root/etc/nginx/sites-enabled/default"
  cat >"$root/etc/nginx/conf.d/default.conf" <<'EOF'
server {
    listen       80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
EOF
  mkdir -p "$root/usr/share/nginx/html"
  cat >"$root/usr/share/nginx/html/50x.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Error</title></head>
<body><h1>An error occurred.</h1><p>The page you are looking for is temporarily unavailable.</p></body>
</html>
EOF
  ln -sf /dev/stdout "$root/var/log/nginx/access.log"
  ln -sf /dev/stderr "$root/var/log/nginx/error.log"
}
import_nginx() {
  local v tmp
  v="$(pkg_version "$1" nginx)"
  import_tree "$1" stagewright-engine/nginx-base:tmp "ENV PATH=$DEFAULT_PATH" "ENV NGINX_VERSION=$v" \
    'EXPOSE 80' 'CMD ["nginx", "-g", "daemon off;"]'
  # `docker import` cannot set STOPSIGNAL; a build without RUN adds it.
  tmp="$(mktemp -d)"
  printf 'FROM stagewright-engine/nginx-base:tmp\nSTOPSIGNAL SIGQUIT\n' >"$tmp/Dockerfile"
  DOCKER_BUILDKIT=1 "$DOCKER" build -q --network=none -t nginx:1.25 "$tmp" >/dev/null
  rm -rf "$tmp"
  "$DOCKER" rmi stagewright-engine/nginx-base:tmp >/dev/null
  tag_aliases nginx:1.25 nginx:stable
}

# Distroless: the files of a few packages, no package manager, no shell (maintainer scripts do not run;
# the certificate bundle is made the way update-ca-certificates makes it).
DISTROLESS_STATIC_PKGS=(base-files netbase tzdata ca-certificates media-types)
DISTROLESS_BASE_PKGS=(libc6 libssl3)
DISTROLESS_CC_PKGS=(libgcc-s1 libstdc++6 libgomp1)

PARENT[distroless]=minbase
IMAGES[distroless]="gcr.io/distroless/static-debian12 gcr.io/distroless/base-debian12 gcr.io/distroless/cc-debian12"
distroless_add() { # TREE DEBS_DIR PACKAGE...
  local tree="$1" debs="$2" p deb; shift 2
  mkdir -p "$tree/var/lib/dpkg/status.d"
  for p in "$@"; do
    deb="$(ls "$debs/${p}"_*.deb)"
    dpkg-deb -x "$deb" "$tree"
    dpkg-deb -f "$deb" >"$tree/var/lib/dpkg/status.d/$p"
  done
  find "$tree/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete 2>/dev/null || true
  rm -rf "$tree/usr/share/man" "$tree/usr/share/lintian" "$tree/usr/share/info"
}
build_distroless() {
  local root="$1" debs="$1/tmp/distroless-debs" out="$1/distroless"
  mkdir -p "$debs"
  mount_proc "$root"
  in_root "$root" sh -c "cd /tmp/distroless-debs && apt-get download -q \
    ${DISTROLESS_STATIC_PKGS[*]} ${DISTROLESS_BASE_PKGS[*]} ${DISTROLESS_CC_PKGS[*]}"
  umount_proc "$root"
  local s="$out/static"
  mkdir -p "$s"
  distroless_add "$s" "$debs" "${DISTROLESS_STATIC_PKGS[@]}"
  mkdir -p "$s/etc/ssl/certs" "$s/tmp" "$s/root" "$s/home/nonroot"
  chmod 1777 "$s/tmp"; chmod 700 "$s/root" "$s/home/nonroot"; chown 65532:65532 "$s/home/nonroot"
  find "$s/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat >"$s/etc/ssl/certs/ca-certificates.crt"
  cat >"$s/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
  cat >"$s/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
EOF
  printf 'passwd:         files\ngroup:          files\nhosts:          files dns\nnetworks:       files\nprotocols:      files\nservices:       files\n' \
    >"$s/etc/nsswitch.conf"
  cp -a "$s" "$out/base"
  distroless_add "$out/base" "$debs" "${DISTROLESS_BASE_PKGS[@]}"
  cp -a "$out/base" "$out/cc"
  distroless_add "$out/cc" "$debs" "${DISTROLESS_CC_PKGS[@]}"
}
import_distroless() {
  local flavour env=("ENV PATH=$DEFAULT_PATH" 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt')
  for flavour in static base cc; do
    import_tree "$1/distroless/$flavour" "gcr.io/distroless/$flavour-debian12" "${env[@]}" 'USER 0' 'WORKDIR /'
    import_tree "$1/distroless/$flavour" "gcr.io/distroless/$flavour-debian12:nonroot" "${env[@]}" \
      'USER 65532' 'WORKDIR /home/nonroot'
    tag_aliases "gcr.io/distroless/$flavour-debian12" "gcr.io/distroless/$flavour"
  done
}

PARENT[busybox]=""
IMAGES[busybox]="busybox:latest"
build_busybox() {
  local root="$1" applet
  [ -x /bin/busybox ] || die "/bin/busybox missing: install busybox-static (scripts/setup-engine.sh install)"
  mkdir -p "$root/bin" "$root/etc" "$root/home" "$root/root" "$root/tmp" "$root/usr/sbin" \
    "$root/var/spool/mail" "$root/var/www"
  chmod 1777 "$root/tmp"; chmod 700 "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln "$root/bin/busybox" "$root/bin/$applet"
  done
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:8:
www-data:x:33:
operator:x:37:
staff:x:50:
users:x:100:
nogroup:x:65534:
EOF
}
import_busybox() {
  import_tree "$1" busybox:latest "ENV PATH=$DEFAULT_PATH" 'CMD ["sh"]'
  tag_aliases busybox:latest busybox:1.36 busybox:stable
}

# ---------------------------------------------------------------------------------------------------
# Recipe hashes, state, scheduling.

HELPERS=(in_root mount_proc umount_proc apt_get apt_install pkg_version import_tree tag_aliases
  write_node_entrypoint add_node_user npm_tarball install_npm python_like_official java_common distroless_add)
DATA=(IMPORT_EXCLUDES java_changes DISTROLESS_STATIC_PKGS DISTROLESS_BASE_PKGS DISTROLESS_CC_PKGS DEFAULT_PATH
  NPM_VERSION NPM_INTEGRITY)

recipe_text() { # ID -> the text of its functions plus every helper and data item they use, transitively
  local text name grew=1
  text="$(declare -f "build_$1" "import_$1")"
  declare -A seen=()
  while [ "$grew" = 1 ]; do
    grew=0
    for name in "${HELPERS[@]}"; do
      if [ -z "${seen[$name]:-}" ] && grep -qw -- "$name" <<<"$text"; then
        seen[$name]=1; grew=1; text+=$'\n'"$(declare -f "$name")"
      fi
    done
  done
  for name in "${DATA[@]}"; do
    grep -qw -- "$name" <<<"$text" && text+=$'\n'"$(declare -p "$name")"
  done
  printf '%s\n' "$text"
}

declare -A HASH
recipe_hash() { # ID -> hash of its recipe (with what it uses) and of its parent's hash
  local id="$1"
  if [ -z "${HASH[$id]:-}" ]; then
    local parent="${PARENT[$id]}" ph=""
    [ -n "$parent" ] && { recipe_hash "$parent" >/dev/null; ph="${HASH[$parent]}"; }
    HASH[$id]="$({
      echo "epoch $RECIPE_EPOCH suite $SUITE parent $ph images ${IMAGES[$id]}"
      recipe_text "$id"
    } | sha256sum | cut -c1-16)"
  fi
  echo "${HASH[$id]}"
}

# Fills HASH for every job in this shell, so that later calls (also in subshells) only look it up.
compute_hashes() {
  local id
  for id in "${ORDER[@]}"; do recipe_hash "$id" >/dev/null; done
}

state_file() { echo "$STATE/$(echo "$1" | tr '/:' '__').recipe"; }

image_current() { # TAG HASH
  local f id want
  f="$(state_file "$1")"
  [ -f "$f" ] || return 1
  read -r want id <"$f" || return 1
  [ "$want" = "$2" ] && [ "$("$DOCKER" image inspect -f '{{.Id}}' "$1" 2>/dev/null)" = "$id" ]
}

record_images() { # ID
  local tag
  mkdir -p "$STATE"
  for tag in ${IMAGES[$1]}; do
    echo "$(recipe_hash "$1") $("$DOCKER" image inspect -f '{{.Id}}' "$tag")" >"$(state_file "$tag")"
  done
}

job_current() { # ID: all its images are current
  local tag h; h="$(recipe_hash "$1")"
  for tag in ${IMAGES[$1]}; do image_current "$tag" "$h" || return 1; done
}

WORK=""
declare -A JOB_PID
kill_tree() { # PID: the process and its descendants, children first
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
cleanup() {
  local rc=$? pid m
  for pid in "${JOB_PID[@]}"; do kill_tree "$pid"; done
  wait 2>/dev/null || true
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    # Unmount whatever a job left mounted under the work folder (deepest first), then remove it.
    for m in $(awk -v w="$WORK/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
      umount -l "$m" || true
    done
    rm -rf --one-file-system "$WORK"
  fi
  exit "$rc"
}

run_job() { # ID (in a subshell; its output goes to the job's log)
  local id="$1" root="$WORK/rootfs/$1" parent="${PARENT[$1]}"
  if [ -n "$parent" ]; then cp -a "$WORK/rootfs/$parent" "$root"; else mkdir -p "$root"; fi
  "build_$id" "$root"
  if ! job_current "$id" || [ -n "$FORCE" ]; then
    # The images this job replaces: removed once untagged (kept while a container or image uses them).
    local ref old=()
    for ref in ${IMAGES[$id]}; do
      old+=("$("$DOCKER" image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)")
    done
    [ "$id" != distroless ] || for ref in static base cc; do
      old+=("$("$DOCKER" image inspect -f '{{.Id}}' "gcr.io/distroless/$ref-debian12:nonroot" 2>/dev/null || true)")
    done
    "import_$id" "$root"
    record_images "$id"
    for ref in "${old[@]}"; do
      [ -z "$ref" ] || [ -n "$("$DOCKER" image inspect -f '{{join .RepoTags ","}}' "$ref" 2>/dev/null)" ] \
        || "$DOCKER" image rm "$ref" >/dev/null 2>&1 || true
    done
  fi
}

build_all() {
  [ "$(id -u)" = 0 ] || die "run as root (debootstrap and chroot need it)"
  [ -x "$DEBOOTSTRAP" ] || die "debootstrap missing: run scripts/setup-engine.sh install"
  "$DOCKER" info >/dev/null 2>&1 || die "no engine at $DOCKER_HOST: run scripts/setup-engine.sh start"
  local id t0=$SECONDS
  # A job runs when its images are missing or outdated, or when a job that needs its root folder runs.
  declare -A NEED
  for id in "${ORDER[@]}"; do
    if [ -n "$FORCE" ] || ! job_current "$id"; then
      local a="$id"
      while [ -n "$a" ]; do NEED[$a]=1; a="${PARENT[$a]}"; done
    fi
  done
  local pending=() built=()
  for id in "${ORDER[@]}"; do [ -n "${NEED[$id]:-}" ] && pending+=("$id"); done
  if [ "${#pending[@]}" = 0 ]; then say "all images current"; return 0; fi
  say "mirror $MIRROR, security $SECURITY_MIRROR; jobs: ${pending[*]} ($JOBS at a time)"

  mkdir -p "$ENGINE_DIR" "$STATE/logs"
  WORK="$(mktemp -d "$ENGINE_DIR/build.XXXXXX")"
  mkdir -p "$WORK/rootfs" "$WORK/logs"
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  declare -A FINISHED START PID_ID
  local running=0 failed="" pid rc
  while [ "${#pending[@]}" -gt 0 ] || [ "$running" -gt 0 ]; do
    local still=()
    for id in "${pending[@]}"; do
      local parent="${PARENT[$id]}"
      if [ -z "$failed" ] && [ "$running" -lt "$JOBS" ] && { [ -z "$parent" ] || [ -n "${FINISHED[$parent]:-}" ]; }; then
        START[$id]=$SECONDS
        ( set -euo pipefail; run_job "$id" ) >"$WORK/logs/$id.log" 2>&1 &
        JOB_PID[$id]=$!; PID_ID[$!]=$id
        running=$((running + 1))
        say "start $id"
      else
        still+=("$id")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    if [ "$running" = 0 ]; then
      [ -n "$failed" ] && break
      die "nothing can start (${pending[*]})"
    fi
    rc=0
    wait -n -p pid || rc=$?
    [ -n "${PID_ID[$pid]:-}" ] || continue # a removal below ended
    id="${PID_ID[$pid]}"
    unset "JOB_PID[$id]"
    running=$((running - 1))
    cp "$WORK/logs/$id.log" "$STATE/logs/$id.log"
    if [ "$rc" = 0 ]; then
      FINISHED[$id]=1; built+=("$id")
      say "done  $id in $((SECONDS - START[$id]))s"
    else
      failed="$id"
      say "FAILED $id (exit $rc); last lines of $STATE/logs/$id.log:"
      tail -n 40 "$WORK/logs/$id.log" >&2
      pending=()
    fi
    # A root folder nobody still needs is removed in the background, at the lowest best-effort I/O priority.
    local r
    for r in "${!FINISHED[@]}"; do
      local user=0 p
      for p in "${pending[@]+"${pending[@]}"}" "${!JOB_PID[@]}"; do [ "${PARENT[$p]}" = "$r" ] && user=1; done
      if [ "$user" = 0 ] && [ -d "$WORK/rootfs/$r" ]; then
        mkdir -p "$WORK/trash"
        mv "$WORK/rootfs/$r" "$WORK/trash/$r"
        ionice -c 2 -n 7 rm -rf --one-file-system "$WORK/trash/$r" &
      fi
    done
  done
  [ -z "$failed" ] || die "image job $failed failed"
  say "built ${built[*]} in $((SECONDS - t0))s"
}

list_images() {
  local id tag h state
  printf '%-44s %-10s %s\n' IMAGE SIZE STATE
  for id in "${ORDER[@]}"; do
    h="$(recipe_hash "$id")"
    for tag in ${IMAGES[$id]}; do
      if image_current "$tag" "$h"; then state=current
      elif "$DOCKER" image inspect "$tag" >/dev/null 2>&1; then state=outdated
      else state=missing; fi
      printf '%-44s %-10s %s\n' "$tag" \
        "$("$DOCKER" image inspect -f '{{.Size}}' "$tag" 2>/dev/null | awk '{ printf "%.1fMB", $1 / 1e6 }')" "$state"
    done
  done
}

check_images() {
  local id bad=0
  for id in "${ORDER[@]}"; do job_current "$id" || { say "not current: ${IMAGES[$id]}"; bad=1; }; done
  return "$bad"
}

compute_hashes
FORCE=""
cmd=build
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    build|list|check) cmd="$arg" ;;
    *) die "usage: $0 [build [--force]|list|check]" ;;
  esac
done
case "$cmd" in
  build) build_all ;;
  list) list_images ;;
  check) check_images ;;
esac
