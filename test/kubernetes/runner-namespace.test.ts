import { Testing } from "cdktf";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import {
  newStack,
  onlyResource,
  resourcesOf,
  ruleIdsOf,
  synthErrors,
  synthJson,
  warningsOf,
} from "../support/stack";

describe("RunnerNamespace", () => {
  test("labels the namespace restricted for enforce, audit and warn by default", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", { name: "ci-runners" });
    const ns = onlyResource(synthJson(stack), "kubernetes_namespace_v1") as {
      metadata: { name: string; labels: Record<string, string> };
    };
    expect(ns.metadata.name).toBe("ci-runners");
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "app.kubernetes.io/managed-by": "cdktf-runner-pools",
    });
    expect(Object.keys(ns.metadata.labels)).toEqual([...Object.keys(ns.metadata.labels)].sort());
  });

  test("takes a level shorthand and separate audit/warn levels", () => {
    const stack = newStack();
    const a = new RunnerNamespace(stack, "A", { name: "a", podSecurity: "privileged" });
    new RunnerNamespace(stack, "B", {
      name: "b",
      podSecurity: { enforce: "baseline", warn: "restricted", version: "v1.30" },
    });
    expect(a.podSecurityLevel).toBe("privileged");
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(NamespaceV1, {
      metadata: expect.objectContaining({
        name: "b",
        labels: expect.objectContaining({
          "pod-security.kubernetes.io/enforce": "baseline",
          "pod-security.kubernetes.io/audit": "baseline",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.30",
        }),
      }),
    });
  });

  test("creates a ResourceQuota and a Container LimitRange in the namespace", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", {
      name: "ci",
      resourceQuota: { pods: "20", "requests.cpu": "8" },
      limitRange: { defaultRequests: { cpu: "250m" }, defaultLimits: { memory: "2Gi" } },
    });
    const json = synthJson(stack);
    const quota = onlyResource(json, "kubernetes_resource_quota_v1") as {
      metadata: { namespace: string };
      spec: { hard: Record<string, string> };
    };
    expect(quota.spec.hard).toEqual({ pods: "20", "requests.cpu": "8" });
    expect(quota.metadata.namespace).toMatch(
      /^\$\{kubernetes_namespace_v1\..*\.metadata\[0\]\.name\}$/,
    );
    const limits = onlyResource(json, "kubernetes_limit_range_v1") as {
      spec: { limit: Record<string, unknown>[] };
    };
    expect(limits.spec.limit).toEqual([
      { type: "Container", default: { memory: "2Gi" }, default_request: { cpu: "250m" } },
    ]);
  });

  test("deny-by-default network policies: deny all, allow DNS to kube-system and TCP 443", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", { name: "ci" });
    const policies = resourcesOf(synthJson(stack), "kubernetes_network_policy_v1") as {
      metadata: { name: string };
      spec: {
        policy_types: string[];
        ingress?: unknown[];
        egress?: { ports?: { port: string; protocol: string }[]; to?: unknown[] }[];
      };
    }[];
    const byName = Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec]));
    expect(Object.keys(byName).sort()).toEqual([
      "allow-dns-egress",
      "allow-https-egress",
      "default-deny",
    ]);
    expect(byName["default-deny"].policy_types).toEqual(["Ingress", "Egress"]);
    expect(byName["default-deny"].ingress).toBeUndefined();
    expect(byName["default-deny"].egress).toBeUndefined();
    expect(byName["allow-dns-egress"].egress?.[0].ports).toEqual([
      { port: "53", protocol: "UDP" },
      { port: "53", protocol: "TCP" },
    ]);
    expect(JSON.stringify(byName["allow-dns-egress"].egress?.[0].to)).toContain(
      '"kubernetes.io/metadata.name":"kube-system"',
    );
    expect(byName["allow-https-egress"].egress).toEqual([
      { ports: [{ port: "443", protocol: "TCP" }] },
    ]);
  });

  test("extra egress and ingress rules become named policies; networkPolicy:false disables all", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", {
      name: "ci",
      networkPolicy: {
        allowHttpsEgress: false,
        egress: [{ name: "registry", ports: [{ port: 5000 }], peers: [{ cidr: "10.0.0.0/8" }] }],
        ingress: [
          {
            name: "metrics",
            ports: [{ port: 8080 }],
            peers: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
          },
        ],
      },
    });
    new RunnerNamespace(stack, "Open", { name: "open", networkPolicy: false });
    const names = resourcesOf(synthJson(stack), "kubernetes_network_policy_v1").map(
      (p) => (p as { metadata: { name: string } }).metadata.name,
    );
    expect(names.sort()).toEqual([
      "allow-dns-egress",
      "allow-egress-registry",
      "allow-ingress-metrics",
      "default-deny",
    ]);
  });

  test("rejects a namespace name with upper case and underscore", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", { name: "Runner_NS" });
    expect(synthErrors(stack)).toContain('[test/Ns] name: "Runner_NS" — must be a DNS-1123 label');
  });

  test("rejects a 64-character name", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", { name: "r".repeat(64) });
    expect(synthErrors(stack)).toContain("must be at most 63 characters (has 64)");
  });

  test("reports every problem of one synth together", () => {
    const stack = newStack();
    new RunnerNamespace(stack, "Ns", {
      name: "Bad_Name",
      podSecurity: { enforce: "strict" as never },
      resourceQuota: { pods: "lots" },
      networkPolicy: {
        egress: [{ name: "x", ports: [{ port: 70000 }], peers: [{ cidr: "10.0.0.0" }] }],
      },
    });
    const errors = synthErrors(stack);
    expect(errors).toContain('name: "Bad_Name"');
    expect(errors).toContain(
      'podSecurity.enforce: "strict" — must be a Pod Security Standards level',
    );
    expect(errors).toContain('resourceQuota.pods: "lots" — must be a Kubernetes quantity');
    expect(errors).toContain(
      "networkPolicy.egress[0].ports[0].port: 70000 — must be an integer from 1 to 65535",
    );
    expect(errors).toContain(
      'networkPolicy.egress[0].peers[0].cidr: "10.0.0.0" — must be a CIDR block',
    );
  });

  test("fromNamespaceName refers to an existing namespace without creating one", () => {
    const stack = newStack();
    const ns = RunnerNamespace.fromNamespaceName(stack, "Existing", "default");
    expect(ns.ref).toBe("default");
    expect(synthJson(stack).resource?.kubernetes_namespace_v1).toBeUndefined();
  });
});

describe("RunnerNamespace quota without defaults", () => {
  test("warns when a cpu/memory quota has no LimitRange default (pods without requests would be rejected)", () => {
    const stack = newStack();
    const ns = new RunnerNamespace(stack, "Ns", {
      name: "ci",
      resourceQuota: { "requests.cpu": "8", "limits.memory": "16Gi", pods: "10" },
    });
    const warnings = warningsOf(ns);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "resourceQuota limits limits.memory, requests.cpu but limitRange gives no default",
    );
    expect(ruleIdsOf(ns, "warning")).toEqual(["K8S-QUOTA-WITHOUT-DEFAULT"]);
    expect(synthErrors(stack)).toBe("");
  });

  test("does not warn when the LimitRange fills the quota's resources", () => {
    const stack = newStack();
    const ns = new RunnerNamespace(stack, "Ns", {
      name: "ci",
      resourceQuota: { "requests.cpu": "8", "limits.memory": "16Gi" },
      limitRange: { defaultRequests: { cpu: "100m" }, defaultLimits: { memory: "1Gi" } },
    });
    expect(warningsOf(ns)).toEqual([]);
  });
});
