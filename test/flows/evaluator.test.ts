// The evaluator against the examples of the Kubernetes NetworkPolicy documentation
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/): each test
// names the section and checks what the page says the policy does.
import { allowed, Cluster, matchesSelector, NetworkPolicy, Pod } from "./netpol";

const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string): Pod => ({
  name,
  namespace,
  labels,
  ip,
});

const db = pod("db", "default", { role: "db" }, "10.1.0.10");
const frontend = pod("fe", "default", { role: "frontend" }, "10.1.0.11");
const other = pod("other", "default", { role: "other" }, "10.1.0.12");
const projPod = pod("p", "myproject-ns", { app: "x" }, "10.1.1.10");
const strangerNsPod = pod("s", "elsewhere", { role: "frontend" }, "10.1.2.10");
const namespaces = { default: {}, "myproject-ns": { project: "myproject" }, elsewhere: {} };

// "The NetworkPolicy resource": test-network-policy.
const testNetworkPolicy: NetworkPolicy = {
  name: "test-network-policy",
  namespace: "default",
  podSelector: { matchLabels: { role: "db" } },
  policyTypes: ["Ingress", "Egress"],
  ingress: [
    {
      peers: [
        { ipBlock: { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] } },
        { namespaceSelector: { matchLabels: { project: "myproject" } } },
        { podSelector: { matchLabels: { role: "frontend" } } },
      ],
      ports: [{ protocol: "TCP", port: 6379 }],
    },
  ],
  egress: [
    { peers: [{ ipBlock: { cidr: "10.0.0.0/24" } }], ports: [{ protocol: "TCP", port: 5978 }] },
  ],
};

describe("NetworkPolicy evaluator: the documentation's examples", () => {
  test("without policies every pod is non-isolated: all traffic is allowed", () => {
    const c: Cluster = { namespaces, policies: [] };
    expect(allowed(c, { pod: other }, { pod: db }, 1234)).toBe(true);
    expect(allowed(c, { pod: db }, { ip: "8.8.8.8" }, 53, "UDP")).toBe(true);
  });

  test("test-network-policy: ingress to role=db on TCP 6379 from the ipBlock (not its except), namespace project=myproject, pods role=frontend", () => {
    const c: Cluster = { namespaces, policies: [testNetworkPolicy] };
    expect(allowed(c, { ip: "172.17.0.5" }, { pod: db }, 6379)).toBe(true);
    expect(allowed(c, { ip: "172.17.1.5" }, { pod: db }, 6379)).toBe(false); // except
    expect(allowed(c, { ip: "172.18.0.5" }, { pod: db }, 6379)).toBe(false);
    expect(allowed(c, { pod: projPod }, { pod: db }, 6379)).toBe(true);
    expect(allowed(c, { pod: frontend }, { pod: db }, 6379)).toBe(true);
    // podSelector alone: pods of the policy's own namespace only.
    expect(allowed(c, { pod: strangerNsPod }, { pod: db }, 6379)).toBe(false);
    expect(allowed(c, { pod: frontend }, { pod: db }, 6380)).toBe(false);
    expect(allowed(c, { pod: frontend }, { pod: db }, 6379, "UDP")).toBe(false);
    expect(allowed(c, { pod: other }, { pod: db }, 6379)).toBe(false);
    // egress of role=db: 10.0.0.0/24 on TCP 5978 only
    expect(allowed(c, { pod: db }, { ip: "10.0.0.7" }, 5978)).toBe(true);
    expect(allowed(c, { pod: db }, { ip: "10.0.1.7" }, 5978)).toBe(false);
    expect(allowed(c, { pod: db }, { ip: "10.0.0.7" }, 5979)).toBe(false);
    // isolation only for selected pods: role=other is not isolated
    expect(allowed(c, { pod: other }, { ip: "1.2.3.4" }, 22)).toBe(true);
    expect(allowed(c, { pod: frontend }, { pod: other }, 22)).toBe(true);
  });

  test("Behavior of to and from selectors: namespaceSelector AND podSelector in one element vs two elements (OR)", () => {
    const and: NetworkPolicy = {
      name: "and",
      namespace: "default",
      podSelector: { matchLabels: { role: "db" } },
      ingress: [
        {
          peers: [
            {
              namespaceSelector: { matchLabels: { user: "alice" } },
              podSelector: { matchLabels: { role: "client" } },
            },
          ],
        },
      ],
    };
    const or: NetworkPolicy = {
      ...and,
      name: "or",
      ingress: [
        {
          peers: [
            { namespaceSelector: { matchLabels: { user: "alice" } } },
            { podSelector: { matchLabels: { role: "client" } } },
          ],
        },
      ],
    };
    const ns = { ...namespaces, alice: { user: "alice" } };
    const aliceClient = pod("ac", "alice", { role: "client" }, "10.2.0.1");
    const aliceOther = pod("ao", "alice", { role: "x" }, "10.2.0.2");
    const localClient = pod("lc", "default", { role: "client" }, "10.1.0.20");
    const a: Cluster = { namespaces: ns, policies: [and] };
    expect(allowed(a, { pod: aliceClient }, { pod: db }, 80)).toBe(true);
    expect(allowed(a, { pod: aliceOther }, { pod: db }, 80)).toBe(false);
    expect(allowed(a, { pod: localClient }, { pod: db }, 80)).toBe(false);
    const o: Cluster = { namespaces: ns, policies: [or] };
    expect(allowed(o, { pod: aliceOther }, { pod: db }, 80)).toBe(true);
    expect(allowed(o, { pod: localClient }, { pod: db }, 80)).toBe(true);
    expect(allowed(o, { pod: strangerNsPod }, { pod: db }, 80)).toBe(false);
  });

  test("Default policies: deny all ingress, allow all ingress, deny all egress, allow all egress, deny all", () => {
    const denyIngress: NetworkPolicy = {
      name: "default-deny-ingress",
      namespace: "default",
      podSelector: {},
      policyTypes: ["Ingress"],
    };
    const allowAllIngress: NetworkPolicy = {
      name: "allow-all-ingress",
      namespace: "default",
      podSelector: {},
      ingress: [{}],
      policyTypes: ["Ingress"],
    };
    const denyEgress: NetworkPolicy = {
      name: "default-deny-egress",
      namespace: "default",
      podSelector: {},
      policyTypes: ["Egress"],
    };
    const allowAllEgress: NetworkPolicy = {
      name: "allow-all-egress",
      namespace: "default",
      podSelector: {},
      egress: [{}],
      policyTypes: ["Egress"],
    };
    const denyAll: NetworkPolicy = {
      name: "default-deny-all",
      namespace: "default",
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    };
    const c = (...policies: NetworkPolicy[]): Cluster => ({ namespaces, policies });
    expect(allowed(c(denyIngress), { pod: frontend }, { pod: db }, 80)).toBe(false);
    // deny-ingress leaves egress alone
    expect(allowed(c(denyIngress), { pod: db }, { ip: "1.1.1.1" }, 443)).toBe(true);
    // union: allow-all-ingress wins over deny-ingress
    expect(allowed(c(denyIngress, allowAllIngress), { pod: frontend }, { pod: db }, 80)).toBe(true);
    expect(allowed(c(denyEgress), { pod: db }, { ip: "1.1.1.1" }, 443)).toBe(false);
    expect(allowed(c(denyEgress), { ip: "1.1.1.1" }, { pod: db }, 443)).toBe(true);
    expect(allowed(c(denyEgress, allowAllEgress), { pod: db }, { ip: "1.1.1.1" }, 443)).toBe(true);
    expect(allowed(c(denyAll), { pod: db }, { ip: "1.1.1.1" }, 443)).toBe(false);
    expect(allowed(c(denyAll), { ip: "1.1.1.1" }, { pod: db }, 443)).toBe(false);
    // policyTypes omitted and no egress section: only ingress is isolated
    const implicit: NetworkPolicy = { name: "implicit", namespace: "default", podSelector: {} };
    expect(allowed(c(implicit), { pod: db }, { ip: "1.1.1.1" }, 443)).toBe(true);
    expect(allowed(c(implicit), { ip: "1.1.1.1" }, { pod: db }, 443)).toBe(false);
  });

  test("Targeting a range of ports: TCP 32000-32768 to 10.0.0.0/24", () => {
    const range: NetworkPolicy = {
      name: "multi-port-egress",
      namespace: "default",
      podSelector: { matchLabels: { role: "db" } },
      policyTypes: ["Egress"],
      egress: [
        {
          peers: [{ ipBlock: { cidr: "10.0.0.0/24" } }],
          ports: [{ protocol: "TCP", port: 32000, endPort: 32768 }],
        },
      ],
    };
    const c: Cluster = { namespaces, policies: [range] };
    expect(allowed(c, { pod: db }, { ip: "10.0.0.1" }, 32000)).toBe(true);
    expect(allowed(c, { pod: db }, { ip: "10.0.0.1" }, 32768)).toBe(true);
    expect(allowed(c, { pod: db }, { ip: "10.0.0.1" }, 31999)).toBe(false);
    expect(allowed(c, { pod: db }, { ip: "10.0.0.1" }, 32769)).toBe(false);
    expect(allowed(c, { pod: db }, { ip: "10.0.0.1" }, 32000, "UDP")).toBe(false);
  });

  test("Targeting a Namespace by its name: kubernetes.io/metadata.name", () => {
    const byName: NetworkPolicy = {
      name: "egress-namespaces",
      namespace: "default",
      podSelector: { matchLabels: { app: "myapp" } },
      policyTypes: ["Egress"],
      egress: [
        {
          peers: [
            {
              namespaceSelector: {
                matchExpressions: [
                  { key: "kubernetes.io/metadata.name", operator: "In", values: ["myproject-ns"] },
                ],
              },
            },
          ],
        },
      ],
    };
    const app = pod("app", "default", { app: "myapp" }, "10.1.0.30");
    const c: Cluster = { namespaces, policies: [byName] };
    expect(allowed(c, { pod: app }, { pod: projPod }, 80)).toBe(true);
    expect(allowed(c, { pod: app }, { pod: strangerNsPod }, 80)).toBe(false);
    expect(allowed(c, { pod: app }, { ip: "8.8.8.8" }, 53, "UDP")).toBe(false);
  });

  test("a pod-to-pod connection needs the sender's egress and the receiver's ingress; named ports resolve at the receiver", () => {
    const egressToDb: NetworkPolicy = {
      name: "fe-egress",
      namespace: "default",
      podSelector: { matchLabels: { role: "frontend" } },
      policyTypes: ["Egress"],
      egress: [
        { peers: [{ podSelector: { matchLabels: { role: "db" } } }], ports: [{ port: "redis" }] },
      ],
    };
    const namedDb: Pod = { ...db, ports: { redis: 6379 } };
    const c: Cluster = { namespaces, policies: [egressToDb] };
    expect(allowed(c, { pod: frontend }, { pod: namedDb }, 6379)).toBe(true);
    expect(allowed(c, { pod: frontend }, { pod: namedDb }, 6380)).toBe(false);
    const c2: Cluster = { namespaces, policies: [egressToDb, testNetworkPolicy] };
    // db's ingress allows frontend on 6379 only
    expect(allowed(c2, { pod: frontend }, { pod: namedDb }, 6379)).toBe(true);
    const c3: Cluster = {
      namespaces,
      policies: [egressToDb, { ...testNetworkPolicy, ingress: [] }],
    };
    expect(allowed(c3, { pod: frontend }, { pod: namedDb }, 6379)).toBe(false);
  });

  test("matchExpressions: In, NotIn, Exists, DoesNotExist (ANDed with matchLabels)", () => {
    const l = { tier: "web", env: "prod" };
    expect(
      matchesSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] }, l),
    ).toBe(true);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] },
        l,
      ),
    ).toBe(false);
    expect(
      matchesSelector({ matchExpressions: [{ key: "x", operator: "NotIn", values: ["web"] }] }, l),
    ).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "env", operator: "Exists" }] }, l)).toBe(
      true,
    );
    expect(
      matchesSelector({ matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, l),
    ).toBe(false);
    expect(
      matchesSelector(
        {
          matchLabels: { env: "prod" },
          matchExpressions: [{ key: "tier", operator: "In", values: ["db"] }],
        },
        l,
      ),
    ).toBe(false);
    expect(matchesSelector({}, l)).toBe(true);
  });

  test("ipBlock in IPv6", () => {
    const v6: NetworkPolicy = {
      name: "v6",
      namespace: "default",
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ peers: [{ ipBlock: { cidr: "fd00:ec2::23/128" } }], ports: [{ port: 80 }] }],
    };
    const c: Cluster = { namespaces, policies: [v6] };
    expect(allowed(c, { pod: db }, { ip: "fd00:ec2::23" }, 80)).toBe(true);
    expect(allowed(c, { pod: db }, { ip: "fd00:ec2::24" }, 80)).toBe(false);
    expect(allowed(c, { pod: db }, { ip: "169.254.170.23" }, 80)).toBe(false);
  });
});
