#!/usr/bin/env bash
# Differential tests of `runner-pools simulate` against the real controller code (opt-in).
#
# Two harnesses, each built once and cached outside the repo from a module downloaded through the
# Go module proxy, with our own harness files dropped into a temporary copy of the module (so they
# can reach unexported code). No upstream code is committed.
# - hra: github.com/actions/actions-runner-controller@v0.27.6, package
#   controllers/actions.summerwind.net + test/simulate-harness/hra/zz_runner_pools_sim_test.go:
#   the legacy HRA decision functions with ARC's fake GitHub server (on 127.0.0.1). Cases:
#   test/simulate-harness/hra-cases.ts; golden: test/simulate-harness/hra-golden.jsonl;
#   compared in default CI by test/cli/simulate/hra-differential.test.ts.
# - listener: github.com/actions/scaleset@v0.4.0, module root +
#   test/simulate-harness/listener/zz_runner_pools_*_test.go: the real listener loop
#   (listener.Run) with a fake client and the module's own message parser. Cases:
#   test/simulate-harness/listener-cases.ts; golden: test/simulate-harness/listener-golden.jsonl.gz;
#   compared by test/cli/simulate/listener-differential.test.ts.
# Each runs in a network namespace with loopback only. The golden files are written only by this
# script, never by hand.
#
# Usage: scripts/simulate-harness.sh [--check] [hra|listener ...]   (default: both)
#        --check: compare with the golden files, no write
# Cache: $CDKTF_E2E_CACHE (default ~/.cache/cdktf-runner-pools): go/mod, go/cache, bin/, stamps/.
# Exit: 0 ok; 1 failure; 3 a harness cannot be built here (no Go, no module proxy): SKIP.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi
WHICH=("$@")
[ ${#WHICH[@]} -gt 0 ] || WHICH=(hra listener)

skip() { echo "SKIP simulate-harness: $*" >&2; exit 3; }
command -v go >/dev/null || skip "no Go toolchain on PATH"

mkdir -p "$CACHE"/{bin,stamps,logs,go/cache,go/mod}
export GOCACHE="$CACHE/go/cache" GOMODCACHE="$CACHE/go/mod"
export GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0

tmp=$(mktemp -d)
work=""
trap 'rm -rf "$tmp"; [ -z "$work" ] || { chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; }' EXIT

# build NAME MODULE VERSION PKG FILE... -> $BIN (cached; rebuilt when a harness file or Go changes)
build() {
  local name=$1 module=$2 version=$3 pkg=$4
  shift 4
  BIN="$CACHE/bin/$name-$version.test"
  local stamp="$CACHE/stamps/$name.stamp" key="$version $(go env GOVERSION)" f dir start
  for f in "$@"; do key="$key $(sha256sum "$f" | cut -c1-16)"; done
  if [ -x "$BIN" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then return 0; fi
  start=$(date +%s)
  dir=$(go mod download -json "$module@$version" 2>/dev/null | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p') || true
  [ -n "$dir" ] && [ -d "$dir" ] || skip "go mod download $module@$version failed (module proxy unreachable?)"
  work=$(mktemp -d)
  cp -r "$dir/." "$work/"
  chmod -R u+w "$work"
  cp "$@" "$work/$pkg/"
  echo "building the $name harness from $module@$version (log: $CACHE/logs/$name.log)" >&2
  if ! (cd "$work" && nice -n 10 go test -c -o "$BIN" "./$pkg/") >"$CACHE/logs/$name.log" 2>&1; then
    tail -20 "$CACHE/logs/$name.log" >&2
    echo "$name: build failed" >&2
    exit 1
  fi
  chmod -R u+w "$work"
  rm -rf "$work"
  work=""
  echo "$key" >"$stamp"
  echo "$name: built in $(($(date +%s) - start)) s" >&2
}

# The harnesses' only server is ARC's fake GitHub API on loopback: run them with no other network.
if unshare --net true 2>/dev/null; then NET=(unshare --net sh -c 'ip link set lo up 2>/dev/null; exec "$@"' sh); else NET=(); fi

# run NAME TESTNAME GENERATOR GOLDEN HEADER-KEY MODULE@VERSION
run() {
  local name=$1 test=$2 generator=$3 golden=$4 key=$5 what=$6 cases got start
  (cd "$ROOT" && npx tsx "$generator") >"$tmp/$name-cases.jsonl"
  start=$(date +%s%N)
  SIM_CASES="$tmp/$name-cases.jsonl" SIM_OUT="$tmp/$name-out.jsonl" "${NET[@]}" "$BIN" \
    -test.run "^$test\$" -test.count=1 >"$tmp/$name-run.log" 2>&1 ||
    { tail -20 "$tmp/$name-run.log" >&2; echo "$name: run failed" >&2; exit 1; }
  echo "$name: ran in $((($(date +%s%N) - start) / 1000000)) ms" >&2
  cases=$(wc -l <"$tmp/$name-cases.jsonl")
  got=$(wc -l <"$tmp/$name-out.jsonl")
  [ "$cases" = "$got" ] || { echo "$name: $got records for $cases cases" >&2; exit 1; }
  {
    printf '{"%s":"%s","cases":%s,"casesSha256":"%s","generator":"%s"}\n' \
      "$key" "$what" "$cases" "$(sha256sum "$tmp/$name-cases.jsonl" | cut -d' ' -f1)" "$generator"
    cat "$tmp/$name-out.jsonl"
  } >"$tmp/$name-golden.jsonl"
  # A golden file named *.gz is stored gzipped (-n: no name or time, so the bytes are stable).
  case "$golden" in
  *.gz) gzip -9 -n -c "$tmp/$name-golden.jsonl" >"$tmp/$name-golden.out" ;;
  *) cp "$tmp/$name-golden.jsonl" "$tmp/$name-golden.out" ;;
  esac
  if [ "$CHECK" = 1 ]; then
    cmp -s "$tmp/$name-golden.out" "$ROOT/$golden" ||
      { echo "$name: $golden differs from the real code's output" >&2; exit 1; }
    echo "$name: golden file matches the real code ($cases cases)" >&2
  else
    cp "$tmp/$name-golden.out" "$ROOT/$golden"
    echo "$name: wrote $golden ($cases cases)" >&2
  fi
}

for h in "${WHICH[@]}"; do
  case "$h" in
  hra)
    ARC_MODULE=github.com/actions/actions-runner-controller ARC_VERSION=v0.27.6
    # same binary name and stamp as before the listener harness existed
    build arc-hra-harness "$ARC_MODULE" "$ARC_VERSION" controllers/actions.summerwind.net \
      "$ROOT/test/simulate-harness/hra/zz_runner_pools_sim_test.go"
    run hra TestRunnerPoolsSimHarness test/simulate-harness/hra-cases.ts \
      test/simulate-harness/hra-golden.jsonl arc "$ARC_MODULE@$ARC_VERSION"
    ;;
  listener)
    SS_MODULE=github.com/actions/scaleset SS_VERSION=v0.4.0
    build scaleset-listener-harness "$SS_MODULE" "$SS_VERSION" . \
      "$ROOT/test/simulate-harness/listener/zz_runner_pools_export_test.go" \
      "$ROOT/test/simulate-harness/listener/zz_runner_pools_listener_sim_test.go"
    run listener TestRunnerPoolsListenerSimHarness test/simulate-harness/listener-cases.ts \
      test/simulate-harness/listener-golden.jsonl.gz scaleset "$SS_MODULE@$SS_VERSION"
    ;;
  *) echo "unknown harness $h (hra, listener)" >&2; exit 1 ;;
  esac
done
