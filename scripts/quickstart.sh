#!/usr/bin/env bash
# Quick start: builds examples/hello into an OCI layout with the action itself (no registry needed) and prints
# the size table. Go comes from a local release mirror made from Debian's Go, so no internet is needed;
# on a machine with internet set GO_DOWNLOAD_BASE_URL=https://go.dev/dl to use Go's own releases.
# The vulnerability check is off, as it would ask vuln.go.dev: VULNERABILITIES=report turns it on.
# Without GITHUB_ACTIONS=true the action knows no runner reads its log, and prints plain lines, no workflow commands.
set -euo pipefail
cd "$(dirname "$0")/.."

# The action runs on Node 24 (action.yml: node24), as on a runner; test-env.sh installs it from npm's registry.
PATH="$(bash scripts/test-env.sh node):$PATH"
export PATH
if [ -z "${GO_DOWNLOAD_BASE_URL:-}" ]; then
  bash scripts/test-env.sh go
  GO_DOWNLOAD_BASE_URL=http://127.0.0.1:${GSI_MIRROR_PORT:-5080}
fi
[ -d node_modules ] || npm ci --no-audit --no-fund --silent

out=$PWD/.tmp/quickstart
rm -rf "$out" && mkdir -p "$out/temp" "$out/tool-cache"
: > "$out/outputs"
env RUNNER_TEMP="$out/temp" RUNNER_TOOL_CACHE="${RUNNER_TOOL_CACHE:-$HOME/.cache/go-scratch-image/tool-cache}" \
  GITHUB_OUTPUT="$out/outputs" GITHUB_WORKSPACE="$PWD" \
  INPUT_WORKING-DIRECTORY=examples/hello INPUT_PUSH=false INPUT_OCI-LAYOUT=.tmp/quickstart/oci INPUT_TAGS=latest \
  INPUT_GO-DOWNLOAD-BASE-URL="$GO_DOWNLOAD_BASE_URL" INPUT_VULNERABILITIES="${VULNERABILITIES:-off}" \
  node dist/index.js

echo
echo "OCI layout: $out/oci  (try: skopeo inspect oci:$out/oci:latest)"
echo "Dockerfile: $(sed -n '/^dockerfile<</{n;p}' "$out/outputs")"
