#!/usr/bin/env bash
# Clones the committed tree to two different paths, synthesizes the default app in each,
# and fails unless every file under cdktf.out/stacks is byte-identical.
# node_modules is shared by symlink to keep it fast.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in first-clone second/clone-at-another-depth; do
  mkdir -p "$work/$(dirname "$name")"
  git clone -q "$repo" "$work/$name"
  ln -s "$repo/node_modules" "$work/$name/node_modules"
  (cd "$work/$name" && npx tsc -p tsconfig.json && CHECKPOINT_DISABLE=1 node dist/stacks/main.js)
done
if diff -r "$work/first-clone/cdktf.out/stacks" "$work/second/clone-at-another-depth/cdktf.out/stacks"; then
  count=$(find "$work/first-clone/cdktf.out/stacks" -type f | wc -l)
  echo "reproducible: $count files byte-identical across two clones at different paths"
else
  echo "NOT reproducible: the synthesized output differs between clones" >&2
  exit 1
fi
