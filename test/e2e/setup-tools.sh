#!/usr/bin/env bash
# Builds (once, cached outside the repo) the tools the end-to-end tests need:
#   cli         a Terraform-compatible CLI: `terraform` from PATH if present, else OpenTofu (built)
#   tofu        OpenTofu built from its Go module (github.com/opentofu/opentofu)
#   etcd        etcd built from go.etcd.io/etcd/server/v3
#   kube        kube-apiserver + kube-controller-manager built from k8s.io/kubernetes
#   helmcli     the Helm v3 CLI (`go install helm.sh/helm/v3/cmd/helm@v$HELM_CLI_VERSION`), for
#               `helm template` in `npm run test:cluster` (not the Terraform provider "helm")
#   kubernetes, helm, google, azurerm, aws, tls
#               Terraform providers at the versions our bindings pin, laid out as a
#               filesystem mirror for `terraform init` / `tofu init` (offline)
#
# Usage: test/e2e/setup-tools.sh [--only cli,kubernetes,helm,...] [--list]
#
# Everything lands in $CDKTF_E2E_CACHE (default ~/.cache/cdktf-runner-pools):
#   bin/                      tofu, etcd, kube-apiserver, kube-controller-manager, helm, terraform-cli (link)
#   mirror/<host>/hashicorp/<name>/<ver>/linux_amd64/terraform-provider-<name>_v<ver>_x5
#                             for host registry.terraform.io and registry.opentofu.org (hard links)
#   terraformrc               CLI config: filesystem_mirror only, no direct block (use TF_CLI_CONFIG_FILE)
#   env.sh                    `source` it: exports TF_CLI_CONFIG_FILE, CDKTF_E2E_TF_BINARY, ...
#   build-times.txt           one line per tool of the last run: name version seconds status size path
#   stamps/<tool>.stamp       a tool whose stamp matches is not rebuilt
#   go/cache, go/mod          GOCACHE / GOMODCACHE, kept so later builds are fast
#   src/<tool>/go.mod         generated wrapper modules (no third-party source lives in the repo)
#
# Environment:
#   CDKTF_E2E_CACHE                cache root (default ~/.cache/cdktf-runner-pools)
#   CDKTF_E2E_BUILD_BUDGET_SECONDS wall-clock budget for this run (default: unlimited). Before a
#                                  tool that is not cached is built, its expected build time (its
#                                  last measured time from build-times.txt history, else the
#                                  estimate below) is compared with what is left; if it does not
#                                  fit, the tool is skipped (status "skipped-budget", exit 0).
#                                  CI sets this so an uncached aws (~40+ min cold) never eats the run.
#   CDKTF_E2E_CLI                  "auto" (default: terraform on PATH, else tofu), "terraform" or "tofu"
#   CDKTF_E2E_GO_P                 go build -p (default 2; lower it if memory is short)
#   CDKTF_E2E_PROVIDER_DIRS        colon-separated filesystem-mirror dirs holding prebuilt provider
#                                  binaries; a provider found there at exactly the pinned version is
#                                  hard-linked/copied into the mirror instead of being built
#   CDKTF_E2E_STRICT=1             also exit non-zero when a requested tool is unavailable or skipped
#   CDKTF_E2E_AWS_PSEUDO           pseudo-version of terraform-provider-aws v6.25.0 (see below)
#
# Exit status: 0 when every requested tool is cached/built/imported, or only unavailable/skipped
# (unless CDKTF_E2E_STRICT=1); 1 on a real build failure.
set -euo pipefail

CACHE="${CDKTF_E2E_CACHE:-$HOME/.cache/cdktf-runner-pools}"
GO_P="${CDKTF_E2E_GO_P:-2}"
BUDGET="${CDKTF_E2E_BUILD_BUDGET_SECONDS:-}"
CLI_CHOICE="${CDKTF_E2E_CLI:-auto}"
STRICT="${CDKTF_E2E_STRICT:-0}"
RUN_START=$(date +%s)

mkdir -p "$CACHE"/{bin,mirror,stamps,src,logs,go/cache,go/mod}
export GOCACHE="$CACHE/go/cache" GOMODCACHE="$CACHE/go/mod"
export GOSUMDB=off GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOOS=linux GOARCH=amd64

# ---------------------------------------------------------------- pins
TOFU_VERSION=1.12.6
ETCD_VERSION=3.6.14
# k8s.io/kubernetes v1.35.7 is not served by the module proxy this workplace reaches; v1.35.4 is.
KUBE_VERSION=1.35.4
# Helm v3 CLI: the newest v3 release the module proxy here serves (checked 2026-12-01)
HELM_CLI_VERSION=3.22.0
# name version module-pseudo-version version-ldflag (pseudo = highest v0/v1 tag + tag commit, see
# shared reference "building-terraform-tools.md"; vN>=2 tags are unusable as module versions)
declare -A PROV_VERSION=(
  [kubernetes]=2.38.0 [helm]=3.1.1 [google]=6.50.0 [azurerm]=4.55.0 [aws]=6.25.0 [tls]=4.1.0
)
declare -A PROV_PSEUDO=(
  [kubernetes]=v1.13.4-0.20250721172020-be88f4427105
  [helm]=v1.3.3-0.20251117192655-1cbf08f6a306
  [google]=v1.20.1-0.20250919180509-956f510990a7
  [azurerm]=v1.44.1-0.20251204165152-37bf7f03b661
  [aws]="${CDKTF_E2E_AWS_PSEUDO:-}"
  [tls]=v1.2.1-0.20250423195406-eefba144662d
)
declare -A PROV_LDFLAG=(
  [kubernetes]="-X main.Version=2.38.0"
  [helm]="-X main.Version=3.1.1"
  [google]="-X github.com/hashicorp/terraform-provider-google/version.ProviderVersion=6.50.0"
  [azurerm]="-X github.com/hashicorp/terraform-provider-azurerm/version.ProviderVersion=4.55.0"
  [aws]="-X github.com/hashicorp/terraform-provider-aws/version.ProviderVersion=6.25.0"
  [tls]=""  # terraform-provider-tls has no version variable
)
# extra go.mod lines for the wrapper (replace/godebug copied from the provider's own go.mod)
declare -A PROV_EXTRA=(
  [aws]=$'godebug tlsmlkem=0\n\nreplace github.com/hashicorp/terraform-plugin-log => github.com/gdavison/terraform-plugin-log v0.0.0-20230928191232-6c653d8ef8fb'
)
# cold build estimates (seconds, 2 cores) used by the budget when no measurement exists yet
declare -A ESTIMATE=(
  [tofu]=600 [etcd]=300 [kube]=1500 [kubernetes]=900 [helm]=900 [tls]=300
  [google]=2400 [azurerm]=3000 [aws]=3600 [cli]=600 [helmcli]=600
)
ALL_TOOLS=(cli etcd kube helmcli kubernetes helm google azurerm aws tls)
OPTIONAL_TOOLS=(tofu)

# ---------------------------------------------------------------- args
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    --list) echo "${ALL_TOOLS[*]} ${OPTIONAL_TOOLS[*]}"; exit 0 ;;
    -h|--help) sed -n '2,45p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -n "$ONLY" ]; then IFS=, read -r -a TOOLS <<<"$ONLY"; else TOOLS=("${ALL_TOOLS[@]}"); fi
for t in "${TOOLS[@]}"; do
  case " ${ALL_TOOLS[*]} ${OPTIONAL_TOOLS[*]} " in *" $t "*) ;; *) echo "unknown tool: $t" >&2; exit 2 ;; esac
done

# ---------------------------------------------------------------- helpers
log() { echo "[setup-tools] $*" >&2; }
declare -A RESULT_STATUS RESULT_SECS RESULT_PATH RESULT_VERSION
FAILED=0; INCOMPLETE=0

record() { # tool version status secs path
  RESULT_VERSION[$1]=$2; RESULT_STATUS[$1]=$3; RESULT_SECS[$1]=$4; RESULT_PATH[$1]=$5
}
stamp_ok() { # tool key paths...
  local t=$1 key=$2; shift 2
  [ -f "$CACHE/stamps/$t.stamp" ] && [ "$(head -1 "$CACHE/stamps/$t.stamp")" = "$key" ] || return 1
  local p; for p in "$@"; do [ -x "$p" ] || return 1; done
}
write_stamp() { # tool key secs provenance
  printf '%s\nseconds=%s\nprovenance=%s\ndate=%s\n' "$2" "$3" "$4" "$(date -u +%FT%TZ)" >"$CACHE/stamps/$1.stamp"
}
stamp_field() { sed -n "s/^$2=//p" "$CACHE/stamps/$1.stamp" 2>/dev/null | head -1; }
expected_secs() { # tool: last measured build time, else the estimate
  local s; s=$(awk -v t="$1" '$1==t && $4=="built" {s=$3} END{print s}' "$CACHE/build-times.history" 2>/dev/null || true)
  echo "${s:-${ESTIMATE[$1]:-600}}"
}
fits_budget() { # tool -> 0 if it may be built now
  [ -z "$BUDGET" ] && return 0
  local left=$(( BUDGET - ($(date +%s) - RUN_START) )) need; need=$(expected_secs "$1")
  if [ "$need" -gt "$left" ]; then
    log "$1: not cached; expected ${need}s > ${left}s left of CDKTF_E2E_BUILD_BUDGET_SECONDS=$BUDGET: skipped"
    return 1
  fi
}
size_of() { [ -e "$1" ] && du -Lh "$1" 2>/dev/null | cut -f1 || echo -; }

# write a file only when its content changes (keeps go.sum / mtimes stable)
write_if_changed() { local f=$1 tmp; tmp=$(mktemp); cat >"$tmp"
  if [ -f "$f" ] && cmp -s "$tmp" "$f"; then rm -f "$tmp"; else mv "$tmp" "$f"; fi; }

# go_wrapper_build DIR OUT PKG LDFLAGS : go.mod must already be in DIR
go_wrapper_build() {
  local dir=$1 out=$2 pkg=$3 ldflags=$4
  ( cd "$dir" && go build -p "$GO_P" -trimpath -buildvcs=false -ldflags "-s -w $ldflags" -o "$out.tmp" "$pkg" ) \
    && mv -f "$out.tmp" "$out"
}

# Is MODULE@VERSION served by the module proxy? prints the error when it is not
module_available() {
  local err
  if err=$(cd "$CACHE/src" && go list -m -json "$1@$2" 2>&1 >/dev/null); then return 0; fi
  echo "$err" | tail -2 >&2; return 1
}

# ---------------------------------------------------------------- tools
build_tofu() {
  local t=tofu out="$CACHE/bin/tofu" key="tofu $TOFU_VERSION v2"
  if stamp_ok $t "$key" "$out"; then record $t $TOFU_VERSION cached "$(stamp_field $t seconds)" "$out"; return; fi
  fits_budget $t || { record $t $TOFU_VERSION skipped-budget - -; return; }
  local dir="$CACHE/src/tofu"; mkdir -p "$dir"
  write_if_changed "$dir/go.mod" <<EOF
module local/tofu-wrapper

go 1.26.6

godebug (
	tlsmlkem=0
	winsymlink=0
)

require github.com/opentofu/opentofu v$TOFU_VERSION

// copied from opentofu's go.mod (version-qualified; keep this wrapper tofu-only)
replace github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.20251021132045-587d123c2828

tool github.com/opentofu/opentofu/cmd/tofu
EOF
  log "tofu $TOFU_VERSION: building (log: $CACHE/logs/tofu.log)"
  local s=$(date +%s)
  if go_wrapper_build "$dir" "$out" github.com/opentofu/opentofu/cmd/tofu \
       "-X github.com/opentofu/opentofu/version.dev=no" >"$CACHE/logs/tofu.log" 2>&1; then
    local d=$(( $(date +%s) - s )); write_stamp $t "$key" $d "built from github.com/opentofu/opentofu@v$TOFU_VERSION"
    record $t $TOFU_VERSION built $d "$out"
  else
    tail -20 "$CACHE/logs/tofu.log" >&2; record $t $TOFU_VERSION FAILED $(( $(date +%s) - s )) -; FAILED=1
  fi
}

build_cli() {
  local choice=$CLI_CHOICE tf
  if [ "$choice" = auto ]; then
    if tf=$(command -v terraform 2>/dev/null); then choice=terraform; else choice=tofu; fi
  fi
  if [ "$choice" = terraform ]; then
    tf=$(command -v terraform) || { log "CDKTF_E2E_CLI=terraform but no terraform on PATH"; record cli - FAILED - -; FAILED=1; return; }
    ln -sfn "$tf" "$CACHE/bin/terraform-cli"
    local v; v=$("$tf" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' | head -1)
    record cli "terraform ${v:-?}" on-PATH 0 "$tf"
  else
    build_tofu
    RESULT_VERSION[cli]="tofu ${RESULT_VERSION[tofu]}"; RESULT_STATUS[cli]="${RESULT_STATUS[tofu]}"
    RESULT_SECS[cli]="${RESULT_SECS[tofu]}"; RESULT_PATH[cli]="${RESULT_PATH[tofu]}"
    unset 'RESULT_STATUS[tofu]'
    [ -x "$CACHE/bin/tofu" ] && ln -sfn "$CACHE/bin/tofu" "$CACHE/bin/terraform-cli"
  fi
}

build_etcd() {
  local t=etcd out="$CACHE/bin/etcd" key="etcd $ETCD_VERSION v1"
  if stamp_ok $t "$key" "$out"; then record $t $ETCD_VERSION cached "$(stamp_field $t seconds)" "$out"; return; fi
  fits_budget $t || { record $t $ETCD_VERSION skipped-budget - -; return; }
  local dir="$CACHE/src/etcd"; mkdir -p "$dir"
  write_if_changed "$dir/go.mod" <<EOF
module local/etcd-wrapper

go 1.25.0

require go.etcd.io/etcd/server/v3 v$ETCD_VERSION

tool go.etcd.io/etcd/server/v3
EOF
  log "etcd $ETCD_VERSION: building (log: $CACHE/logs/etcd.log)"
  local s=$(date +%s)
  if go_wrapper_build "$dir" "$out" go.etcd.io/etcd/server/v3 \
       "-X go.etcd.io/etcd/api/v3/version.GitSHA=v$ETCD_VERSION" >"$CACHE/logs/etcd.log" 2>&1; then
    local d=$(( $(date +%s) - s )); write_stamp $t "$key" $d "built from go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
    record $t $ETCD_VERSION built $d "$out"
  else
    tail -20 "$CACHE/logs/etcd.log" >&2; record $t $ETCD_VERSION FAILED $(( $(date +%s) - s )) -; FAILED=1
  fi
}

build_kube() {
  local t=kube v=$KUBE_VERSION key="kube $KUBE_VERSION v1"
  local api="$CACHE/bin/kube-apiserver" kcm="$CACHE/bin/kube-controller-manager"
  if stamp_ok $t "$key" "$api" "$kcm"; then record $t $v cached "$(stamp_field $t seconds)" "$api $kcm"; return; fi
  fits_budget $t || { record $t $v skipped-budget - -; return; }
  local dir="$CACHE/src/kube"; mkdir -p "$dir"
  local minor=${v#*.}; minor=${minor%%.*}
  local staging="api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
    cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api cri-client
    csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
    kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils
    pod-security-admission sample-apiserver"
  {
    printf 'module local/kube-wrapper\n\ngo 1.25.0\n\ngodebug default=go1.25\n\n'
    printf 'require k8s.io/kubernetes v%s\n\nreplace (\n' "$v"
    local m sv
    for m in $staging; do
      sv="v0.${v#*.}"
      # code-generator is only read for its go.mod (never compiled into these binaries); the proxy
      # here lacks some of its patch versions, so fall back to the newest patch of the same minor.
      if [ "$m" = code-generator ] && ! (cd "$CACHE/src" && go list -m "k8s.io/$m@$sv" >/dev/null 2>&1); then
        sv=$(cd "$CACHE/src" && go list -m -versions "k8s.io/$m" | tr ' ' '\n' | grep -E "^v0\.$minor\.[0-9]+$" | sort -V | tail -1)
      fi
      printf '\tk8s.io/%s => k8s.io/%s %s\n' "$m" "$m" "$sv"
    done
    printf ')\n\ntool (\n\tk8s.io/kubernetes/cmd/kube-apiserver\n\tk8s.io/kubernetes/cmd/kube-controller-manager\n)\n'
  } | write_if_changed "$dir/go.mod"
  local bd; bd=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local ld="" k
  for k in component-base/version client-go/pkg/version; do
    ld+=" -X k8s.io/$k.gitVersion=v$v -X k8s.io/$k.gitMajor=1 -X k8s.io/$k.gitMinor=$minor"
    ld+=" -X k8s.io/$k.gitCommit=0000000000000000000000000000000000000000 -X k8s.io/$k.gitTreeState=clean -X k8s.io/$k.buildDate=$bd"
  done
  log "kube-apiserver + kube-controller-manager v$v: building (log: $CACHE/logs/kube.log)"
  local s=$(date +%s)
  if go_wrapper_build "$dir" "$api" k8s.io/kubernetes/cmd/kube-apiserver "$ld" >"$CACHE/logs/kube.log" 2>&1 &&
     go_wrapper_build "$dir" "$kcm" k8s.io/kubernetes/cmd/kube-controller-manager "$ld" >>"$CACHE/logs/kube.log" 2>&1; then
    local d=$(( $(date +%s) - s )); write_stamp $t "$key" $d "built from k8s.io/kubernetes@v$v"
    record $t $v built $d "$api $kcm"
  else
    tail -20 "$CACHE/logs/kube.log" >&2; record $t $v FAILED $(( $(date +%s) - s )) -; FAILED=1
  fi
}

build_helmcli() {
  local t=helmcli v=$HELM_CLI_VERSION out="$CACHE/bin/helm" key="helmcli $HELM_CLI_VERSION v1"
  if stamp_ok $t "$key" "$out"; then record $t $v cached "$(stamp_field $t seconds)" "$out"; return; fi
  fits_budget $t || { record $t $v skipped-budget - -; INCOMPLETE=1; return; }
  log "helm CLI v$v: go install helm.sh/helm/v3/cmd/helm@v$v (log: $CACHE/logs/helmcli.log)"
  local s=$(date +%s) gobin; gobin=$(mktemp -d "$CACHE/src/helmcli.XXXXXX")
  # helm's go.mod has no replace directives, so a plain `go install pkg@version` works; the
  # version ldflags are the ones helm's Makefile sets (else `helm version` says v3.x-dev)
  if ( cd "$CACHE/src" && GOFLAGS= GOBIN="$gobin" go install -p "$GO_P" -trimpath -buildvcs=false \
         -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$v -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
         "helm.sh/helm/v3/cmd/helm@v$v" ) >"$CACHE/logs/helmcli.log" 2>&1 && mv -f "$gobin/helm" "$out"; then
    rm -rf "$gobin"
    local d=$(( $(date +%s) - s )); write_stamp $t "$key" $d "go install helm.sh/helm/v3/cmd/helm@v$v"
    record $t $v built $d "$out"
  else
    rm -rf "$gobin"
    tail -20 "$CACHE/logs/helmcli.log" >&2; record $t $v FAILED $(( $(date +%s) - s )) -; FAILED=1
  fi
}

mirror_dir() { echo "$CACHE/mirror/$1/hashicorp/$2/$3/linux_amd64"; }

# link one built/imported binary into both hosts of the mirror
publish_provider() { # name version srcfile
  local n=$1 v=$2 src=$3 host d
  for host in registry.terraform.io registry.opentofu.org; do
    d=$(mirror_dir $host "$n" "$v"); mkdir -p "$d"
    if [ "$src" != "$d/terraform-provider-${n}_v${v}_x5" ]; then
      ln -f "$src" "$d/terraform-provider-${n}_v${v}_x5" 2>/dev/null || cp -f "$src" "$d/terraform-provider-${n}_v${v}_x5"
    fi
    chmod +x "$d/terraform-provider-${n}_v${v}_x5"
  done
}

build_provider() {
  local n=$1 v=${PROV_VERSION[$1]} pseudo=${PROV_PSEUDO[$1]}
  local out; out="$(mirror_dir registry.terraform.io "$n" "$v")/terraform-provider-${n}_v${v}_x5"
  local key="provider $n $v v1"
  if stamp_ok "$n" "$key" "$out" "$(mirror_dir registry.opentofu.org "$n" "$v")/terraform-provider-${n}_v${v}_x5"; then
    record "$n" "$v" "cached($(stamp_field "$n" provenance | cut -d' ' -f1))" "$(stamp_field "$n" seconds)" "$out"; return
  fi
  # 1. a prebuilt binary of exactly this version in a given filesystem mirror
  local pd f
  IFS=: read -r -a pdirs <<<"${CDKTF_E2E_PROVIDER_DIRS:-}"
  for pd in "${pdirs[@]}"; do
    [ -n "$pd" ] || continue
    for f in "$pd"/registry.{terraform.io,opentofu.org}/hashicorp/"$n"/"$v"/linux_amd64/terraform-provider-"$n"*; do
      [ -f "$f" ] && [ -x "$f" ] || continue
      local s=$(date +%s); mkdir -p "$(dirname "$out")"
      ln -f "$f" "$out" 2>/dev/null || cp -f "$f" "$out"
      publish_provider "$n" "$v" "$out"
      write_stamp "$n" "$key" 0 "imported from $f"
      record "$n" "$v" imported $(( $(date +%s) - s )) "$out"; return
    done
  done
  # 2. build from the Go module proxy
  local mod="github.com/hashicorp/terraform-provider-$n"
  if [ -z "$pseudo" ]; then
    log "$n $v: no module pseudo-version pinned (tag commit unknown); set CDKTF_E2E_${n^^}_PSEUDO"
    record "$n" "$v" unavailable - -; INCOMPLETE=1; return
  fi
  if ! module_available "$mod" "$pseudo"; then
    log "$n $v: $mod@$pseudo is not served by the module proxy (GOPROXY=$(go env GOPROXY))"
    record "$n" "$v" unavailable - -; INCOMPLETE=1; return
  fi
  fits_budget "$n" || { record "$n" "$v" skipped-budget - -; INCOMPLETE=1; return; }
  local dir="$CACHE/src/provider-$n"; mkdir -p "$dir"
  {
    printf 'module local/%s-wrapper\n\ngo 1.25.0\n\nrequire %s %s\n\n' "$n" "$mod" "$pseudo"
    [ -n "${PROV_EXTRA[$n]:-}" ] && printf '%s\n\n' "${PROV_EXTRA[$n]}"
    printf 'tool %s\n' "$mod"
  } | write_if_changed "$dir/go.mod"
  log "$n $v: building $mod@$pseudo (log: $CACHE/logs/$n.log)"
  local s=$(date +%s); mkdir -p "$(dirname "$out")"
  if go_wrapper_build "$dir" "$out" "$mod" "${PROV_LDFLAG[$n]}" >"$CACHE/logs/$n.log" 2>&1; then
    publish_provider "$n" "$v" "$out"
    local d=$(( $(date +%s) - s )); write_stamp "$n" "$key" $d "built from $mod@$pseudo"
    record "$n" "$v" built $d "$out"
  else
    tail -20 "$CACHE/logs/$n.log" >&2; record "$n" "$v" FAILED $(( $(date +%s) - s )) -; FAILED=1
  fi
}

write_config() {
  cat >"$CACHE/terraformrc" <<EOF
# generated by test/e2e/setup-tools.sh: providers come only from the local filesystem mirror
provider_installation {
  filesystem_mirror {
    path    = "$CACHE/mirror"
    include = ["registry.terraform.io/hashicorp/*", "registry.opentofu.org/hashicorp/*"]
  }
}
EOF
  local tfbin=""; [ -e "$CACHE/bin/terraform-cli" ] && tfbin=$(readlink -f "$CACHE/bin/terraform-cli")
  cat >"$CACHE/env.sh" <<EOF
# generated by test/e2e/setup-tools.sh; source it
export TF_CLI_CONFIG_FILE="$CACHE/terraformrc"
export CDKTF_E2E_CACHE="$CACHE"
export CDKTF_E2E_TF_BINARY="$tfbin"
export TERRAFORM_BINARY_NAME="$tfbin"
export CDKTF_E2E_BIN="$CACHE/bin"
export CDKTF_E2E_HELM="$CACHE/bin/helm"
export CHECKPOINT_DISABLE=1
EOF
}

# ---------------------------------------------------------------- run
for t in "${TOOLS[@]}"; do
  case "$t" in
    cli) build_cli ;;
    tofu) build_tofu ;;
    etcd) build_etcd ;;
    kube) build_kube ;;
    helmcli) build_helmcli ;;
    *) build_provider "$t" ;;
  esac
done
write_config

{
  printf '# %s  tool version seconds status size path\n' "$(date -u +%FT%TZ)"
  for t in cli tofu etcd kube helmcli kubernetes helm google azurerm aws tls; do
    [ -n "${RESULT_STATUS[$t]:-}" ] || continue
    local_size=$(for p in ${RESULT_PATH[$t]}; do size_of "$p"; done | paste -sd+ -)
    printf '%s %s %s %s %s %s\n' "$t" "${RESULT_VERSION[$t]// /-}" "${RESULT_SECS[$t]:--}" \
      "${RESULT_STATUS[$t]}" "${local_size:--}" "${RESULT_PATH[$t]:--}"
  done
} >"$CACHE/build-times.txt"
grep -v '^#' "$CACHE/build-times.txt" >>"$CACHE/build-times.history" || true

echo
echo "== cdktf-runner-pools e2e tools ($CACHE), run took $(( $(date +%s) - RUN_START ))s"
printf '%-11s %-18s %8s %-16s %7s  %s\n' TOOL VERSION SECONDS STATUS SIZE PATH
grep -v '^#' "$CACHE/build-times.txt" | while read -r t v s st sz p; do
  printf '%-11s %-18s %8s %-16s %7s  %s\n' "$t" "$v" "$s" "$st" "$sz" "$p"
done
echo "(seconds = build time when built; for cached tools the time of the build that made them)"
echo "TF_CLI_CONFIG_FILE=$CACHE/terraformrc   (or: source $CACHE/env.sh)"

if [ "$FAILED" = 1 ]; then echo "setup-tools: a build FAILED" >&2; exit 1; fi
if [ "$INCOMPLETE" = 1 ] && [ "$STRICT" = 1 ]; then echo "setup-tools: some tools unavailable/skipped (CDKTF_E2E_STRICT=1)" >&2; exit 1; fi
exit 0
