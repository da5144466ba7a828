// `runner-pools diff`: one changed input -> a diff naming exactly that change, with its class;
// several -> ranked security-relevant first; `--fail-on` exit codes. The head synth is the base
// synth with the edit that changing the input writes into cdk.tf.json.
import { type Json, cli, copySynth, editStack, resourceAt, synthDefaultApp } from "./cli-support";

interface Change {
  class: string;
  stack: string;
  pool: string;
  address: string;
  subject: string;
  kind: string;
  path: string;
  before?: string;
  after?: string;
  note?: string;
}

const base = synthDefaultApp("diff-base");

function diffAfter(stack: string, edit: (json: Json) => void): { changes: Change[]; md: string } {
  const head = copySynth(base);
  editStack(head, stack, edit);
  const json = cli("diff", "--base", base, head, "--format", "json");
  expect(json).toMatchObject({ code: 0, stderr: "" });
  return { changes: JSON.parse(json.stdout).changes, md: cli("diff", "--base", base, head).stdout };
}

const K = "runners-kubernetes";

describe("runner-pools diff names exactly the one change", () => {
  test("an RBAC verb", () => {
    const { changes, md } = diffAfter(K, (j) => {
      resourceAt(
        j,
        "kubernetes_role_v1",
        "arc-runners/ServiceAccount-Runner/Role",
      ).rule[0].verbs.push("watch");
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "rbac",
        stack: K,
        pool: "arc-runners",
        subject: "Role arc-runners/arc-runners-runner",
        kind: "changed",
        path: "rule[0].verbs (on pods)",
        before: "[create, delete, get, list]",
        after: "[create, delete, get, list, watch]",
      }),
    ]);
    expect(md).toContain("## RBAC (`rbac`)");
  });

  test("a chart version", () => {
    const { changes } = diffAfter(K, (j) => {
      resourceAt(j, "helm_release", "kubiya/Release/Resource").version = "0.9.31";
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "chart",
        pool: "kubiya",
        path: "version",
        before: "0.9.30",
        after: "0.9.31",
      }),
    ]);
  });

  test("the controller version, with its CRD-upgrade note", () => {
    const { changes, md } = diffAfter(K, (j) => {
      resourceAt(j, "helm_release", "arc-controller/Release/Resource").version = "0.15.0";
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "controller",
        pool: "arc-controller",
        path: "version",
        after: "0.15.0",
      }),
    ]);
    expect(changes[0].note).toMatch(/Helm does not upgrade CRDs/);
    expect(md).toContain("crds/");
  });

  test("an IRSA trust subject", () => {
    const { changes } = diffAfter("runners-eks", (j) => {
      // the trust is a data.aws_iam_policy_document: its `…:sub` condition block
      const doc = Object.values(j.data.aws_iam_policy_document).find((d: Json) =>
        (d["//"].metadata.path as string).endsWith("gitlab-runners-identity/TrustPolicy"),
      ) as Json;
      const sub = doc.statement[0].condition.find((c: Json) => c.variable.endsWith(":sub"));
      sub.values = ["system:serviceaccount:gitlab-runners:default"];
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "identity-trust",
        stack: "runners-eks",
        path: "Statement[0].condition StringEquals <cluster OIDC issuer>:sub",
        before: "system:serviceaccount:gitlab-runners:gitlab-runner",
        after: "system:serviceaccount:gitlab-runners:default",
      }),
    ]);
  });

  test("a GKE member and an AKS federated subject", () => {
    const gke = diffAfter("runners-gke", (j) => {
      const m = Object.values(j.resource.google_service_account_iam_member)[0] as Json;
      m.member = "serviceAccount:acme-ci.svc.id.goog[gitlab-runners/default]";
    }).changes;
    expect(gke).toEqual([expect.objectContaining({ class: "identity-trust", path: "member" })]);
    const aks = diffAfter("runners-aks", (j) => {
      const f = Object.values(j.resource.azurerm_federated_identity_credential)[0] as Json;
      f.subject = "system:serviceaccount:gitlab-runners:default";
    }).changes;
    expect(aks).toEqual([expect.objectContaining({ class: "identity-trust", path: "subject" })]);
  });

  test("an identity permission", () => {
    const { changes } = diffAfter("runners-gke", (j) => {
      (Object.values(j.resource.google_project_iam_member)[0] as Json).role = "roles/storage.admin";
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "identity-permissions",
        path: "role",
        after: "roles/storage.admin",
      }),
    ]);
  });

  test("maxRunners, by values path", () => {
    const { changes, md } = diffAfter(K, (j) => {
      const r = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
      r.values[0] = r.values[0].replace("maxRunners: 20", "maxRunners: 10");
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "scaling",
        pool: "arc-runners",
        path: "values.maxRunners",
        before: "20",
        after: "10",
      }),
    ]);
    expect(md).toContain("arc-runners: helm_release arc-runners: `values.maxRunners` `20` → `10`");
  });

  test("a network rule (a port)", () => {
    const { changes } = diffAfter(K, (j) => {
      resourceAt(
        j,
        "kubernetes_network_policy_v1",
        "arc-controller/Namespace/NetworkPolicy/allow-ingress-metrics",
      ).spec.ingress[0].ports[0].port = "9090";
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "flows",
        subject: "NetworkPolicy arc-systems/allow-ingress-metrics",
        path: "spec.ingress[0].ports[0].port",
        before: "8080",
        after: "9090",
      }),
    ]);
  });

  test("a new network policy (a new opening)", () => {
    const { changes } = diffAfter(K, (j) => {
      const np = resourceAt(
        j,
        "kubernetes_network_policy_v1",
        "arc-runners/Namespace/NetworkPolicy/allow-https-egress",
      );
      j.resource.kubernetes_network_policy_v1["arc-runners_Extra"] = {
        ...np,
        metadata: { ...np.metadata, name: "allow-ssh" },
      };
    });
    expect(changes).toEqual([expect.objectContaining({ class: "flows", kind: "added" })]);
  });

  test("the Pod Security level", () => {
    const { changes } = diffAfter(K, (j) => {
      resourceAt(j, "kubernetes_namespace_v1", "arc-runners/Namespace/Resource").metadata.labels[
        "pod-security.kubernetes.io/enforce"
      ] = "privileged";
    });
    expect(changes).toEqual([
      expect.objectContaining({ class: "pod-security", before: "baseline", after: "privileged" }),
    ]);
  });

  test("an image tag, and a privileged setting", () => {
    const image = diffAfter(K, (j) => {
      const r = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
      r.values[0] = r.values[0].replace("actions-runner:2.334.0", "actions-runner:2.330.0");
    }).changes;
    expect(image).toEqual([
      expect.objectContaining({ class: "image", path: "values.template.spec.containers[0].image" }),
    ]);
    const priv = diffAfter(K, (j) => {
      const r = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
      r.values[0] = r.values[0].replace(
        /allowPrivilegeEscalation: false/g,
        "allowPrivilegeEscalation: true",
      );
    }).changes;
    expect(priv.map((c) => c.class)).toEqual(["privileged", "privileged"]);
  });

  test("a new suppression, with its reason", () => {
    const { changes } = diffAfter(K, (j) => {
      j["//"].metadata.runnerPoolsRules = {
        suppressed: [
          {
            rule: "K8S-RBAC-WILDCARD",
            path: "a/b",
            field: "rules[0].verbs",
            reason: "reviewed",
            suppressedAt: "a",
          },
        ],
      };
    });
    expect(changes).toEqual([
      expect.objectContaining({
        class: "rules",
        kind: "added",
        after: "K8S-RBAC-WILDCARD at a/b (rules[0].verbs): reviewed",
      }),
    ]);
  });
});

describe("ranking and --fail-on", () => {
  const head = copySynth(base, "ranked");
  editStack(head, K, (j) => {
    const r = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
    r.values[0] = r.values[0].replace("maxRunners: 20", "maxRunners: 10");
    resourceAt(
      j,
      "kubernetes_role_v1",
      "gitlab-runners/ServiceAccount-Runner/Role",
    ).rule[0].verbs.pop();
    resourceAt(j, "helm_release", "kubiya/Release/Resource").version = "0.9.31";
  });
  editStack(head, "runners-eks", (j) => {
    (Object.values(j.resource.aws_iam_role_policy)[0] as Json).name = "runner-cache-2";
  });

  test("security-relevant changes come first", () => {
    const changes: Change[] = JSON.parse(
      cli("diff", "--base", base, head, "--format", "json").stdout,
    ).changes;
    expect(changes.map((c) => c.class)).toEqual([
      "identity-permissions",
      "rbac",
      "chart",
      "scaling",
    ]);
    const md = cli("diff", "--base", base, head).stdout;
    const order = ["## Identity permissions", "## RBAC", "## Charts", "## Scaling"].map((h) =>
      md.indexOf(h),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
  });

  test("--fail-on exits 2 on a listed class, 0 otherwise", () => {
    expect(cli("diff", "--base", base, head, "--fail-on", "rbac").code).toBe(2);
    expect(cli("diff", "--base", base, head, "--fail-on", "identity").code).toBe(2);
    expect(cli("diff", "--base", base, head, "--fail-on", "pod-security,flows").code).toBe(0);
    expect(cli("diff", "--base", base, base, "--fail-on", "any")).toMatchObject({
      code: 0,
      stdout: "# Runner pools diff\n\nNo changes.\n",
    });
  });

  test("identical bytes on identical input", () => {
    expect(cli("diff", "--base", base, head).stdout).toBe(cli("diff", "--base", base, head).stdout);
  });
});
