import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { RunnerServiceAccount } from "../../lib/kubernetes/runner-service-account";
import { newStack, onlyResource, synthErrors, synthJson } from "../support/stack";

function setup(props: Partial<ConstructorParameters<typeof RunnerServiceAccount>[2]> = {}) {
  const stack = newStack();
  const namespace = new RunnerNamespace(stack, "Ns", { name: "ci" });
  const sa = new RunnerServiceAccount(stack, "Sa", { namespace, name: "runner", ...props });
  return { stack, sa };
}

describe("RunnerServiceAccount", () => {
  test("does not mount the API token unless asked, and lives in the namespace", () => {
    const { stack } = setup();
    const sa = onlyResource(synthJson(stack), "kubernetes_service_account_v1") as {
      automount_service_account_token: boolean;
      metadata: { name: string; namespace: string };
    };
    expect(sa.automount_service_account_token).toBe(false);
    expect(sa.metadata.name).toBe("runner");
    expect(sa.metadata.namespace).toContain("kubernetes_namespace_v1.");
  });

  test("creates no Role without rules", () => {
    const { stack } = setup();
    expect(synthJson(stack).resource.kubernetes_role_v1).toBeUndefined();
  });

  test("builds a Role with sorted rules and a RoleBinding to the account", () => {
    const { stack, sa } = setup({
      rules: [{ resources: ["pods/log", "pods"], verbs: ["list", "get", "get"] }],
    });
    const json = synthJson(stack);
    const role = onlyResource(json, "kubernetes_role_v1") as { rule: Record<string, unknown>[] };
    expect(role.rule).toEqual([
      { api_groups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] },
    ]);
    const binding = onlyResource(json, "kubernetes_role_binding_v1") as {
      role_ref: Record<string, string>;
      subject: Record<string, string>[];
    };
    expect(binding.role_ref).toEqual({
      api_group: "rbac.authorization.k8s.io",
      kind: "Role",
      name: expect.stringContaining("kubernetes_role_v1."),
    });
    expect(binding.subject).toEqual([
      {
        kind: "ServiceAccount",
        name: expect.stringContaining("kubernetes_service_account_v1."),
        namespace: "ci",
      },
    ]);
    expect(sa.subject).toBe("system:serviceaccount:ci:runner");
  });

  test("annotations added later (by an identity binding) land on the account, sorted", () => {
    const { stack, sa } = setup({ annotations: { "z.example.com/x": "1" } });
    sa.addAnnotations({ "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/r" });
    const res = onlyResource(synthJson(stack), "kubernetes_service_account_v1") as {
      metadata: { annotations: Record<string, string> };
    };
    expect(Object.entries(res.metadata.annotations)).toEqual([
      ["eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/r"],
      ["z.example.com/x", "1"],
    ]);
  });

  test("refuses a * verb", () => {
    const { stack } = setup({ rules: [{ resources: ["pods"], verbs: ["*"] }] });
    expect(synthErrors(stack)).toContain(
      '[test/Sa] rules[0].verbs: "*" — wildcard verbs are refused (least privilege)',
    );
  });

  test("refuses * resources and escalating verbs", () => {
    const { stack } = setup({
      rules: [
        { resources: ["*"], verbs: ["get"] },
        { resources: ["roles"], apiGroups: ["rbac.authorization.k8s.io"], verbs: ["bind"] },
      ],
    });
    const errors = synthErrors(stack);
    expect(errors).toContain('rules[0].resources: ["*"] — wildcard resources are refused');
    expect(errors).toContain('rules[1].verbs: "bind" — privilege-escalating verbs');
  });

  test("refuses unknown verbs and empty lists", () => {
    const { stack } = setup({ rules: [{ resources: [], verbs: ["read"] }] });
    const errors = synthErrors(stack);
    expect(errors).toContain("rules[0].resources: [] — must name at least one resource");
    expect(errors).toContain('rules[0].verbs: "read" — unknown verb');
  });

  test("allows wildcards with a reason, recorded on the Role", () => {
    const { stack } = setup({
      rules: [{ resources: ["*"], verbs: ["*"] }],
      allowWildcards: { reason: "chart manages arbitrary CRDs" },
    });
    expect(synthErrors(stack)).toBe("");
    const role = onlyResource(synthJson(stack), "kubernetes_role_v1") as {
      metadata: { annotations: Record<string, string> };
    };
    expect(role.metadata.annotations["runner-pools.cdktf.io/wildcards-reason"]).toBe(
      "chart manages arbitrary CRDs",
    );
  });

  test("an empty reason does not count", () => {
    const { stack } = setup({
      rules: [{ resources: ["*"], verbs: ["get"] }],
      allowWildcards: { reason: " " },
    });
    expect(synthErrors(stack)).toContain("allowWildcards.reason");
  });

  test("rejects a bad service account name", () => {
    const { stack } = setup({ name: "Runner SA" });
    expect(synthErrors(stack)).toContain('name: "Runner SA" — must be a DNS-1123 subdomain');
  });
});
