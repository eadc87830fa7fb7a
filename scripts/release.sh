#!/usr/bin/env bash
# Publishes the GitHub release of a vX.Y.Z tag with its notes from CHANGELOG.md, and moves the vX major tag to
# the same commit. Run by .github/workflows/release.yml after the dist check and the tests passed; needs gh and
# GH_TOKEN with contents: write. Usage: bash scripts/release.sh vX.Y.Z
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:?usage: bash scripts/release.sh vX.Y.Z}
if ! [[ $tag =~ ^v([0-9]+)\.[0-9]+\.[0-9]+$ ]]; then
  echo "release: '$tag' is not a vX.Y.Z tag" >&2
  exit 1
fi
major="v${BASH_REMATCH[1]}"
version=${tag#v}
declared=$(node -p 'require("./package.json").version')
if [ "$declared" != "$version" ]; then
  echo "release: the tag $tag does not match package.json's version $declared; set it there, commit, and tag again" >&2
  exit 1
fi
commit=$(git rev-parse "$tag^{commit}")
notes=$(mktemp)
node scripts/changelog.mjs "$version" > "$notes"
gh release create "$tag" --verify-tag --title "$tag" --notes-file "$notes"
# Users pin the major tag (uses: go-scratch-image/go-scratch-image@v0): it follows the newest release of that
# major only, so a fix released for an older minor after a newer one leaves it where it is.
newest=$(git tag --list "$major.*" | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1)
if [ "$newest" != "$tag" ]; then
  echo "released $tag ($commit); $major stays at $newest, the newest $major release"
  exit 0
fi
git tag --force "$major" "$commit"
git push --force origin "refs/tags/$major"
echo "released $tag ($commit); $major now points at it"
