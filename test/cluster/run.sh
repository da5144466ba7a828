#!/usr/bin/env bash
# `npm run test:cluster`: the real API server and the real charts as the judge.
# In a loopback-only network namespace (test/e2e/netns.sh): starts etcd + kube-apiserver +
# kube-controller-manager (test/e2e/start-cluster.sh), runs test/cluster/main.ts (every stack of
# the default app, every example, the test fixtures; then the differential fuzzer), stops the
# cluster. Needs `npm run build` and test/e2e/setup-tools.sh --only etcd,kube,helmcli.
# A missing tool is a SKIP that names itself (exit 0), or a failure with CDKTF_E2E_STRICT=1.
# Environment: CDKTF_FUZZ_RUNS (default 200; 0 = no fuzzing), CDKTF_FUZZ_SEED (default 13),
#   CDKTF_CLUSTER_ONLY=<substring of stack label>, CDKTF_CLUSTER_VERBOSE=1 (print PASS lines too),
#   CDKTF_CHARTS_DIR (default ../shared/upstream/charts), KEEP_E2E=1 (keep temp dirs).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${CDKTF_E2E_NETNS:-0}" != 1 ]; then exec "$repo/test/e2e/netns.sh" bash "$0" "$@"; fi
CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
BIN="${CDKTF_E2E_BIN:-$CACHE/bin}"
export CHECKPOINT_DISABLE=1 CDKTF_E2E_HELM="${CDKTF_E2E_HELM:-$BIN/helm}"
export CDKTF_CHARTS_DIR="${CDKTF_CHARTS_DIR:-$(cd "$repo/.." && pwd)/shared/upstream/charts}"

missing=()
for b in etcd kube-apiserver kube-controller-manager; do [ -x "$BIN/$b" ] || missing+=("$b"); done
[ -x "$CDKTF_E2E_HELM" ] || missing+=("helm (setup-tools.sh --only helmcli)")
[ -d "$CDKTF_CHARTS_DIR" ] || missing+=("the pinned charts ($CDKTF_CHARTS_DIR)")
[ -f "$repo/dist/scripts/synth-all.js" ] || missing+=("dist/ (npm run build)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "SKIP test:cluster: not available here: ${missing[*]}"
  [ "${CDKTF_E2E_STRICT:-0}" = 1 ] && exit 1
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cdktf-cluster.XXXXXX")
cleanup() {
  "$repo/test/e2e/stop-cluster.sh" "$work/kubeconfig" >/dev/null 2>&1 || true
  [ "${KEEP_E2E:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
s=$(date +%s)
"$repo/test/e2e/start-cluster.sh" "$work/kubeconfig" "$work/cluster" >/dev/null
echo "test:cluster: loopback control plane up in $(( $(date +%s) - s )) s (network namespace: lo only)"
cd "$repo"
KUBECONFIG="$work/kubeconfig" "$repo/node_modules/.bin/tsx" "$repo/test/cluster/main.ts"
