import { Construct } from "constructs";
import { TerraformProvider, TerraformStack } from "cdktf";
import { report } from "../../core/rules/report";
import type { HumanitecAgentRunnerProps } from "./humanitec-agent-runner-props";
import {
  KubernetesAgentRunnerResource,
  KubernetesAgentRunnerStateStorage,
} from "./orchestrator/kubernetes-agent-runner";
import { PlatformOrchestratorProvider } from "./orchestrator/provider";
import { RunnerRuleResource } from "./orchestrator/runner-rule";
import { PROVIDER_ORGANIZATION } from "./rules";

/** Input of {@link registerHumanitecRunner}: what the registration needs besides the props. */
export interface HumanitecRegistrationInput {
  /** The agent's public key, PEM (a literal or a reference). */
  readonly publicKeyPem: string;
  /** The jobs namespace, as a reference (so the registration waits for it). */
  readonly jobsNamespaceRef: string;
  /** The jobs' service account, as a reference when this library creates it. */
  readonly jobServiceAccountRef: string;
  /** The job pod template, JSON (`"{}"` clears it). */
  readonly podTemplate: string;
  readonly stateStorage: KubernetesAgentRunnerStateStorage;
}

/** The runner's registration with the Orchestrator and its runner rules. */
export interface HumanitecRegistration {
  readonly registration: KubernetesAgentRunnerResource;
  readonly rules: RunnerRuleResource[];
}

/**
 * Registers the runner (`Registration`) and its runner rules (`RunnerRule-<i>`) through
 * `props.provider`, or the stack's default `platform-orchestrator` provider.
 */
export function registerHumanitecRunner(
  scope: Construct,
  p: HumanitecAgentRunnerProps,
  input: HumanitecRegistrationInput,
): HumanitecRegistration {
  const provider = p.provider ?? defaultOrchestratorProvider(scope, p);
  const registration = new KubernetesAgentRunnerResource(scope, "Registration", {
    provider,
    runnerId: p.runnerId,
    description: p.description,
    runnerConfiguration: {
      key: input.publicKeyPem,
      job: {
        namespace: input.jobsNamespaceRef,
        serviceAccount: input.jobServiceAccountRef,
        podTemplate: input.podTemplate,
      },
    },
    stateStorageConfiguration: input.stateStorage,
  });
  const rules = (p.runnerRules ?? []).map(
    (rule, i) =>
      new RunnerRuleResource(scope, `RunnerRule-${i}`, {
        provider,
        runnerId: registration.runnerIdRef,
        projectId: rule.projectId,
        envTypeId: rule.envTypeId,
      }),
  );
  return { registration, rules };
}

/**
 * The stack's default (un-aliased) `platform-orchestrator` provider, created once: a second
 * pool in the same stack reuses it instead of declaring a duplicate. Aliased providers are
 * never picked (they are `platform-orchestrator.<alias>`, for other organizations).
 */
function defaultOrchestratorProvider(
  scope: Construct,
  p: HumanitecAgentRunnerProps,
): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const orchestrator = p.orchestrator ?? "humanitec";
  const existing = stack.node
    .findAll()
    .find(
      (c): c is PlatformOrchestratorProvider =>
        c instanceof PlatformOrchestratorProvider && c.alias === undefined,
    );
  if (existing) {
    const otherOrg = existing.orgId !== undefined && existing.orgId !== p.orgId;
    const otherUrl = (existing.apiUrl ?? undefined) !== (p.orchestratorUrl ?? undefined);
    const otherKind = existing.orchestrator !== orchestrator;
    report(
      scope,
      otherOrg || otherUrl || otherKind
        ? {
            rule: PROVIDER_ORGANIZATION,
            field: "provider",
            value: otherOrg ? existing.orgId : otherUrl ? existing.apiUrl : existing.orchestrator,
            message: otherOrg
              ? `the stack's default platform-orchestrator provider is configured for another organization than orgId "${p.orgId}"; the runner would be registered there`
              : otherUrl
                ? `the stack's default platform-orchestrator provider talks to ${existing.apiUrl ?? "its default API"}, not orchestratorUrl ${p.orchestratorUrl ?? "(default)"}; the runner would be registered where the agent does not connect`
                : `the stack's default platform-orchestrator provider is the ${existing.orchestrator} one, not ${orchestrator}`,
            example: `provider: new PlatformOrchestratorProvider(stack, "po-${p.orgId}", { orgId: "${p.orgId}", alias: "${p.orgId}" })`,
          }
        : undefined,
    );
    return existing;
  }
  return new PlatformOrchestratorProvider(scope, "PlatformOrchestrator", {
    orchestrator: p.orchestrator,
    orgId: p.orgId,
    apiUrl: p.orchestratorUrl,
  });
}
