import { Testing } from "cdktf";
import { buildDefaultApp } from "../../stacks/default-app";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { boundRunner } from "../support/fixtures";
import { synthErrors } from "../support/stack";

function defaultStack(id: string) {
  const app = Testing.app();
  const stacks = buildDefaultApp(app);
  const stack = stacks.find((s) => s.node.id === id);
  if (!stack) throw new Error(`no stack ${id}`);
  return stack;
}

describe("runners-kubernetes (default app)", () => {
  test("snapshot", () => {
    expect(Testing.synth(defaultStack("runners-kubernetes"))).toMatchSnapshot();
  });

  test("passes validation", () => {
    expect(() => Testing.synth(defaultStack("runners-kubernetes"), true)).not.toThrow();
  });

  test("uses a local backend with a relative state path", () => {
    const json = JSON.parse(Testing.synth(defaultStack("runners-kubernetes")));
    expect(json.terraform.backend).toEqual({
      local: { path: "terraform.runners-kubernetes.tfstate" },
    });
  });
});

describe("KubernetesRunnerStack", () => {
  test("configures both providers from one kubeconfig and context", () => {
    const app = Testing.app();
    const stack = new KubernetesRunnerStack(app, "k", {
      kubeconfig: { configPath: "kube/config", context: "ci" },
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.kubernetes).toEqual([
      { config_path: "kube/config", config_context: "ci" },
    ]);
    expect(json.provider.helm).toEqual([
      { kubernetes: { config_path: "kube/config", config_context: "ci" } },
    ]);
  });

  test("refuses an absolute kubeconfig path (it would make the JSON machine-specific)", () => {
    const app = Testing.app();
    const stack = new KubernetesRunnerStack(app, "k", {
      kubeconfig: { configPath: "/home/me/.kube/config" },
    });
    expect(() => Testing.synth(stack, true)).toThrow(
      /configPath: "\/home\/me\/.kube\/config" — an absolute path makes the synthesized JSON machine-specific/,
    );
  });

  test("a pool id used twice fails with CORE-CONSTRUCT-ID-UNIQUE, not the constructs library's error", () => {
    const stack = new KubernetesRunnerStack(Testing.app({ stackTraces: false }), "k");
    stack.addPool("gitlab", { platform: boundRunner() });
    expect(() => stack.addPool("gitlab", { platform: boundRunner() })).toThrow(
      /^\[k\] pools\.gitlab: "gitlab" — this stack already has a construct with the id "gitlab".*\(CORE-CONSTRUCT-ID-UNIQUE\)$/,
    );
  });

  test("identity options (not a WorkloadIdentity object) are refused with the pool's field", () => {
    const stack = new KubernetesRunnerStack(Testing.app({ stackTraces: false }), "k");
    stack.addPool("gitlab", { platform: boundRunner(), identity: { irsa: {} } as never });
    expect(synthErrors(stack)).toMatch(
      /\[k\] pools\.gitlab\.identity: \["irsa"\] — KubernetesRunnerStack takes identities as WorkloadIdentity objects only.*\(STACK-IDENTITY-OBJECT\)/,
    );
    expect(stack.identities).toEqual({});
  });

  test("supports remote backends: S3 with its lock file, GCS, azurerm", () => {
    const app = Testing.app();
    const s3 = new KubernetesRunnerStack(app, "s3", {
      backend: { kind: "s3", bucket: "b", key: "k", region: "eu-west-1" },
    });
    const gcs = new KubernetesRunnerStack(app, "gcs", {
      backend: { kind: "gcs", bucket: "b", prefix: "runners" },
    });
    const az = new KubernetesRunnerStack(app, "az", {
      backend: {
        kind: "azurerm",
        resourceGroupName: "rg",
        storageAccountName: "sa",
        containerName: "tf",
        key: "runners.tfstate",
      },
    });
    expect(JSON.parse(Testing.synth(s3)).terraform.backend.s3).toEqual({
      bucket: "b",
      key: "k",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
    expect(JSON.parse(Testing.synth(gcs)).terraform.backend.gcs).toEqual({
      bucket: "b",
      prefix: "runners",
    });
    expect(JSON.parse(Testing.synth(az)).terraform.backend.azurerm).toMatchObject({
      container_name: "tf",
      key: "runners.tfstate",
      use_azuread_auth: true,
    });
  });
});
