import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { RunnerPool } from "../../lib/pool";
import type { WorkloadIdentityBinding } from "../../lib/identity/workload-identity";
import { boundRunner } from "../support/fixtures";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";
import { ChartSource } from "../../lib/release/chart-source";
import { newStack, resourcesOf, ruleIdsOf, synthJson } from "../support/stack";

type Policy = { metadata: { name: string }; spec: Record<string, unknown> };
const policies = (stack: ReturnType<typeof newStack>) =>
  Object.fromEntries(
    (resourcesOf(synthJson(stack), "kubernetes_network_policy_v1") as Policy[]).map((p) => [
      p.metadata.name,
      p.spec,
    ]),
  );

describe("network flows", () => {
  test("one policy per flow, named allow-<direction>-<name>; ports the https flow opens are left out", () => {
    const stack = newStack();
    const ns = new RunnerNamespace(stack, "Ns", { name: "ci" });
    ns.networkPolicies?.addFlow({
      name: "registry",
      direction: "egress",
      rules: [{ peers: [{ cidr: "10.0.0.0/24" }], ports: [{ port: 5000 }, { port: 443 }] }],
      reason: "a registry",
    });
    ns.networkPolicies?.addFlow({
      name: "sts",
      direction: "egress",
      rules: [{ ports: [{ port: 443 }] }],
      reason: "STS",
    });
    const byName = policies(stack);
    expect(Object.keys(byName).sort()).toEqual([
      "allow-dns-egress",
      "allow-egress-registry",
      "allow-https-egress",
      "default-deny",
    ]);
    expect(byName["allow-egress-registry"]).toMatchObject({
      egress: [{ to: [{ ip_block: { cidr: "10.0.0.0/24" } }], ports: [{ port: "5000" }] }],
    });
    const flows = ns.networkPolicies?.flows ?? [];
    expect(flows.find((f) => f.name === "sts")).toMatchObject({
      policyName: undefined,
      coveredBy: { "443/TCP": "https" },
    });
    expect(flows.map((f) => f.name)).toEqual(["dns", "https", "registry", "sts"]);
  });

  test("ranges render endPort; UDP and SCTP keep their protocol; a flow name is added once", () => {
    const stack = newStack();
    const ns = new RunnerNamespace(stack, "Ns", { name: "ci" });
    const flow = {
      name: "range",
      direction: "egress" as const,
      rules: [
        {
          ports: [
            { port: 32000, endPort: 32768 },
            { port: 5353, protocol: "UDP" as const },
          ],
        },
      ],
      reason: "r",
    };
    const first = ns.networkPolicies?.addFlow(flow);
    expect(ns.networkPolicies?.addFlow(flow)).toBe(first);
    expect(policies(stack)["allow-egress-range"]).toMatchObject({
      egress: [
        {
          ports: [
            { port: "32000", end_port: 32768, protocol: "TCP" },
            { port: "5353", protocol: "UDP" },
          ],
        },
      ],
    });
  });

  test("the pool: identity flows in the bound account's namespace, user flows by role, the cluster's API server and DNS", () => {
    const stack = newStack();
    const identity = {
      kind: "with-flows",
      bind: (): WorkloadIdentityBinding => ({
        serviceAccountAnnotations: {},
        podLabels: {},
        flows: [
          {
            name: "metadata",
            direction: "egress",
            rules: [{ peers: [{ cidr: "169.254.169.254/32" }], ports: [{ port: 80 }] }],
            reason: "tokens",
          },
        ],
      }),
    };
    const pool = new RunnerPool(stack, "ci", {
      platform: boundRunner(),
      identity,
      cluster: {
        apiServer: { ports: [6443], cidrs: ["172.18.0.2/32"] },
        dns: { cidrs: ["169.254.20.10/32"] },
      },
      flows: [{ name: "proxy", peers: [{ cidr: "10.20.0.5/32" }], ports: [{ port: 3128 }] }],
    });
    const byName = policies(stack);
    expect(byName["allow-egress-metadata"]).toBeDefined();
    expect(byName["allow-egress-proxy"]).toMatchObject({
      egress: [{ to: [{ ip_block: { cidr: "10.20.0.5/32" } }], ports: [{ port: "3128" }] }],
    });
    expect(byName["allow-dns-egress"]).toMatchObject({
      egress: [{ to: [{ namespace_selector: {} }, { ip_block: { cidr: "169.254.20.10/32" } }] }],
    });
    // boundRunner's account has no rules and no token: no API server flow
    expect(byName["allow-egress-api-server"]).toBeUndefined();
    expect(pool.flows.map((f) => `${f.source}:${f.name}`)).toEqual([
      "namespace:dns",
      "namespace:https",
      "identity:metadata",
      "user:proxy",
    ]);
  });

  test("a pool flow naming a namespace role the pool does not have is reported", () => {
    const stack = newStack();
    const pool = new RunnerPool(stack, "ci", {
      platform: boundRunner(),
      flows: [{ name: "proxy", ports: [{ port: 3128 }], namespaceRoles: ["jobs"] }],
    });
    expect(ruleIdsOf(pool)).toContain("POOL-NAMESPACE-ROLE");
  });

  test("the API server flow goes to namespaces whose accounts call the API (rules or token), to the endpoint CIDR", () => {
    const stack = newStack();
    const pool = new RunnerPool(stack, "ci", {
      platform: boundRunner(),
      cluster: { apiServer: { ports: [443, 6443], cidrs: ["172.18.0.2/32"] }, dns: {} },
    });
    void pool;
    const withRules = newStack("rules");
    new RunnerPool(withRules, "ci", {
      platform: new CustomChartRunner({
        chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
        serviceAccounts: [
          { id: "Runner", name: "runner", rules: [{ resources: ["pods"], verbs: ["get"] }] },
        ],
      }),
      cluster: { apiServer: { ports: [443, 6443], cidrs: ["172.18.0.2/32"] }, dns: {} },
    });
    expect(policies(stack)["allow-egress-api-server"]).toBeUndefined();
    // to the endpoint CIDR; 443 there is already open through allow-https-egress
    expect(policies(withRules)["allow-egress-api-server"]).toMatchObject({
      egress: [
        {
          to: [{ ip_block: { cidr: "172.18.0.2/32" } }],
          ports: [{ port: "6443" }],
        },
      ],
    });
  });
});
