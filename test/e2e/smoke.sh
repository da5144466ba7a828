#!/usr/bin/env bash
# Smoke test of the tools built by test/e2e/setup-tools.sh:
#   1. for each provider in the filesystem mirror (or those named with --providers a,b), a throwaway
#      Terraform JSON config in a temp dir: `init` (offline, TF_CLI_CONFIG_FILE) + `validate`
#   2. unless --no-cluster: start-cluster.sh, then `apply` a kubernetes_namespace_v1 against it and
#      `destroy` it (the namespace must be gone afterwards), then stop-cluster.sh
# Prints one line per check and a closing "N passed, N failed" line; exits non-zero on a failure.
# Usage: test/e2e/smoke.sh [--providers kubernetes,helm] [--no-cluster] [--cli PATH]
set -euo pipefail
# the whole run (cluster, CLI, providers, node) in a loopback-only network namespace
if [ "${CDKTF_E2E_NETNS:-0}" != 1 ]; then exec "$(cd "$(dirname "$0")" && pwd)/netns.sh" bash "$0" "$@"; fi

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
PROVIDERS=""; CLUSTER=1; CLI=""
while [ $# -gt 0 ]; do
  case "$1" in
    --providers) PROVIDERS=$2; shift 2 ;;
    --no-cluster) CLUSTER=0; shift ;;
    --cli) CLI=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$CACHE/env.sh" ] || { echo "smoke: $CACHE/env.sh missing; run test/e2e/setup-tools.sh" >&2; exit 1; }
# shellcheck disable=SC1091
. "$CACHE/env.sh"
CLI=${CLI:-$CDKTF_E2E_TF_BINARY}
[ -x "$CLI" ] || { echo "smoke: no CLI ($CLI)" >&2; exit 1; }
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# one plugin cache per run would defeat the point: make sure nothing but the mirror is used
unset TF_PLUGIN_CACHE_DIR
echo "CLI: $CLI ($("$CLI" version | head -1)); TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE"

declare -A VERSIONS=([kubernetes]=2.38.0 [helm]=3.1.1 [google]=6.50.0 [azurerm]=4.55.0 [aws]=6.25.0 [tls]=4.1.0)
if [ -z "$PROVIDERS" ]; then
  PROVIDERS=$(for n in kubernetes helm google azurerm aws tls; do
    [ -d "$CACHE/mirror/registry.terraform.io/hashicorp/$n/${VERSIONS[$n]}" ] && echo "$n"; done | paste -sd, -)
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cdktf-e2e-smoke.XXXXXX")
PASS=0; FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
ko() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }

provider_block() { # name -> provider config JSON that validates without credentials
  case "$1" in
    azurerm) echo '{"features":{}}' ;;
    *) echo '{}' ;;
  esac
}

IFS=, read -r -a plist <<<"$PROVIDERS"
for n in "${plist[@]}"; do
  [ -n "$n" ] || continue
  v=${VERSIONS[$n]}; d="$WORK/$n"; mkdir -p "$d"
  cat >"$d/main.tf.json" <<EOF
{"terraform":{"required_providers":{"$n":{"source":"hashicorp/$n","version":"$v"}}},
 "provider":{"$n":$(provider_block "$n")}}
EOF
  s=$(date +%s)
  if (cd "$d" && "$CLI" init -input=false -no-color >init.log 2>&1 && "$CLI" validate -no-color >validate.log 2>&1); then
    ok "$n $v: init + validate ($(( $(date +%s) - s ))s)"
  else
    ko "$n $v: init/validate"; tail -15 "$d"/*.log | sed 's/^/     /'
  fi
done

if [ "$CLUSTER" = 1 ]; then
  KC="$WORK/kubeconfig"
  s=$(date +%s)
  if "$HERE/start-cluster.sh" "$KC" >"$WORK/start-cluster.log" 2>&1; then
    ok "cluster up ($(( $(date +%s) - s ))s): $(grep CDKTF_E2E_API_SERVER "$WORK/start-cluster.log")"
    API=$(sed -n 's/^CDKTF_E2E_API_SERVER=//p' "$WORK/start-cluster.log")
    ST=$(cat "$KC.state")
    pki="$ST/pki"
    if curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$API/readyz" | grep -qx ok; then
      ok "GET /readyz with the client certificate"
    else ko "GET /readyz"; fi
    d="$WORK/ns"; mkdir -p "$d"
    cat >"$d/main.tf.json" <<EOF
{"terraform":{"required_providers":{"kubernetes":{"source":"hashicorp/kubernetes","version":"2.38.0"}}},
 "provider":{"kubernetes":{"config_path":"$KC"}},
 "resource":{"kubernetes_namespace_v1":{"smoke":{"metadata":{"name":"cdktf-e2e-smoke","labels":{"app":"smoke"}}}}}}
EOF
    s=$(date +%s)
    if (cd "$d" && "$CLI" init -input=false -no-color >init.log 2>&1 && "$CLI" apply -auto-approve -input=false -no-color >apply.log 2>&1); then
      code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$API/api/v1/namespaces/cdktf-e2e-smoke")
      [ "$code" = 200 ] && ok "apply kubernetes_namespace_v1 ($(( $(date +%s) - s ))s, GET namespace -> $code)" || ko "apply: namespace GET -> $code"
      s=$(date +%s)
      if (cd "$d" && "$CLI" destroy -auto-approve -input=false -no-color >destroy.log 2>&1); then
        code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$API/api/v1/namespaces/cdktf-e2e-smoke")
        [ "$code" = 404 ] && ok "destroy kubernetes_namespace_v1 ($(( $(date +%s) - s ))s, GET namespace -> $code)" || ko "destroy: namespace GET -> $code"
      else ko "destroy"; tail -15 "$d/destroy.log" | sed 's/^/     /'; fi
    else
      ko "init/apply kubernetes_namespace_v1"; tail -15 "$d"/*.log | sed 's/^/     /'
    fi
    # helm_release of a local chart (one ConfigMap), wait=false: the cluster has no nodes
    if [ -d "$CACHE/mirror/registry.terraform.io/hashicorp/helm/${VERSIONS[helm]}" ]; then
      d="$WORK/helm"; mkdir -p "$d/chart/templates"
      printf 'apiVersion: v2\nname: smoke\nversion: 0.1.0\n' >"$d/chart/Chart.yaml"
      printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: smoke-{{ .Release.Name }}\ndata:\n  v: {{ .Values.v | quote }}\n' >"$d/chart/templates/cm.yaml"
      printf 'v: default\n' >"$d/chart/values.yaml"
      cat >"$d/main.tf.json" <<EOF
{"terraform":{"required_providers":{"helm":{"source":"hashicorp/helm","version":"${VERSIONS[helm]}"}}},
 "provider":{"helm":{"kubernetes":{"config_path":"$KC"}}},
 "resource":{"helm_release":{"smoke":{"name":"r1","namespace":"default","chart":"$d/chart","wait":false,
   "set":[{"name":"v","value":"from-terraform"}]}}}}
EOF
      s=$(date +%s)
      cm="$API/api/v1/namespaces/default/configmaps/smoke-r1"
      if (cd "$d" && "$CLI" init -input=false -no-color >init.log 2>&1 && "$CLI" apply -auto-approve -input=false -no-color >apply.log 2>&1) &&
         curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$cm" | grep -q from-terraform; then
        ok "apply helm_release of a local chart ($(( $(date +%s) - s ))s, ConfigMap present)"
        if (cd "$d" && "$CLI" destroy -auto-approve -input=false -no-color >destroy.log 2>&1) &&
           [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$cm")" = 404 ]; then
          ok "destroy helm_release (ConfigMap gone)"
        else ko "destroy helm_release"; tail -15 "$d/destroy.log" | sed 's/^/     /'; fi
      else
        ko "init/apply helm_release"; tail -15 "$d"/*.log | sed 's/^/     /'
      fi
    fi
    "$HERE/stop-cluster.sh" "$KC" && ok "cluster stopped" || ko "stop-cluster"
  else
    ko "start-cluster"; tail -30 "$WORK/start-cluster.log" | sed 's/^/     /'
  fi
fi

[ "$FAIL" = 0 ] && rm -rf "$WORK" || echo "work dir kept: $WORK"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
