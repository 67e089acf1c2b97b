#!/usr/bin/env bash
# Builds the platform's jar as it was at a release tag, for the upgrade tests (module `upgrade`):
#   scripts/build-release.sh v0.1.0 upgrade/target/releases
# writes upgrade/target/releases/order-platform-v0.1.0.jar. The sources come from git (the tag
# must be in the clone: `git fetch --tags`), the build is the release's own Maven build; the jar
# is kept under ~/.cache/order-platform/releases, keyed by the tag's commit, so only the first
# run builds it. ORDERS_RELEASE_CACHE moves that cache.
set -euo pipefail

tag="$1"
out="$2"
repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
if ! commit="$(git -C "$repo" rev-parse --verify --quiet "refs/tags/$tag^{commit}")"; then
  echo "build-release: no tag $tag in $repo; the upgrade tests need the previous release's sources (git fetch --tags)" >&2
  exit 1
fi
cache="${ORDERS_RELEASE_CACHE:-$HOME/.cache/order-platform/releases}"
jar="$cache/order-platform-$tag-$commit.jar"

if [ ! -f "$jar" ]; then
  sources="$(mktemp -d)"
  trap 'rm -rf "$sources"' EXIT
  git -C "$repo" archive "$commit" | tar -x -C "$sources"
  echo "build-release: building $tag ($commit)"
  (cd "$sources" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl app -am package)
  mkdir -p "$cache"
  cp "$sources/app/target/order-platform.jar" "$jar.tmp"
  mv "$jar.tmp" "$jar"
fi
mkdir -p "$out"
cp "$jar" "$out/order-platform-$tag.jar"
echo "build-release: $out/order-platform-$tag.jar ($tag, $commit)"
