// For each class of input the library refuses at synth (rules K8S-QUANTITY-VALUE,
// K8S-LIMIT-RANGE-ORDER, K8S-NETPOL-CIDR, K8S-NETPOL-PORT-*, K8S-NAMESPACE-RESERVED,
// K8S-SERVICE-ACCOUNT-UNIQUE, K8S-NAMESPACE-UNIQUE), the same input with the rule bypassed — the
// manifest the provider would send, written by hand — is sent to the API server, which must
// reject it. The synth side is test/kubernetes/cluster-found.test.ts.
import type { Kube } from "./kube";
import { messageOf } from "./kube";
import type { Obj } from "./translate";

type Report = (status: "PASS" | "FAIL", check: string, message?: string) => void;
const NS = "bypass";

const quota = (hard: Obj): Obj => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "q", namespace: NS },
  spec: { hard },
});
const limits = (item: Obj): Obj => ({
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "l", namespace: NS },
  spec: { limits: [{ type: "Container", ...item }] },
});
const netpol = (peer: Obj, port: Json = 443): Obj => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "n", namespace: NS },
  spec: {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [{ to: [peer], ports: [{ port, protocol: "TCP" }] }],
  },
});
type Json = Obj[keyof Obj];
const sa: Obj = {
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name: "runner", namespace: NS },
};

/** [rule, input, manifest, how it is sent] */
const CASES: [string, string, Obj, "apply" | "create"][] = [
  ["K8S-QUANTITY-VALUE", 'resourceQuota { pods: "500m" }', quota({ pods: "500m" }), "apply"],
  ["K8S-QUANTITY-VALUE", 'resourceQuota { pods: "-1" }', quota({ pods: "-1" }), "apply"],
  [
    "K8S-QUANTITY-VALUE",
    'resourceQuota { "requests.cpu": "-1" }',
    quota({ "requests.cpu": "-1" }),
    "apply",
  ],
  [
    "K8S-LIMIT-RANGE-ORDER",
    "defaultRequests.cpu 2 > defaultLimits.cpu 1",
    limits({ default: { cpu: "1" }, defaultRequest: { cpu: "2" } }),
    "apply",
  ],
  [
    "K8S-LIMIT-RANGE-ORDER",
    "defaultLimits.cpu 4 > max.cpu 2",
    limits({ default: { cpu: "4" }, max: { cpu: "2" } }),
    "apply",
  ],
  [
    "K8S-LIMIT-RANGE-ORDER",
    "defaultRequests.cpu 4 > max.cpu 2 (no default limit)",
    limits({ defaultRequest: { cpu: "4" }, max: { cpu: "2" } }),
    "apply",
  ],
  ["K8S-NETPOL-CIDR", "cidr 256.0.0.0/0", netpol({ ipBlock: { cidr: "256.0.0.0/0" } }), "apply"],
  [
    "K8S-NETPOL-CIDR",
    "except 192.168.0.0/16 outside 10.0.0.0/8",
    netpol({ ipBlock: { cidr: "10.0.0.0/8", except: ["192.168.0.0/16"] } }),
    "apply",
  ],
  [
    "K8S-NETPOL-CIDR",
    "except 10.0.0.0/8 equal to the cidr",
    netpol({ ipBlock: { cidr: "10.0.0.0/8", except: ["10.0.0.0/8"] } }),
    "apply",
  ],
  [
    "K8S-NETPOL-PORT-RANGE",
    'port "70000" (intstr.Parse -> 70000)',
    netpol({ ipBlock: { cidr: "10.0.0.0/8" } }, 70000),
    "apply",
  ],
  [
    "K8S-NETPOL-PORT-NAME",
    'port "Port"',
    netpol({ ipBlock: { cidr: "10.0.0.0/8" } }, "Port"),
    "apply",
  ],
  [
    "K8S-NAMESPACE-RESERVED",
    'namespace "kube-system" (create)',
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" } },
    "create",
  ],
  [
    "K8S-NAMESPACE-RESERVED",
    'namespace "default" (create)',
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } },
    "create",
  ],
  ["K8S-SERVICE-ACCOUNT-UNIQUE", "second service account bypass/runner (create)", sa, "create"],
  [
    "K8S-NAMESPACE-UNIQUE",
    'second namespace "bypass" (create)',
    { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } },
    "create",
  ],
];

export async function runBypass(kube: Kube, report: Report): Promise<void> {
  await kube.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } },
    { dryRun: false },
  );
  await kube.apply(sa, { dryRun: false }); // the first of the two service accounts
  for (const [rule, input, manifest, how] of CASES) {
    const r =
      how === "apply"
        ? await kube.apply(manifest, { dryRun: true })
        : await kube.createDryRun(
            manifest,
            String(((manifest.metadata ?? {}) as Obj).namespace ?? ""),
          );
    const check = `bypass ${rule}: the API server rejects ${input}`;
    if (r.status >= 400) report("PASS", check, messageOf(r).slice(0, 160));
    else
      report(
        "FAIL",
        check,
        `accepted (HTTP ${r.status}): the rule refuses what the API server accepts`,
      );
  }
}
