import { Construct } from "constructs";
import { RunnerPlatform, RunnerPlatformContext } from "../lib/platform";
import { CustomChartRunner } from "../lib/platforms/custom-chart/custom-chart-runner";
import { RunnerPool } from "../lib/pool";
import { ChartSource } from "../lib/release/chart-source";
import { boundRunner, FakeIdentity } from "./support/fixtures";
import { TerraformResource } from "cdktf";
import type { WorkloadIdentityBinding } from "../lib/identity/workload-identity";
import {
  newStack,
  onlyResource,
  resourcesOf,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "./support/stack";

const chart = ChartSource.fromRepository("https://charts.example.com", "runner", "1.0.0");

describe("RunnerPool", () => {
  test("releases depend on the identity binding's dependables (what pods need at admission)", () => {
    const stack = newStack();
    const piece = new TerraformResource(stack, "IdentityPiece", {
      terraformResourceType: "null_resource",
    });
    const identity = {
      kind: "with-dependables",
      bind: (): WorkloadIdentityBinding => ({
        serviceAccountAnnotations: {},
        podLabels: {},
        dependables: [piece, piece],
      }),
    };
    new RunnerPool(stack, "pool", { platform: boundRunner(), identity });
    const deps = onlyResource(synthJson(stack), "helm_release").depends_on as string[];
    // Once, even when a binding repeats a piece.
    expect(deps.filter((d) => d.startsWith("null_resource."))).toEqual([
      "null_resource.IdentityPiece",
    ]);
  });

  test("composes namespace, service account, release; release depends on RBAC objects", () => {
    const stack = newStack();
    const pool = new RunnerPool(stack, "ci-pool", {
      platform: new CustomChartRunner({
        chart,
        serviceAccounts: [
          {
            id: "Runner",
            name: "runner",
            valuesPath: "rbac.serviceAccountName",
            rules: [{ resources: ["pods"], verbs: ["get"] }],
          },
        ],
      }),
    });
    expect(pool.poolName).toBe("ci-pool");
    expect(pool.namespace.name).toBe("ci-pool");
    expect(Object.keys(pool.serviceAccounts)).toEqual(["Runner"]);
    expect(pool.scaling.mode).toBe("self-managed");
    const json = synthJson(stack);
    const release = onlyResource(json, "helm_release") as {
      depends_on: string[];
      values: string[];
      name: string;
    };
    expect(release.name).toBe("ci-pool");
    expect(release.values[0]).toContain("rbac:\n  serviceAccountName: runner\n");
    expect(release.depends_on).toEqual([
      expect.stringMatching(/^kubernetes_service_account_v1\./),
      expect.stringMatching(/^kubernetes_role_v1\./),
      expect.stringMatching(/^kubernetes_role_binding_v1\./),
      // the namespace's network policies: default-deny and its flows exist before the pods
      expect.stringMatching(/^kubernetes_network_policy_v1\..*default-deny/),
      expect.stringMatching(/^kubernetes_network_policy_v1\..*allow-dns-egress/),
      expect.stringMatching(/^kubernetes_network_policy_v1\..*allow-https-egress/),
      // the runner's account has RBAC rules: its pods call the API server (6443 beyond 443)
      expect.stringMatching(/^kubernetes_network_policy_v1\..*allow-egress-api-server/),
    ]);
    expect(synthErrors(stack)).toBe("");
  });

  test("binds the identity to the service account marked bindIdentity, and passes pod labels", () => {
    const stack = newStack();
    const identity = new FakeIdentity({ "azure.workload.identity/use": "true" });
    const pool = new RunnerPool(stack, "Pool", {
      poolName: "jobs",
      identity,
      platform: new CustomChartRunner({
        chart,
        podLabelsValuesPath: "podLabels",
        serviceAccounts: [
          { id: "Controller", name: "controller" },
          { id: "Job", name: "job", bindIdentity: true },
        ],
      }),
    });
    expect(identity.subjects).toEqual([{ namespace: "jobs", name: "job" }]);
    expect(Object.keys(pool.identityBindings)).toEqual(["Job"]);
    const json = synthJson(stack);
    const accounts = resourcesOf(json, "kubernetes_service_account_v1") as {
      metadata: { name: string; annotations?: Record<string, string> };
    }[];
    const byName = Object.fromEntries(
      accounts.map((a) => [a.metadata.name, a.metadata.annotations]),
    );
    expect(byName.job).toEqual({ "example.com/identity": "jobs.job" });
    expect(byName.controller).toBeUndefined();
    expect((onlyResource(json, "helm_release") as { values: string[] }).values[0]).toContain(
      'podLabels:\n  azure.workload.identity/use: "true"\n',
    );
  });

  test("an identity with no service account to bind is an error", () => {
    const stack = newStack();
    new RunnerPool(stack, "Pool", {
      identity: new FakeIdentity(),
      platform: new CustomChartRunner({ chart }),
    });
    expect(synthErrors(stack)).toContain(
      '[test/Pool] identity: "fake" — platform custom-chart declares no service account for a cloud identity',
    );
    expect(ruleIdsOf(stack)).toEqual(["POOL-IDENTITY-UNBOUND"]);
  });

  test("a platform that needs privileged pods is refused in a restricted namespace", () => {
    class Privileged implements RunnerPlatform {
      public readonly kind = "needs-privileged";
      public readonly requiredPodSecurity = "privileged" as const;
      public plan() {
        return { serviceAccounts: [] };
      }
      public build(scope: Construct, ctx: RunnerPlatformContext) {
        return new CustomChartRunner({ chart }).build(scope, ctx);
      }
    }
    const stack = newStack();
    new RunnerPool(stack, "Pool", { platform: new Privileged() });
    expect(synthErrors(stack)).toContain(
      'namespace.podSecurity.enforce: "restricted" — platform needs-privileged runs pods that need Pod Security level "privileged"',
    );
    const ok = newStack();
    new RunnerPool(ok, "Pool", {
      platform: new Privileged(),
      namespace: { podSecurity: "privileged" },
    });
    expect(synthErrors(ok)).toBe("");
  });

  test("platform namespaces with the pool's name reuse the pool namespace; others are created", () => {
    class TwoNamespaces implements RunnerPlatform {
      public readonly kind = "two";
      constructor(private readonly jobs: string) {}
      public plan() {
        return {
          namespaces: { jobs: { name: this.jobs } },
          serviceAccounts: [{ id: "Job", name: "job", namespaceRole: "jobs" }],
        };
      }
      public build(scope: Construct, ctx: RunnerPlatformContext) {
        return new CustomChartRunner({ chart }).build(scope, ctx);
      }
    }
    const same = newStack();
    const a = new RunnerPool(same, "pool", { platform: new TwoNamespaces("pool") });
    expect(a.namespaces.jobs).toBe(a.namespace);
    expect(resourcesOf(synthJson(same), "kubernetes_namespace_v1")).toHaveLength(1);
    const other = newStack();
    const b = new RunnerPool(other, "pool", { platform: new TwoNamespaces("pool-jobs") });
    expect(b.namespaces.jobs.name).toBe("pool-jobs");
    expect(b.serviceAccounts.Job.namespaceName).toBe("pool-jobs");
    expect(resourcesOf(synthJson(other), "kubernetes_namespace_v1")).toHaveLength(2);
  });

  test("a platform plan that repeats a service-account id fails with CORE-CONSTRUCT-ID-UNIQUE", () => {
    const stack = newStack();
    const platform = new CustomChartRunner({
      chart,
      serviceAccounts: [
        { id: "Runner", name: "runner" },
        { id: "Runner", name: "runner-2" },
      ],
    });
    expect(() => new RunnerPool(stack, "Pool", { platform })).toThrow(
      /^\[test\/Pool\] serviceAccounts\.Runner: "ServiceAccount-Runner" — platform custom-chart asks twice for the construct id "ServiceAccount-Runner" in this pool.*\(CORE-CONSTRUCT-ID-UNIQUE\)$/,
    );
  });

  test("a pool name that is not a DNS label is reported with the pool's path", () => {
    const stack = newStack();
    new RunnerPool(stack, "Pool", {
      poolName: "CI_Pool",
      platform: new CustomChartRunner({ chart }),
    });
    expect(synthErrors(stack)).toContain(
      '[test/Pool] poolName: "CI_Pool" — must be a DNS-1123 label',
    );
  });
});
