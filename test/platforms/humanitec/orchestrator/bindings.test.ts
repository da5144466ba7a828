import { TerraformStack } from "cdktf";
import {
  KubernetesAgentRunnerResource,
  KubernetesAgentRunnerResourceConfig,
} from "../../../../lib/platforms/humanitec/orchestrator/kubernetes-agent-runner";
import { PlatformOrchestratorProvider } from "../../../../lib/platforms/humanitec/orchestrator/provider";
import { RunnerRuleResource } from "../../../../lib/platforms/humanitec/orchestrator/runner-rule";
import { newStack, resourcesOf, ruleIdsOf, synthErrors, synthJson } from "../../../support/stack";

const KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAfakefakefakefakefakefakefakefakefakefakefak=\n-----END PUBLIC KEY-----\n";

function runner(
  stack: TerraformStack,
  overrides: Partial<KubernetesAgentRunnerResourceConfig> = {},
  job: Partial<KubernetesAgentRunnerResourceConfig["runnerConfiguration"]["job"]> = {},
) {
  const provider = new PlatformOrchestratorProvider(stack, `po-${stack.node.children.length}`, {
    orgId: "my-org",
  });
  return new KubernetesAgentRunnerResource(stack, `runner-${stack.node.children.length}`, {
    provider,
    runnerId: "my-runner",
    runnerConfiguration: {
      key: KEY,
      job: { namespace: "jobs", serviceAccount: "job", ...job },
    },
    stateStorageConfiguration: { type: "kubernetes", namespace: "jobs" },
    ...overrides,
  });
}

describe("platform-orchestrator bindings", () => {
  test("render the provider's documented attribute names", () => {
    const stack = newStack();
    runner(
      stack,
      {
        description: "d",
        stateStorageConfiguration: {
          type: "azurerm",
          storageAccountName: "acct",
          containerName: "state",
          resourceGroupName: "rg",
          pathPrefix: "runners",
        },
      },
      { podTemplate: '{"metadata":{}}' },
    );
    const json = synthJson(stack);
    const [r] = resourcesOf(json, "platform-orchestrator_kubernetes_agent_runner");
    expect(r).toMatchObject({
      id: "my-runner",
      description: "d",
      runner_configuration: {
        key: KEY,
        job: { namespace: "jobs", service_account: "job", pod_template: '{"metadata":{}}' },
      },
      state_storage_configuration: {
        type: "azurerm",
        azurerm_configuration: {
          storage_account_name: "acct",
          container_name: "state",
          resource_group_name: "rg",
          path_prefix: "runners",
        },
      },
    });
    expect(synthErrors(stack)).toBe("");
  });

  test.each([
    [{ type: "kubernetes", namespace: "ns" }, { kubernetes_configuration: { namespace: "ns" } }],
    [{ type: "s3", bucket: "b" }, { s3_configuration: { bucket: "b" } }],
    [
      { type: "gcs", bucket: "b", pathPrefix: "p" },
      { gcs_configuration: { bucket: "b", path_prefix: "p" } },
    ],
  ] as const)("state storage %j", (storage, expected) => {
    const stack = newStack();
    runner(stack, { stateStorageConfiguration: storage });
    const [r] = resourcesOf(synthJson(stack), "platform-orchestrator_kubernetes_agent_runner");
    expect(r.state_storage_configuration).toEqual({ type: storage.type, ...expected });
  });

  test("runner rule renders runner_id / project_id / env_type_id", () => {
    const stack = newStack();
    const r = runner(stack);
    new RunnerRuleResource(stack, "rule", {
      runnerId: r.runnerIdRef,
      projectId: "shop",
      envTypeId: "dev",
    });
    const [rule] = resourcesOf(synthJson(stack), "platform-orchestrator_runner_rule");
    expect(rule).toMatchObject({ project_id: "shop", env_type_id: "dev" });
    expect(String(rule.runner_id)).toMatch(
      /^\$\{platform-orchestrator_kubernetes_agent_runner\..*\.id\}$/,
    );
  });

  test('an unset pod template is sent as "{}", clearing one registered earlier', () => {
    // upstream kubernetes_agent_runner_resource.go:72-76: pod_template is Optional + Computed;
    // its acceptance test clears it with pod_template = "{}" (…_resource_test.go:158)
    const stack = newStack();
    runner(stack);
    const [r] = resourcesOf(synthJson(stack), "platform-orchestrator_kubernetes_agent_runner");
    expect(r.runner_configuration.job.pod_template).toBe("{}");
  });

  test("alias is kept: platform-orchestrator.<alias>, used by resources; a second org beside the default", () => {
    const stack = newStack();
    new PlatformOrchestratorProvider(stack, "default", { orgId: "org-a" });
    const other = new PlatformOrchestratorProvider(stack, "org-b", {
      orgId: "org-b",
      alias: "org_b",
      configFile: "/home/ci/.config/hctl/org-b.yaml",
    });
    expect(other.alias).toBe("org_b");
    new KubernetesAgentRunnerResource(stack, "r", {
      provider: other,
      runnerId: "my-runner",
      runnerConfiguration: { key: KEY, job: { namespace: "j", serviceAccount: "sa" } },
      stateStorageConfiguration: { type: "kubernetes", namespace: "j" },
    });
    const json = synthJson(stack);
    expect(json.provider["platform-orchestrator"]).toEqual([
      { org_id: "org-a" },
      { org_id: "org-b", alias: "org_b", hctl_config_file: "/home/ci/.config/hctl/org-b.yaml" },
    ]);
    const [r] = resourcesOf(json, "platform-orchestrator_kubernetes_agent_runner");
    expect(r.provider).toBe("platform-orchestrator.org_b");
    expect(synthErrors(stack)).toBe("");
  });

  describe("validation", () => {
    test("kubernetes state namespace at most 63 characters (upstream runner_common_resource.go:57)", () => {
      const stack = newStack();
      runner(stack, {
        stateStorageConfiguration: { type: "kubernetes", namespace: "n".repeat(64) },
      });
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-STATE-NAMESPACE-LENGTH"]);
    });

    test.each(["http://localhost:8080", "http://127.0.0.1", "https://po.example.com"])(
      "api url %s is accepted (the provider sends no token to localhost: provider.go:239)",
      (apiUrl) => {
        const stack = newStack();
        new PlatformOrchestratorProvider(stack, "po", { apiUrl });
        expect(synthErrors(stack)).toBe("");
      },
    );

    test("pod template must be a JSON object", () => {
      const stack = newStack();
      runner(stack, {}, { podTemplate: "[1,2]" });
      expect(synthErrors(stack)).toContain(
        'runnerConfiguration.job.podTemplate: "[1,2]" — must be a JSON-encoded object',
      );
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-POD-TEMPLATE-JSON"]);
    });

    test("state storage type must be known", () => {
      const stack = newStack();
      runner(stack, {
        stateStorageConfiguration: {
          type: "ftp",
          bucket: "x",
        } as unknown as KubernetesAgentRunnerResourceConfig["stateStorageConfiguration"],
      });
      expect(synthErrors(stack)).toContain(
        'stateStorageConfiguration.type: "ftp" — must be one of kubernetes, s3, gcs, azurerm',
      );
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-STATE-STORAGE-TYPE"]);
    });

    test("azurerm storage needs account and container", () => {
      const stack = newStack();
      runner(stack, {
        stateStorageConfiguration: {
          type: "azurerm",
          storageAccountName: "acct",
          containerName: " ",
        },
      });
      expect(synthErrors(stack)).toContain(
        'stateStorageConfiguration.containerName: " " — is required for state storage type azurerm',
      );
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-STATE-STORAGE-REQUIRED"]);
    });

    test("the key must be a public key (a private key is redacted)", () => {
      const stack = newStack();
      runner(stack, {
        runnerConfiguration: {
          key: "-----BEGIN PRIVATE KEY-----\nPLANTED\n-----END PRIVATE KEY-----",
          job: { namespace: "jobs", serviceAccount: "job" },
        },
      });
      const errors = synthErrors(stack);
      expect(errors).toContain("runnerConfiguration.key: <redacted");
      expect(errors).not.toContain("PLANTED");
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-PRIVATE-KEY-AS-PUBLIC-KEY"]);
    });

    test("runner rule ids", () => {
      const stack = newStack();
      new RunnerRuleResource(stack, "rule", {
        runnerId: "r",
        projectId: "My Project",
        envTypeId: "Dev_1",
      });
      const errors = synthErrors(stack);
      expect(errors).toContain('projectId: "My Project" — must be a Humanitec id');
      expect(errors).toContain('envTypeId: "Dev_1" — must be a Humanitec id');
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-ID"]);
    });

    test("provider apiUrl must be https", () => {
      const stack = newStack();
      new PlatformOrchestratorProvider(stack, "po", { apiUrl: "http://orchestrator" });
      expect(synthErrors(stack)).toContain(
        'apiUrl: "http://orchestrator" — must be an https URL (http only on localhost)',
      );
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-API-URL-HTTPS"]);
    });
  });
});
