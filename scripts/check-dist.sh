#!/usr/bin/env bash
# Fails when dist/ differs from a fresh bundle of the sources: the committed action must be what src/ says.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run bundle --silent >/dev/null
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ does not match the sources; run 'npm run bundle' and commit dist/:" >&2
  git status --porcelain -- dist >&2
  git diff --stat -- dist >&2
  exit 1
fi
echo "dist/ matches the sources"
