#!/usr/bin/env bash
# Runs a command in a new network namespace that has only loopback (`unshare --net`, `lo` up),
# so nothing it or its children start (etcd, kube-apiserver, controllers, helm, terraform,
# node clients) can open a connection that leaves the machine, whatever an object says (an
# admission webhook's Service IP, a chart repository URL, a provider endpoint).
# Usage: test/e2e/netns.sh COMMAND [ARGS...]
# Inside, CDKTF_E2E_NETNS=1 is set; a nested call just runs the command. The namespace is
# checked before the command runs: any interface other than `lo`, or any route, fails.
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,8p' "$0" >&2; exit 2; fi
if [ "$1" = --inside ]; then
  shift
  ip link set lo up
  others=$(ip -o link show | awk -F': ' '$2 != "lo" {print $2}')
  [ -z "$others" ] || { echo "netns: unexpected interfaces: $others" >&2; exit 1; }
  [ -z "$(ip route show; ip -6 route show | grep -v '^::1 ' || true)" ] || { echo "netns: unexpected routes" >&2; ip route show >&2; exit 1; }
  export CDKTF_E2E_NETNS=1
  exec "$@"
fi
if [ "${CDKTF_E2E_NETNS:-0}" = 1 ]; then exec "$@"; fi
command -v unshare >/dev/null || { echo "netns: unshare (util-linux) is required" >&2; exit 1; }
command -v ip >/dev/null || { echo "netns: ip (iproute2) is required" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then set -- unshare --net -- "$0" --inside "$@"
else set -- unshare --net --map-root-user -- "$0" --inside "$@"; fi
exec "$@"
