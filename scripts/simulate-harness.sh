#!/usr/bin/env bash
# Differential test of `runner-pools simulate` against the real ARC controller code (opt-in).
#
# Builds, once and cached outside the repo, a test binary of ARC's legacy controller package
# (github.com/actions/actions-runner-controller@v0.27.6, downloaded through the Go module proxy)
# with our harness (test/simulate-harness/hra/zz_runner_pools_sim_test.go) dropped into a
# temporary copy of the module, so the harness calls the unexported decision functions. Then it
# generates the cases (test/simulate-harness/hra-cases.ts), runs the real code on them in a
# network namespace with loopback only (ARC's fake GitHub server listens on 127.0.0.1), and
# records the decisions as the golden file test/simulate-harness/hra-golden.jsonl, which
# test/cli/simulate/hra-differential.test.ts compares with the TypeScript model in default CI.
# The golden file is written only by this script, never by hand. No upstream code is committed.
#
# Usage: scripts/simulate-harness.sh [--check]   (--check: compare with the golden file, no write)
# Cache: $CDKTF_E2E_CACHE (default ~/.cache/cdktf-runner-pools): go/mod, go/cache, bin/, stamps/.
# Exit: 0 ok; 1 failure; 3 the harness cannot be built here (no Go, no module proxy): SKIP.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
ARC_MODULE=github.com/actions/actions-runner-controller
ARC_VERSION=v0.27.6
HARNESS="$ROOT/test/simulate-harness/hra/zz_runner_pools_sim_test.go"
GOLDEN="$ROOT/test/simulate-harness/hra-golden.jsonl"
BIN="$CACHE/bin/arc-hra-harness-$ARC_VERSION.test"
STAMP="$CACHE/stamps/arc-hra-harness.stamp"
CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1

skip() { echo "SKIP arc-hra-harness: $*" >&2; exit 3; }
command -v go >/dev/null || skip "no Go toolchain on PATH"

mkdir -p "$CACHE"/{bin,stamps,logs,go/cache,go/mod}
export GOCACHE="$CACHE/go/cache" GOMODCACHE="$CACHE/go/mod"
export GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0

key="$ARC_VERSION $(sha256sum "$HARNESS" | cut -c1-16) $(go env GOVERSION)"
if [ ! -x "$BIN" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$key" ]; then
  start=$(date +%s)
  dir=$(go mod download -json "$ARC_MODULE@$ARC_VERSION" 2>/dev/null | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p') ||
    true
  [ -n "$dir" ] && [ -d "$dir" ] || skip "go mod download $ARC_MODULE@$ARC_VERSION failed (module proxy unreachable?)"
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  cp -r "$dir/." "$work/"
  chmod -R u+w "$work"
  cp "$HARNESS" "$work/controllers/actions.summerwind.net/"
  echo "building the ARC $ARC_VERSION harness (log: $CACHE/logs/arc-hra-harness.log)" >&2
  if ! (cd "$work" && nice -n 10 go test -c -o "$BIN" ./controllers/actions.summerwind.net/) \
    >"$CACHE/logs/arc-hra-harness.log" 2>&1; then
    tail -20 "$CACHE/logs/arc-hra-harness.log" >&2
    echo "arc-hra-harness: build failed" >&2
    exit 1
  fi
  echo "$key" >"$STAMP"
  echo "built in $(($(date +%s) - start)) s" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$ROOT" && npx tsx test/simulate-harness/hra-cases.ts) >"$tmp/cases.jsonl"
# The harness's only server is ARC's fake GitHub API on loopback: run it with no other network.
if unshare --net true 2>/dev/null; then NET=(unshare --net sh -c 'ip link set lo up 2>/dev/null; exec "$@"' sh); else NET=(); fi
SIM_CASES="$tmp/cases.jsonl" SIM_OUT="$tmp/out.jsonl" "${NET[@]}" "$BIN" \
  -test.run '^TestRunnerPoolsSimHarness$' -test.count=1 >"$tmp/run.log" 2>&1 ||
  { tail -20 "$tmp/run.log" >&2; echo "arc-hra-harness: run failed" >&2; exit 1; }
cases=$(wc -l <"$tmp/cases.jsonl")
got=$(wc -l <"$tmp/out.jsonl")
[ "$cases" = "$got" ] || { echo "arc-hra-harness: $got decisions for $cases cases" >&2; exit 1; }
{
  printf '{"arc":"%s@%s","cases":%s,"casesSha256":"%s","generator":"test/simulate-harness/hra-cases.ts"}\n' \
    "$ARC_MODULE" "$ARC_VERSION" "$cases" "$(sha256sum "$tmp/cases.jsonl" | cut -d' ' -f1)"
  cat "$tmp/out.jsonl"
} >"$tmp/golden.jsonl"
if [ "$CHECK" = 1 ]; then
  cmp -s "$tmp/golden.jsonl" "$GOLDEN" || { echo "arc-hra-harness: $GOLDEN differs from the real code's output" >&2; exit 1; }
  echo "arc-hra-harness: golden file matches the real code ($cases cases)" >&2
else
  cp "$tmp/golden.jsonl" "$GOLDEN"
  echo "arc-hra-harness: wrote $GOLDEN ($cases cases)" >&2
fi
