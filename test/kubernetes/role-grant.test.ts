import { RoleGrant } from "../../lib/kubernetes/role-grant";
import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { newStack, resourcesOf, synthErrors, synthJson } from "../support/stack";

describe("RoleGrant", () => {
  test("a Role in one namespace bound to a service account of another", () => {
    const stack = newStack();
    const jobs = new RunnerNamespace(stack, "Jobs", { name: "jobs", networkPolicy: false });
    const grant = new RoleGrant(stack, "Grant", {
      namespace: jobs,
      name: "agent",
      serviceAccount: { name: "agent", namespace: "agents" },
      rules: [{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["list", "create", "get"] }],
    });
    const json = synthJson(stack);
    const [role] = resourcesOf(json, "kubernetes_role_v1") as {
      metadata: { namespace: string };
      rule: unknown[];
    }[];
    expect(role.metadata.namespace).toMatch(/kubernetes_namespace_v1\./);
    expect(role.rule).toEqual([
      { api_groups: ["batch"], resources: ["jobs"], verbs: ["create", "get", "list"] },
    ]);
    const [binding] = resourcesOf(json, "kubernetes_role_binding_v1");
    expect(binding.subject).toEqual([
      expect.objectContaining({ kind: "ServiceAccount", name: "agent", namespace: "agents" }),
    ]);
    expect(binding.role_ref).toMatchObject({ kind: "Role" });
    expect(grant.roleBinding).toBeDefined();
    expect(synthErrors(stack)).toBe("");
  });

  test("least privilege and names are checked", () => {
    const stack = newStack();
    const ns = RunnerNamespace.fromNamespaceName(stack, "Ns", "jobs");
    new RoleGrant(stack, "Grant", {
      namespace: ns,
      name: "Agent Role",
      serviceAccount: { name: "agent", namespace: "agents" },
      rules: [{ resources: ["*"], verbs: ["get"] }],
    });
    const errors = synthErrors(stack);
    expect(errors).toContain('name: "Agent Role" — must be a DNS-1123 subdomain');
    expect(errors).toContain("wildcard resources are refused (least privilege)");
  });
});
