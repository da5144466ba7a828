// For every synthesized stack (the default app, every example, the fixtures below) and every
// pod it runs: each declared flow is allowed by the generated NetworkPolicies, and nothing
// beyond the declared flows (DNS is one) is. Removing any single generated policy makes the
// proof fail and name the broken flow. Every helm_release depends on the policies of every
// namespace its pods run in.
import { App, TerraformStack, Testing } from "cdktf";
import { buildDefaultApp } from "../../stacks/default-app";
import { build as arcLegacyGke } from "../../examples/arc-legacy-webhook-gke/app";
import { build as arcScaleSetsEks } from "../../examples/arc-scale-sets-eks/app";
import { build as humanitecAks } from "../../examples/humanitec-agent-aks/app";
import { build as kubiyaGke } from "../../examples/kubiya-gke/app";
import { build as sophosEks } from "../../examples/sophos-factory-eks/app";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { GkeRunnerStack } from "../../stacks/gke-runner-stack";
import { EksRunnerStack } from "../../stacks/eks-runner-stack";
import { boundRunner, FakeIdentity } from "../support/fixtures";
import { clusterOf, declaredFlows, ProofFlow, prove, SynthCluster } from "./proof";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fixture stacks: a proxy and an ssh flow, GKE Dataplane V2, EKS Pod Identity, a fake identity. */
function fixtures(app: App): TerraformStack[] {
  const k = new KubernetesRunnerStack(app, "fixture-kubeconfig", {
    kubeconfig: { context: "kind-ci", apiServer: { ports: [6443], cidrs: ["172.18.0.2/32"] } },
  });
  k.addPool("proxied", {
    platform: boundRunner(),
    identity: new FakeIdentity(),
    flows: [
      {
        name: "proxy",
        peers: [{ cidr: "10.20.0.5/32" }],
        ports: [{ port: 3128 }],
        reason: "corporate proxy",
      },
      { name: "git-ssh", peers: [{ cidr: "192.0.2.0/24" }], ports: [{ port: 22 }] },
    ],
  });
  const g = new GkeRunnerStack(app, "fixture-gke", {
    project: "acme-ci",
    cluster: { clusterName: "ci", location: "europe-west1", network: { dataplane: "v2" } },
  });
  g.addPool("wi", {
    platform: boundRunner(),
    identity: { workloadIdentity: { accountId: "ci-wi" } },
  });
  const e = new EksRunnerStack(app, "fixture-eks", {
    region: "eu-west-1",
    cluster: { clusterName: "ci" },
  });
  e.addPool("podid", {
    platform: boundRunner(),
    identity: { podIdentity: { roleName: "ci-podid" } },
  });
  return [k, g, e];
}

const stacks: [string, TerraformStack][] = [];
const add = (label: string, build: (app: App) => TerraformStack | TerraformStack[]) => {
  const app = Testing.app({ stackTraces: false } as never);
  for (const s of [build(app)].flat()) stacks.push([`${label}/${s.node.id}`, s]);
};
add("default-app", (app) => buildDefaultApp(app));
add("example arc-legacy-webhook-gke", arcLegacyGke);
add("example arc-scale-sets-eks", arcScaleSetsEks);
add("example humanitec-agent-aks", humanitecAks);
add("example kubiya-gke", kubiyaGke);
add("example sophos-factory-eks", sophosEks);
add("fixtures", fixtures);

const synthesized = new Map<string, Json>();
const jsonOf = (label: string, stack: TerraformStack): Json => {
  if (!synthesized.has(label)) synthesized.set(label, JSON.parse(Testing.synth(stack)) as Json);
  return synthesized.get(label) as Json;
};

/** The flows to prove: every flow the stack's constructs declare (ARC's included). */
function flowsOf(stack: TerraformStack): ProofFlow[] {
  return declaredFlows(stack).map((flow) => ({ flow }));
}

describe.each(stacks)("stack %s", (label, stack) => {
  const json = () => jsonOf(label, stack);

  test("its policies allow every declared flow and nothing else, for every pod", () => {
    const sc = clusterOf(json());
    expect(prove(sc, flowsOf(stack))).toEqual([]);
  });

  test("removing any single policy breaks the proof and names the flow", () => {
    const sc = clusterOf(json());
    const flows = flowsOf(stack);
    const failures: string[] = [];
    for (const [key, policy] of Object.entries(sc.policies)) {
      const policies = { ...sc.policies };
      delete policies[key];
      const problems = prove({ ...sc, policies }, flows);
      const owner = flows.find(
        (f) => f.flow.namespace === policy.namespace && f.flow.policyName === policy.name,
      );
      const expected =
        policy.name === "default-deny" ? "undeclared opening" : `flow ${owner?.flow.name} (`;
      if (!owner && policy.name !== "default-deny") failures.push(`${key}: no flow owns it`);
      else if (!problems.some((p) => p.includes(expected)))
        failures.push(`${key}: removing it went unnoticed (${problems.length} problems)`);
    }
    expect(failures).toEqual([]);
  });

  test("every helm_release depends on the network policies of the namespaces its pods run in", () => {
    const j = json();
    const sc = clusterOf(j);
    const missing: string[] = [];
    for (const [id, release] of Object.entries<Json>(j.resource?.helm_release ?? {})) {
      const ns = sc.resolve(release.namespace);
      const deps = new Set<string>(release.depends_on ?? []);
      for (const [key, policy] of Object.entries(sc.policies)) {
        if (policy.namespace !== ns || deps.has(`kubernetes_network_policy_v1.${key}`)) continue;
        missing.push(`${id} -> ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("acceptance", () => {
  const json = (label: string) => {
    const entry = stacks.find(([l]) => l === label);
    if (!entry) throw new Error(label);
    return clusterOf(jsonOf(label, entry[1]));
  };
  const egressOf = (sc: SynthCluster, ns: string) =>
    Object.values(sc.policies).filter((p) => p.namespace === ns && p.egress);

  test("GKE Workload Identity pods reach 169.254.169.254:80 and 169.254.169.252:988 (both unless told), and Cloud DNS on 169.254.169.254:53", () => {
    const sc = json("default-app/runners-gke");
    const metadata = egressOf(sc, "gitlab-runners").find(
      (p) => p.name === "allow-egress-gke-metadata",
    );
    expect(metadata?.egress).toEqual(
      [
        {
          peers: [{ ipBlock: { cidr: "169.254.169.254/32" } }],
          ports: [{ port: 80, protocol: "TCP" }],
        },
        {
          peers: [{ ipBlock: { cidr: "169.254.169.252/32" } }],
          ports: [{ port: 988, protocol: "TCP" }],
        },
      ].map((r) => ({
        peers: r.peers.map((p) => ({ ...p, ipBlock: { ...p.ipBlock, except: undefined } })),
        ports: r.ports.map((q) => ({ ...q, endPort: undefined })),
      })),
    );
    const v2 = json("fixtures/fixture-gke");
    const only = egressOf(v2, "wi").find((p) => p.name === "allow-egress-gke-metadata");
    expect(only?.egress?.length).toBe(1);
  });

  test("EKS Pod Identity pods reach the agent on IPv4 and IPv6", () => {
    const sc = json("fixtures/fixture-eks");
    const agent = egressOf(sc, "podid").find((p) => p.name === "allow-egress-eks-pod-identity");
    expect(agent?.egress?.[0].peers?.map((p) => p.ipBlock?.cidr)).toEqual([
      "169.254.170.23/32",
      "fd00:ec2::23/128",
    ]);
  });

  test("a proxy flow opens exactly its address and port; without it 3128 stays closed", () => {
    const sc = json("fixtures/fixture-kubeconfig");
    const proxy = egressOf(sc, "proxied").find((p) => p.name === "allow-egress-proxy");
    expect(proxy?.egress?.[0].peers?.[0].ipBlock?.cidr).toBe("10.20.0.5/32");
    expect(proxy?.egress?.[0].ports?.[0].port).toBe(3128);
    const plain = json("default-app/runners-kubernetes");
    expect(
      Object.values(plain.policies).some((p) =>
        (p.egress ?? []).some((r) => (r.ports ?? []).some((q) => q.port === 3128)),
      ),
    ).toBe(false);
  });

  test("kubernetes-mode ARC runners reach the API server on the connection's ports (443 and 6443)", () => {
    const sc = json("default-app/runners-kubernetes");
    const api = egressOf(sc, "arc-runners").find((p) => p.name === "allow-egress-api-server");
    expect(api?.egress?.[0].ports?.map((q) => q.port)).toEqual([6443]);
    expect(egressOf(sc, "arc-runners").some((p) => p.name === "allow-https-egress")).toBe(true);
  });
});
