#!/usr/bin/env bash
# Consumer check: can a user who installs the packed library with ONE cloud's binding (plus
# kubernetes, helm, cdktf, constructs, typescript) import `cdktf-runner-pools/<cloud>` and
# `cdktf-runner-pools/stacks/<stack>`, type-check with skipLibCheck: false (node16 module
# resolution; node10 resolution is checked too), and synthesize? Also checks that the emitted
# .d.ts of each cloud folder names no other cloud's binding and no provider package root.
#
# The consumer is a small program plus the cloud's copy-paste example from docs/clouds/<cloud>.md.
#
#   bash scripts/consumer-check.sh            # all clouds
#   bash scripts/consumer-check.sh gcp aws    # some
#   KEEP=1 bash scripts/consumer-check.sh     # keep the temp projects (path printed)
#
# Packages come from the npm cache when it has them (--prefer-offline), else the registry.
# Prints one PASS/FAIL line per cloud with timings; exits non-zero when any cloud fails.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLOUDS=("$@")
[ ${#CLOUDS[@]} -eq 0 ] && CLOUDS=(aws gcp azure)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/consumer-check.XXXXXX")"
if [ "${KEEP:-0}" = "1" ]; then echo "consumer-check: keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
export CHECKPOINT_DISABLE=1 npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
peer() { node -p "require('$ROOT/package.json').peerDependencies['$1']"; }
installed() { node -p "require('$ROOT/node_modules/$1/package.json').version"; }

start_all=$(now)
cd "$ROOT" || exit 2
echo "consumer-check: building and packing"
rm -rf "$ROOT/dist"   # no stale declarations from earlier builds
if ! npx tsc -p tsconfig.json >"$WORK/build.log" 2>&1; then cat "$WORK/build.log"; echo "consumer-check: build FAIL"; exit 1; fi
TARBALL="$(npm pack --silent --pack-destination "$WORK" 2>/dev/null | tail -n 1)"
if [ ! -f "$WORK/$TARBALL" ]; then echo "consumer-check: npm pack FAIL"; exit 1; fi
echo "consumer-check: packed $TARBALL in $(since "$start_all")s"

KUBERNETES="@cdktf/provider-kubernetes@$(peer @cdktf/provider-kubernetes)"
HELM="@cdktf/provider-helm@$(peer @cdktf/provider-helm)"
CDKTF="cdktf@$(peer cdktf)"
CONSTRUCTS="constructs@$(installed constructs)"
TYPESCRIPT="typescript@$(installed typescript)"   # ~5.9, the version the project builds with
case "$(installed typescript)" in 5.9.*) ;; *) TYPESCRIPT="typescript@~5.9" ;; esac
TYPES_NODE="@types/node@$(installed @types/node)"

# The consumer program of each cloud: a stack with one pool bound to that cloud's identity.
write_consumer() {
  local cloud="$1" dir="$2"
  case "$cloud" in
    aws) cat >"$dir/main.ts" <<'TS'
import { App } from "cdktf";
import { ChartSource, CustomChartRunner } from "cdktf-runner-pools";
import { AwsIrsaIdentity, EksClusterConnection } from "cdktf-runner-pools/aws";
import { EksRunnerStack } from "cdktf-runner-pools/stacks/eks";

const app = new App({ outdir: "cdktf.out", stackTraces: false });
const stack = new EksRunnerStack(app, "runners", { region: "eu-west-1", cluster: { clusterName: "ci" } });
const connection: EksClusterConnection = stack.connection;
const identity: AwsIrsaIdentity = stack.addIrsaIdentity("ci-identity", { roleName: "ci-runner", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] });
stack.addPool("ci", { platform: runner(), identity });
console.log(`issuer token: ${connection.oidcIssuer.length > 0}`);
app.synth();

function runner(): CustomChartRunner {
  return new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    serviceAccounts: [{ id: "Runner", name: "runner", valuesPath: "serviceAccount.name", bindIdentity: true }],
  });
}
TS
      echo "aws_iam_role" >"$dir/expect" ;;
    gcp) cat >"$dir/main.ts" <<'TS'
import { App } from "cdktf";
import { ChartSource, CustomChartRunner } from "cdktf-runner-pools";
import { GkeWorkloadIdentity } from "cdktf-runner-pools/gcp";
import { GkeRunnerStack } from "cdktf-runner-pools/stacks/gke";

const app = new App({ outdir: "cdktf.out", stackTraces: false });
const stack = new GkeRunnerStack(app, "runners", { project: "acme-ci", cluster: { clusterName: "ci", location: "europe-west1" } });
const identity: GkeWorkloadIdentity = stack.addWorkloadIdentity("ci-identity", { accountId: "ci-runner", projectRoles: ["roles/storage.objectViewer"] });
stack.addPool("ci", {
  platform: new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    serviceAccounts: [{ id: "Runner", name: "runner", valuesPath: "serviceAccount.name", bindIdentity: true }],
  }),
  identity,
});
app.synth();
TS
      echo "google_service_account_iam_member" >"$dir/expect" ;;
    azure) cat >"$dir/main.ts" <<'TS'
import { App } from "cdktf";
import { ChartSource, CustomChartRunner } from "cdktf-runner-pools";
import { AKS_ENTRA_SERVER_ID, AksWorkloadIdentity } from "cdktf-runner-pools/azure";
import { AksRunnerStack } from "cdktf-runner-pools/stacks/aks";

const app = new App({ outdir: "cdktf.out", stackTraces: false });
const stack = new AksRunnerStack(app, "runners", {
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  cluster: { clusterName: "ci", resourceGroupName: "rg-ci", credentials: "entra-id" },
});
const identity: AksWorkloadIdentity = stack.addWorkloadIdentity("ci-identity", { name: "ci-runner" });
stack.addPool("ci", {
  platform: new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    podLabelsValuesPath: "podLabels",
    serviceAccounts: [{ id: "Runner", name: "runner", valuesPath: "serviceAccount.name", bindIdentity: true }],
  }),
  identity,
});
console.log(`entra server: ${AKS_ENTRA_SERVER_ID.length}`);
app.synth();
TS
      echo "azurerm_federated_identity_credential" >"$dir/expect" ;;
  esac
}

# The cloud's copy-paste example (the first complete app in docs/clouds/<cloud>.md), made to
# write into ./cdktf.out.
readme_example() {
  node -e '
    const fs = require("fs");
    const [doc, cloud, out] = process.argv.slice(1);
    const md = fs.readFileSync(doc, "utf8");
    const blocks = [...md.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const code = blocks.find((b) => b.includes("app.synth()"));
    if (!code) { console.error("no complete example in " + doc + " for " + cloud); process.exit(1); }
    fs.writeFileSync(out, code.replace("new App()", "new App({ outdir: \"cdktf.out\", stackTraces: false })") + "\n");
  ' "$ROOT/docs/clouds/$1.md" "$1" "$2"
}

binding_of() {
  case "$1" in
    aws) echo "@cdktf/provider-aws" ;;
    gcp) echo "@cdktf/provider-google" ;;
    azure) echo "@cdktf/provider-azurerm" ;;
  esac
}

# 1. The emitted declarations of a cloud folder name no other cloud and no provider root.
dts_check() {
  local cloud="$1" other bad=0
  for other in aws gcp azure; do
    [ "$other" = "$cloud" ] && continue
    if grep -rlE "$(binding_of "$other")|lib/$other/|\\.\\./$other\"" "$ROOT/dist/lib/$cloud" >/dev/null 2>&1; then
      echo "  dist/lib/$cloud references $other:"; grep -rnE "$(binding_of "$other")|\\.\\./$other\"" "$ROOT/dist/lib/$cloud" | head -5; bad=1
    fi
  done
  if grep -rnE "from ['\"]@cdktf/provider-[a-z]+['\"]|import\\(['\"]@cdktf/provider-[a-z]+['\"]\\)" "$ROOT/dist/lib" "$ROOT/dist/stacks" >/dev/null 2>&1; then
    echo "  a provider package root is referenced:"; grep -rnE "from ['\"]@cdktf/provider-[a-z]+['\"]|import\\(['\"]@cdktf/provider-[a-z]+['\"]\\)" "$ROOT/dist/lib" "$ROOT/dist/stacks" | head -5; bad=1
  fi
  return $bad
}

check_cloud() {
  local cloud="$1" dir="$WORK/$1" binding t0 t_install t_tsc t_synth
  binding="$(binding_of "$cloud")@$(peer "$(binding_of "$cloud")")"
  mkdir -p "$dir" && cd "$dir" || return 1
  printf '{ "name": "consumer-%s", "version": "0.0.0", "private": true }\n' "$cloud" >package.json
  write_consumer "$cloud" "$dir"
  readme_example "$cloud" "$dir/readme.ts" || return 1

  dts_check "$cloud" || { echo "  .d.ts check failed"; return 1; }

  t0=$(now)
  if ! npm install --prefer-offline --no-package-lock --ignore-scripts --loglevel=error \
      "$WORK/$TARBALL" "$binding" "$KUBERNETES" "$HELM" "$CDKTF" "$CONSTRUCTS" "$TYPESCRIPT" "$TYPES_NODE" >install.log 2>&1; then
    tail -20 install.log; return 1
  fi
  t_install=$(since "$t0")
  # Only this cloud's binding may be present (the others are optional peers).
  for other in aws gcp azure; do
    [ "$other" = "$cloud" ] && continue
    if [ -d "node_modules/$(binding_of "$other")" ]; then echo "  $(binding_of "$other") was installed"; return 1; fi
  done

  t0=$(now)
  local base='"strict": true, "target": "ES2022", "esModuleInterop": true, "types": ["node"]'
  # node16 resolution (package "exports") checks every declaration file (skipLibCheck false);
  # node10 resolution (cdktf's project template; "typesVersions") loads the same files, so
  # there it only checks that the imports resolve and the program type-checks.
  printf '{ "compilerOptions": { %s, "skipLibCheck": true, "module": "commonjs", "outDir": "out10" }, "files": ["main.ts", "readme.ts"] }\n' "$base" >tsconfig.node10.json
  printf '{ "compilerOptions": { %s, "skipLibCheck": false, "module": "node16", "moduleResolution": "node16", "outDir": "out" }, "files": ["main.ts", "readme.ts"] }\n' "$base" >tsconfig.json
  if ! npx --no-install tsc -p tsconfig.node10.json --noEmit >tsc10.log 2>&1; then echo "  tsc (moduleResolution node10):"; head -20 tsc10.log; return 1; fi
  if ! npx --no-install tsc -p tsconfig.json >tsc.log 2>&1; then echo "  tsc (moduleResolution node16):"; head -20 tsc.log; return 1; fi
  t_tsc=$(since "$t0")

  t0=$(now)
  if ! node out/main.js >synth.log 2>&1; then echo "  synth:"; tail -20 synth.log; return 1; fi
  if ! grep -q "\"$(cat expect)\"" cdktf.out/stacks/runners/cdk.tf.json 2>/dev/null; then echo "  synth wrote no $(cat expect)"; return 1; fi
  if ! node out/readme.js >readme.log 2>&1; then echo "  README example:"; tail -20 readme.log; return 1; fi
  if ! grep -q "\"$(cat expect)\"" cdktf.out/stacks/runners-*/cdk.tf.json 2>/dev/null; then echo "  README example wrote no $(cat expect)"; return 1; fi
  t_synth=$(since "$t0")
  TIMES="install ${t_install}s, tsc ${t_tsc}s, synth ${t_synth}s"
}

failed=0
for cloud in "${CLOUDS[@]}"; do
  t_cloud=$(now)
  TIMES=""
  echo "consumer-check $cloud: installing the tarball with only $(binding_of "$cloud") + kubernetes + helm"
  if check_cloud "$cloud"; then
    echo "consumer-check $cloud: PASS ($TIMES; total $(since "$t_cloud")s)"
  else
    echo "consumer-check $cloud: FAIL (after $(since "$t_cloud")s)"
    failed=$((failed + 1))
  fi
  cd "$ROOT" || exit 2
  [ "${KEEP:-0}" = "1" ] || rm -rf "${WORK:?}/$cloud"
done
echo "consumer-check: ${#CLOUDS[@]} clouds, $failed failed, $(since "$start_all")s in all"
[ "$failed" -eq 0 ]
