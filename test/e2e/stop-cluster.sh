#!/usr/bin/env bash
# Stops a control plane started by test/e2e/start-cluster.sh.
# Usage: test/e2e/stop-cluster.sh KUBECONFIG_PATH|STATE_DIR [--keep]
#   Sends SIGTERM to the recorded kube-controller-manager, kube-apiserver and etcd (only those pids,
#   and only if they still run that binary), SIGKILL after 15 s, then removes the state dir and the
#   kubeconfig unless --keep is given. Stopping a cluster that is not running is not an error.
set -euo pipefail

if [ $# -lt 1 ]; then sed -n '2,6p' "$0" >&2; exit 2; fi
ARG=$1; KEEP=0; [ "${2:-}" = --keep ] && KEEP=1
KUBECONFIG_PATH=""
if [ -d "$ARG" ]; then STATE=$ARG
elif [ -f "$ARG.state" ]; then STATE=$(cat "$ARG.state"); KUBECONFIG_PATH=$ARG
else echo "stop-cluster: no state dir for $ARG" >&2; exit 0; fi
[ -d "$STATE" ] || { echo "stop-cluster: $STATE is gone" >&2; exit 0; }

for n in kube-controller-manager kube-apiserver etcd; do
  f="$STATE/$n.pid"; [ -f "$f" ] || continue
  pid=$(cat "$f")
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "/$n "; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "[stop-cluster] stopped $n (pid $pid)" >&2
  fi
  rm -f "$f"
done

if [ "$KEEP" = 0 ]; then
  rm -rf "$STATE"
  if [ -n "$KUBECONFIG_PATH" ]; then rm -f "$KUBECONFIG_PATH" "$KUBECONFIG_PATH.state"; fi
fi
