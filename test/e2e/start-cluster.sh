#!/usr/bin/env bash
# Starts a real, node-less Kubernetes control plane on loopback for the end-to-end tests:
#   etcd + kube-apiserver (--enable-aggregator-routing=true) + kube-controller-manager (namespace,
#   serviceaccount, serviceaccount-token, garbagecollector, clusterrole-aggregation,
#   root-ca-cert-publisher, resourcequota, deployment and replicaset controllers, so namespace
#   deletion completes, namespaces get their default service account, and Deployments really
#   create Pods that Pod Security admission judges; no scheduler or kubelet: pods stay Pending).
# It must run inside a loopback-only network namespace (test/e2e/netns.sh, which sets
#   CDKTF_E2E_NETNS=1): the API server dials admission webhooks and aggregated APIs at addresses
#   objects name, and nothing may leave the machine. Start the caller, not this script, in it:
#   test/e2e/netns.sh bash -c 'test/e2e/start-cluster.sh ...; <clients>; test/e2e/stop-cluster.sh ...'
# Binaries come from test/e2e/setup-tools.sh (--only etcd,kube), in $CDKTF_E2E_CACHE/bin.
#
# Usage: test/e2e/start-cluster.sh KUBECONFIG_PATH [STATE_DIR]
#   Writes a kubeconfig (context "cdktf-e2e", user in group system:masters, certificates embedded)
#   to KUBECONFIG_PATH, waits until /readyz answers ok and the default service account exists, and
#   prints KUBECONFIG=... . STATE_DIR (default: a new temp dir) holds certificates, etcd data, logs
#   and pid files; its path is also written to KUBECONFIG_PATH.state. Stop with
#   test/e2e/stop-cluster.sh KUBECONFIG_PATH (or STATE_DIR).
# Ports are free ports picked at random on 127.0.0.1 (nothing listens on any other address).
#
# Environment: CDKTF_E2E_CACHE (default ~/.cache/cdktf-runner-pools), CDKTF_E2E_BIN (default
#   $CDKTF_E2E_CACHE/bin), CDKTF_E2E_CLUSTER_TIMEOUT seconds to wait for readiness (default 120).
set -euo pipefail

if [ $# -lt 1 ]; then sed -n '2,26p' "$0" >&2; exit 2; fi
if [ "${CDKTF_E2E_NETNS:-0}" != 1 ]; then
  echo "start-cluster: refusing to start outside a loopback-only network namespace; run the caller under test/e2e/netns.sh" >&2
  exit 1
fi
KUBECONFIG_OUT=$1
CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
BIN="${CDKTF_E2E_BIN:-$CACHE/bin}"
TIMEOUT="${CDKTF_E2E_CLUSTER_TIMEOUT:-120}"
for b in etcd kube-apiserver kube-controller-manager; do
  [ -x "$BIN/$b" ] || { echo "start-cluster: $BIN/$b missing; run test/e2e/setup-tools.sh --only etcd,kube" >&2; exit 1; }
done
command -v openssl >/dev/null || { echo "start-cluster: openssl is required" >&2; exit 1; }
command -v curl >/dev/null || { echo "start-cluster: curl is required" >&2; exit 1; }

mkdir -p "$(dirname "$KUBECONFIG_OUT")"
KUBECONFIG_OUT=$(cd "$(dirname "$KUBECONFIG_OUT")" && pwd)/$(basename "$KUBECONFIG_OUT")
if [ $# -ge 2 ]; then STATE=$2; mkdir -p "$STATE"; else STATE=$(mktemp -d "${TMPDIR:-/tmp}/cdktf-e2e-cluster.XXXXXX"); fi
STATE=$(cd "$STATE" && pwd)
PKI="$STATE/pki"; mkdir -p "$PKI" "$STATE/logs"
echo "$STATE" >"$KUBECONFIG_OUT.state"
log() { echo "[start-cluster] $*" >&2; }

fail() {
  log "FAILED: $*"
  local f; for f in "$STATE"/logs/*.log; do [ -f "$f" ] && { echo "--- tail $f" >&2; tail -25 "$f" >&2; }; done
  "$(dirname "$0")/stop-cluster.sh" "$STATE" --keep >&2 || true
  exit 1
}

# ---------------------------------------------------------------- free ports on 127.0.0.1
free_ports() { # N: N distinct currently-free ports
  if command -v python3 >/dev/null; then
    python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
EOF
  else
    local out=() p
    while [ ${#out[@]} -lt "$1" ]; do
      p=$(( 20000 + RANDOM % 40000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
      case " ${out[*]} " in *" $p "*) continue ;; esac
      out+=("$p")
    done
    echo "${out[*]}"
  fi
}
read -r ETCD_CLIENT ETCD_PEER API_PORT < <(free_ports 3)

# ---------------------------------------------------------------- certificates
gen_key() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }
sign() { # name subject [san]
  local n=$1 subj=$2 san=${3:-}
  gen_key "$PKI/$n.key"
  openssl req -new -key "$PKI/$n.key" -subj "$subj" -out "$PKI/$n.csr" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [ -n "$san" ]; then echo "extendedKeyUsage=serverAuth,clientAuth"; echo "subjectAltName=$san"
    else echo "extendedKeyUsage=clientAuth"; fi
  } >"$PKI/$n.ext"
  openssl x509 -req -in "$PKI/$n.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 7 -sha256 -extfile "$PKI/$n.ext" -out "$PKI/$n.crt" 2>/dev/null
}
gen_key "$PKI/ca.key"
openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=cdktf-e2e-ca" -days 7 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
  -out "$PKI/ca.crt" 2>/dev/null
sign apiserver "/CN=kube-apiserver" \
  "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.0.0.1"
sign admin "/O=system:masters/CN=cdktf-e2e-admin"
# the controller-manager runs its controllers with its own credentials (no per-controller service
# accounts), so it is a cluster admin too
sign controller-manager "/O=system:masters/CN=system:kube-controller-manager"
openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null

b64() { base64 -w0 <"$1"; }
write_kubeconfig() { # path user
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: cdktf-e2e
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(b64 "$PKI/$2.crt")
    client-key-data: $(b64 "$PKI/$2.key")
contexts:
- name: cdktf-e2e
  context:
    cluster: cdktf-e2e
    user: $2
current-context: cdktf-e2e
EOF
  chmod 600 "$1"
}
write_kubeconfig "$STATE/controller-manager.kubeconfig" controller-manager

# ---------------------------------------------------------------- start
start() { # name args... : runs in its own session, pid in $STATE/<name>.pid
  local n=$1; shift
  setsid "$BIN/$n" "$@" </dev/null >"$STATE/logs/$n.log" 2>&1 &
  echo $! >"$STATE/$n.pid"
}
alive() { kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }
wait_for() { # name description command...
  local n=$1 what=$2 deadline=$(( $(date +%s) + TIMEOUT )); shift 2
  until "$@" >/dev/null 2>&1; do
    alive "$n" || fail "$n exited while waiting for $what"
    [ "$(date +%s)" -lt "$deadline" ] || fail "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.5
  done
}

start etcd --name=default --data-dir="$STATE/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls="http://127.0.0.1:$ETCD_CLIENT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster="default=http://127.0.0.1:$ETCD_PEER" --unsafe-no-fsync=true --log-level=warn
wait_for etcd "etcd /health" sh -c "curl -sf http://127.0.0.1:$ETCD_CLIENT/health | grep -q '\"health\":\"true\"'"

start kube-apiserver \
  --etcd-servers="http://127.0.0.1:$ETCD_CLIENT" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --cert-dir="$STATE/apiserver-certs" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true \
  --authorization-mode=RBAC \
  --disable-admission-plugins=ServiceAccount \
  --service-account-issuer="https://127.0.0.1:$API_PORT/" \
  --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
  --enable-aggregator-routing=true \
  --profiling=false
api() { curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "https://127.0.0.1:$API_PORT$1"; }
wait_for kube-apiserver "kube-apiserver /readyz" bash -c "$(declare -f api); PKI='$PKI' API_PORT=$API_PORT; api /readyz | grep -qx ok"

start kube-controller-manager \
  --kubeconfig="$STATE/controller-manager.kubeconfig" \
  --controllers=namespace,serviceaccount,serviceaccount-token,garbagecollector,clusterrole-aggregation,root-ca-cert-publisher,resourcequota,deployment,replicaset \
  --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
  --use-service-account-credentials=false --leader-elect=false \
  --bind-address=127.0.0.1 --secure-port=0 --profiling=false
# the serviceaccount controller creating "default" in namespace default shows the controllers run
wait_for kube-controller-manager "service account default/default" \
  bash -c "$(declare -f api); PKI='$PKI' API_PORT=$API_PORT; api /api/v1/namespaces/default/serviceaccounts/default"

write_kubeconfig "$KUBECONFIG_OUT" admin
cat >"$STATE/cluster.env" <<EOF
KUBECONFIG=$KUBECONFIG_OUT
CDKTF_E2E_API_SERVER=https://127.0.0.1:$API_PORT
CDKTF_E2E_ETCD=http://127.0.0.1:$ETCD_CLIENT
CDKTF_E2E_CLUSTER_STATE=$STATE
EOF
log "ready: https://127.0.0.1:$API_PORT ($("$BIN/kube-apiserver" --version 2>/dev/null)), state $STATE"
cat "$STATE/cluster.env"
