// The hand-written bindings' attribute names, held against the providers' source:
//   humanitec/terraform-provider-platform-orchestrator at tag v2.14.0 (commit 09a2c51d…)
//   stellwerk-labs/terraform-provider-platform-orchestrator at tag v1.0.1 (commit 43cd1ac7…)
// The resource schemas of both are identical at the cited lines; the providers differ in the
// config-file argument and the environment variables. Every name below is cited file:line.
import { TerraformStack } from "cdktf";
import { KubernetesAgentRunnerResource } from "../../../../lib/platforms/humanitec/orchestrator/kubernetes-agent-runner";
import {
  PLATFORM_ORCHESTRATOR_FLAVOURS,
  PlatformOrchestratorProvider,
} from "../../../../lib/platforms/humanitec/orchestrator/provider";
import { RunnerRuleResource } from "../../../../lib/platforms/humanitec/orchestrator/runner-rule";
import { newStack, resourcesOf, synthJson } from "../../../support/stack";

const KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAfakefakefakefakefakefakefakefakefakefakefak=\n-----END PUBLIC KEY-----\n";

/** Upstream attribute names with where they are defined. */
const UPSTREAM = {
  provider: {
    humanitec: {
      // internal/provider/provider.go:84, :88, :92, :96
      names: ["hctl_config_file", "api_url", "org_id", "auth_token"],
      // internal/provider/provider.go:38-40, :42
      env: ["HUMANITEC_ORG_ID", "HUMANITEC_API_URL", "HUMANITEC_AUTH_TOKEN"],
      defaultApiUrl: "https://api.humanitec.dev",
    },
    "self-hosted": {
      // internal/provider/provider.go:84, :88, :92, :96 (v1.0.1)
      names: ["octl_config_file", "api_url", "org_id", "auth_token"],
      // internal/provider/provider.go:38-40, :42 (v1.0.1)
      env: ["PO_ORG_ID", "PO_API_URL", "PO_AUTH_TOKEN"],
      defaultApiUrl: "https://api.stellwerk.localhost",
    },
  },
  // internal/provider/kubernetes_agent_runner_resource.go:32 id, :45 description,
  // :52 runner_configuration, :56 key, :60 job, :64 namespace, :68 service_account,
  // :72 pod_template (Optional + Computed, :76)
  runner: ["id", "description", "runner_configuration", "state_storage_configuration"],
  runnerConfiguration: ["key", "job"],
  job: ["namespace", "service_account", "pod_template"],
  // internal/provider/runner_common_resource.go:42 type, :49 kubernetes_configuration
  // (:53 namespace, :57 LengthAtMost(63)), :66/:70 s3 bucket/path_prefix, :76 gcs_configuration,
  // :90 azurerm_configuration (:94 resource_group_name, :98 storage_account_name,
  // :102 container_name, :106 path_prefix)
  azurerm: ["resource_group_name", "storage_account_name", "container_name", "path_prefix"],
  // internal/provider/runner_rule_resource.go:52 id (computed), :56 runner_id, :63 env_type_id, :71 project_id
  rule: ["runner_id", "env_type_id", "project_id"],
};

function keysOf(x: unknown): string[] {
  return Object.keys(x as object).sort();
}

describe("bindings against the upstream provider schemas", () => {
  test.each(["humanitec", "self-hosted"] as const)(
    "%s provider: arguments, source and environment",
    (orchestrator) => {
      const stack = newStack();
      new PlatformOrchestratorProvider(stack, "po", {
        orchestrator,
        orgId: "o",
        apiUrl: "https://api.example.com",
        configFile: "/etc/cli/config.yaml",
        authToken: "${var.token}",
      });
      const json = synthJson(stack);
      const [config] = json.provider["platform-orchestrator"];
      expect(keysOf(config)).toEqual([...UPSTREAM.provider[orchestrator].names].sort());
      const flavour = PLATFORM_ORCHESTRATOR_FLAVOURS[orchestrator];
      expect(json.terraform.required_providers["platform-orchestrator"]).toEqual({
        source: flavour.source,
        version: flavour.version,
      });
      expect([flavour.env.orgId, flavour.env.apiUrl, flavour.env.authToken]).toEqual(
        UPSTREAM.provider[orchestrator].env,
      );
      expect(flavour.defaultApiUrl).toBe(UPSTREAM.provider[orchestrator].defaultApiUrl);
    },
  );

  test("resource attribute names", () => {
    const stack: TerraformStack = newStack();
    const provider = new PlatformOrchestratorProvider(stack, "po", { orgId: "o" });
    const r = new KubernetesAgentRunnerResource(stack, "r", {
      provider,
      runnerId: "my-runner",
      description: "d",
      runnerConfiguration: { key: KEY, job: { namespace: "j", serviceAccount: "sa" } },
      stateStorageConfiguration: {
        type: "azurerm",
        storageAccountName: "a",
        containerName: "c",
        resourceGroupName: "rg",
        pathPrefix: "p",
      },
    });
    new RunnerRuleResource(stack, "rule", {
      provider,
      runnerId: r.runnerIdRef,
      envTypeId: "dev",
      projectId: "shop",
    });
    const json = synthJson(stack);
    const [runner] = resourcesOf(json, "platform-orchestrator_kubernetes_agent_runner");
    expect(keysOf(runner).filter((k) => k !== "provider")).toEqual([...UPSTREAM.runner].sort());
    expect(keysOf(runner.runner_configuration)).toEqual([...UPSTREAM.runnerConfiguration].sort());
    expect(keysOf(runner.runner_configuration.job)).toEqual([...UPSTREAM.job].sort());
    expect(keysOf(runner.state_storage_configuration.azurerm_configuration)).toEqual(
      [...UPSTREAM.azurerm].sort(),
    );
    const [rule] = resourcesOf(json, "platform-orchestrator_runner_rule");
    expect(keysOf(rule).filter((k) => k !== "provider")).toEqual([...UPSTREAM.rule].sort());
  });
});
