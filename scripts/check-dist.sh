#!/usr/bin/env bash
# Fails when dist/ differs from a fresh bundle of the sources: the committed action must be what src/ says.
# The bundle also regenerates src/cli/options.generated.ts and docs/inputs.md and docs/outputs.md from action.yml,
# the stage graph in docs/architecture.md from src/pipeline/stages.ts, and src/oci/libdeflate-wasm.generated.ts
# from the installed libdeflate package, so a stale one fails here too.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run bundle --silent >/dev/null
generated=(dist src/cli/options.generated.ts src/oci/libdeflate-wasm.generated.ts docs/inputs.md docs/outputs.md
  docs/architecture.md)
if [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
  echo "dist/ or a generated source or page does not match the sources; run 'npm run bundle' and commit them:" >&2
  git status --porcelain -- "${generated[@]}" >&2
  git diff --stat -- "${generated[@]}" >&2
  exit 1
fi
echo "dist/ and the generated sources match the sources"
