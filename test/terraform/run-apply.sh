#!/usr/bin/env bash
# End-to-end apply of the kubeconfig stack's in-cluster half against a real API server on
# loopback: start etcd + kube-apiserver + kube-controller-manager (test/e2e/start-cluster.sh),
# synthesize test/terraform/e2e-app.ts, then with the real CLI and providers from the mirror:
#   init (offline) -> apply -> plan -detailed-exitcode (must be "no changes") -> destroy.
# Needs: npm run build, and test/e2e/setup-tools.sh --only cli,kubernetes,helm,etcd,kube.
# Prints a summary; exits non-zero on any failure (including a perpetual diff).
set -euo pipefail
# the whole run (cluster, CLI, providers, node) in a loopback-only network namespace
if [ "${CDKTF_E2E_NETNS:-0}" != 1 ]; then exec "$(cd "$(dirname "$0")" && pwd)/../e2e/netns.sh" bash "$0" "$@"; fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
# shellcheck disable=SC1091
[ -f "$CACHE/env.sh" ] && source "$CACHE/env.sh"
export TF_CLI_CONFIG_FILE="${TF_CLI_CONFIG_FILE:-$CACHE/terraformrc}" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
TF="${CDKTF_E2E_TF_BINARY:-}"
[ -n "$TF" ] || TF=$( { [ -x "$CACHE/bin/terraform-cli" ] && echo "$CACHE/bin/terraform-cli"; } || { [ -x "$CACHE/bin/tofu" ] && echo "$CACHE/bin/tofu"; } || command -v terraform || command -v tofu || true)

# Everything the run needs; what is missing is named, and the run is skipped (not passed):
# on a machine whose Go module proxy refuses the provider modules they cannot be built.
missing=()
[ -n "$TF" ] || missing+=("a Terraform CLI")
for p in kubernetes/2.38.0 helm/3.1.1; do
  ls "$CACHE/mirror/registry.terraform.io/hashicorp/$p/linux_amd64/"terraform-provider-* >/dev/null 2>&1 || missing+=("provider hashicorp/${p/\//@}")
done
for b in etcd kube-apiserver kube-controller-manager; do
  [ -x "${CDKTF_E2E_BIN:-$CACHE/bin}/$b" ] || missing+=("$b")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "SKIP e2e apply: not available here: ${missing[*]} (see test/e2e/setup-tools.sh)"
  [ "${CDKTF_E2E_STRICT:-0}" = 1 ] && exit 1
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cdktf-e2e-apply.XXXXXX")
stack="$work/out/stacks/e2e-kubernetes"
cleanup() {
  "$repo/test/e2e/stop-cluster.sh" "$work/kubeconfig" >/dev/null 2>&1 || true
  [ "${KEEP_E2E:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
step() { echo "== $*"; }
t() {
  local s rc=0
  s=$(date +%s)
  "$@" || rc=$?
  echo "   ($(( $(date +%s) - s )) s)"
  return $rc
}

step "synthesize the e2e app"
(cd "$repo/test/terraform" && CDKTF_OUTDIR="$work/out" node "$repo/dist/test/terraform/e2e-app.js")

step "start a loopback control plane"
"$repo/test/e2e/start-cluster.sh" "$work/kubeconfig" "$work/cluster" >/dev/null
cp "$work/kubeconfig" "$stack/kubeconfig"

cd "$stack"
step "init (offline, filesystem mirror) with $(basename "$TF")"
t "$TF" init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
# the stack's backend is local with a relative path: the state stays in the temp dir.

step "apply"
t "$TF" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 || { tail -60 "$work/apply.log"; exit 1; }
grep -E "^Apply complete" "$work/apply.log"
created=$("$TF" state list | wc -l)
echo "   resources in state: $created"
"$TF" state list | sed 's/^/     /'

step "check the objects in the API server"
pki="$work/cluster/pki"
server=$(grep -m1 'server:' "$work/kubeconfig" | awk '{print $2}')
api() { curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server$1"; }
count() { api "$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))'; }
for check in \
  "/apis/actions.summerwind.dev/v1alpha1/namespaces/e2e-arc/runnerdeployments RunnerDeployment" \
  "/apis/actions.summerwind.dev/v1alpha1/namespaces/e2e-arc/horizontalrunnerautoscalers HorizontalRunnerAutoscaler" \
  "/apis/apps/v1/namespaces/e2e-custom/deployments Deployment(custom-chart)" \
  "/apis/networking.k8s.io/v1/namespaces/e2e-custom/networkpolicies NetworkPolicy(e2e-custom)"; do
  set -- $check
  n=$(count "$1")
  echo "   $2: $n"
  [ "$n" -ge 1 ] || { echo "   expected at least one $2" >&2; exit 1; }
done
# the HRA's spec as the API server stored it (after CRD schema pruning)
api /apis/actions.summerwind.dev/v1alpha1/namespaces/e2e-arc/horizontalrunnerautoscalers |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const h=JSON.parse(s).items[0];console.log("   HRA "+h.metadata.name+": min "+h.spec.minReplicas+", max "+h.spec.maxReplicas+", metrics "+h.spec.metrics.map(m=>m.type).join("+")+", scheduledOverrides "+(h.spec.scheduledOverrides||[]).length)})'

step "second plan (must show no changes)"
set +e
"$TF" plan -detailed-exitcode -input=false -no-color >"$work/plan.log" 2>&1
plan_rc=$?
set -e
case $plan_rc in
  0) echo "   no changes" ;;
  2) echo "   PERPETUAL DIFF:"; grep -E "^\s+[~+-/]|will be|must be" "$work/plan.log" | head -80; exit 1 ;;
  *) tail -40 "$work/plan.log"; exit 1 ;;
esac

step "destroy"
t "$TF" destroy -auto-approve -input=false -no-color >"$work/destroy.log" 2>&1 || { tail -60 "$work/destroy.log"; exit 1; }
grep -E "^Destroy complete" "$work/destroy.log"
left=$("$TF" state list | wc -l)
[ "$left" -eq 0 ] || { echo "   $left resources left in state" >&2; exit 1; }
echo
echo "e2e apply: created $created resources, second plan: no changes, destroy: clean"
