#!/usr/bin/env bash
# Builds the platform's jar as it was at a release, for the upgrade tests (module `upgrade`):
#   scripts/build-release.sh v0.1.0 7d942f99c23c03f0a4e591f996797c54c48a1b9b upgrade/target/releases
# writes upgrade/target/releases/order-platform-v0.1.0.jar. The sources come from git, by the
# release's commit: a clone made without tags (or a branch pushed without them) still has every
# commit of main, so the tag is only checked, never needed. When the tag is there it must name the
# same commit. The build is the release's own Maven build; the jar is kept under
# ~/.cache/order-platform/releases, keyed by the commit, so only the first run builds it.
# ORDERS_RELEASE_CACHE moves that cache.
set -euo pipefail

tag="$1"
commit="$2"
out="$3"
repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"

if tagged="$(git -C "$repo" rev-parse --verify --quiet "refs/tags/$tag^{commit}")" \
    && [ "$tagged" != "$commit" ]; then
  echo "build-release: tag $tag is $tagged, but the build names $commit for it (upgrade/pom.xml)" >&2
  exit 1
fi
if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
  # A shallow clone lacks the release's commit: fetch it, if a remote will give it.
  GIT_TERMINAL_PROMPT=0 timeout 120 git -C "$repo" fetch --quiet origin "$commit" 2>/dev/null || true
fi
if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "build-release: commit $commit ($tag) is not in $repo; the upgrade tests need the previous" \
    "release's sources (a full clone, or git fetch --unshallow)" >&2
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
