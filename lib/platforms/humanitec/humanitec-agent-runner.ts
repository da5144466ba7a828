import { Construct } from "constructs";
import { ITerraformDependable, TerraformProvider, TerraformStack } from "cdktf";
import { toDeterministicJson } from "../../core/json";
import { mergeSorted, sortKeys } from "../../core/labels";
import { checkDns1123Label, checkDns1123Subdomain } from "../../core/names";
import { addChecks, isUnresolved, Problem } from "../../core/validation";
import { HelmValues, mergeValues } from "../../core/yaml";
import { RunnerNamespace, RunnerNamespaceOptions } from "../../kubernetes/runner-namespace";
import type { PolicyRule } from "../../kubernetes/rbac";
import type { AgentKeyBinding, IAgentKey } from "./agent-key";
import { RoleGrant } from "../../kubernetes/role-grant";
import { ChartSource } from "../../release/chart-source";
import { RunnerRelease } from "../../release/runner-release";
import type { SecretKeyRef } from "../../release/sensitive-value";
import {
  KubernetesAgentRunnerResource,
  KubernetesAgentRunnerStateStorage,
} from "./orchestrator/kubernetes-agent-runner";
import { PlatformOrchestratorProvider } from "./orchestrator/provider";
import { RunnerRuleResource } from "./orchestrator/runner-rule";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../platform";

/** Role of the namespace where the agent's Jobs run. */
export const HUMANITEC_JOBS_ROLE = "jobs";

/** The public chart location. */
export const HUMANITEC_CHART_REGISTRY = "oci://ghcr.io/humanitec/charts";
/** The chart name (a self-hosted registry must use the same name). */
export const HUMANITEC_CHART_NAME = "humanitec-kubernetes-agent-runner";
/** Key of the agent's private key inside its Secret (fixed by the chart / upstream module). */
export const HUMANITEC_PRIVATE_KEY_KEY = "private_key";

/** Who creates the service accounts and RBAC. */
export type HumanitecRbacMode =
  /**
   * This library: both service accounts, a least-privilege Role for the agent in the jobs
   * namespace, and one for the jobs (Kubernetes state storage only). The chart's
   * `serviceAccount.create`, `rbac.create` and `jobsRbac.create` are turned off.
   */
  | "library"
  /**
   * The chart, as in Humanitec's own module. The identity annotations then go into
   * `serviceAccount.annotations`, which the chart puts on both service accounts.
   */
  | "chart";

/** The pod template the agent applies to its job pods (the job container is `main`). */
export interface HumanitecJobPodTemplate {
  /** Labels of job pods (identity pod labels, e.g. AKS `azure.workload.identity/use`, are added). */
  readonly labels?: Record<string, string>;
  /** Annotations of job pods. */
  readonly annotations?: Record<string, string>;
  /** Image of the `main` container (self-hosted registries). @default the Orchestrator's default runner image */
  readonly image?: string;
  /** Plain environment variables of `main`. Nothing secret: use `secretEnv`. */
  readonly env?: Record<string, string>;
  /**
   * Secret environment variables of `main`, each from an existing Secret in the jobs
   * namespace (`valueFrom.secretKeyRef`). `TF_VAR_` names feed Terraform variables.
   */
  readonly secretEnv?: Record<string, SecretKeyRef>;
  /** Image pull secrets (names of Secrets in the jobs namespace). */
  readonly imagePullSecrets?: string[];
  /** More pod spec fields, merged last (escape hatch). Never secrets. */
  readonly extraSpec?: Record<string, unknown>;
}

/** A runner rule: which deployments the runner executes. */
export interface HumanitecRunnerRule {
  /** Project id. @default any project */
  readonly projectId?: string;
  /** Environment type id. @default any environment type */
  readonly envTypeId?: string;
}

/** Props of {@link HumanitecAgentRunner}. */
export interface HumanitecAgentRunnerProps {
  /** Humanitec organization id (`humanitec.orgId`). */
  readonly orgId: string;
  /** Runner id, registered with the Orchestrator (`humanitec.runnerId`). */
  readonly runnerId: string;
  /** Description of the registered runner (≤ 200 characters). @default none */
  readonly description?: string;
  /**
   * The chart, pinned. Use {@link HumanitecAgentRunner.chart} for ghcr.io or your own OCI
   * registry (credentials through the helm provider's `registries`).
   */
  readonly chart: ChartSource;
  /**
   * The agent's ed25519 key pair: the private key in a Secret of the runner namespace (key
   * `private_key`, `humanitec.existingSecret`), the public key registered with the Orchestrator.
   * `AgentKey.fromExistingSecret(...)` keeps the private key out of Terraform entirely;
   * `GeneratedAgentKey` (subpath `cdktf-runner-pools/tls`) generates it, into the state.
   */
  readonly agentKey: IAgentKey;
  /** Agent image, for self-hosted registries (`image.repository` / `image.tag`). @default the chart's */
  readonly image?: { readonly repository?: string; readonly tag?: string };
  /** URL of a self-hosted Orchestrator API, passed as `REMOTE_URL`. @default the SaaS endpoint */
  readonly orchestratorUrl?: string;
  /** More agent environment variables (`humanitec.extraEnvVars`). Nothing secret. */
  readonly extraEnvVars?: Record<string, string>;
  /** Agent service account. @default "humanitec-kubernetes-agent-runner" */
  readonly runnerServiceAccountName?: string;
  /** Namespace of the jobs; may equal the pool namespace. @default "<pool>-jobs" */
  readonly jobNamespaceName?: string;
  /**
   * Options of the jobs namespace (ignored when it is the pool namespace).
   * @default Pod Security enforce "baseline", audit/warn "restricted"; deny-by-default network policy
   */
  readonly jobNamespace?: RunnerNamespaceOptions;
  /** Service account of the jobs (the one the cloud identity binds). @default "humanitec-kubernetes-agent-runner-job" */
  readonly jobServiceAccountName?: string;
  /** Job pod template. @default only the identity's pod labels */
  readonly jobPodTemplate?: HumanitecJobPodTemplate;
  /** Where deployments keep their Terraform state. @default Kubernetes Secrets in the jobs namespace */
  readonly stateStorage?: KubernetesAgentRunnerStateStorage;
  /** Who creates service accounts and RBAC. @default "library" */
  readonly rbac?: HumanitecRbacMode;
  /** Register the runner with the Orchestrator (`platform-orchestrator_kubernetes_agent_runner`). @default true */
  readonly register?: boolean;
  /**
   * The `platform-orchestrator` provider to register with.
   * @default a provider `PlatformOrchestrator` created in the pool, with `orgId`
   */
  readonly provider?: TerraformProvider;
  /** Runner rules created with the registration. @default none */
  readonly runnerRules?: HumanitecRunnerRule[];
  /** Helm release name. @default "humanitec-kubernetes-agent-runner" */
  readonly releaseName?: string;
  /**
   * Wait for the agent to become ready (and roll back if it does not). Set `false` for a
   * first deploy when the private-key Secret is created only after the pool's namespace
   * exists: the agent then starts as soon as the Secret appears.
   * @default true
   */
  readonly waitForAgent?: boolean;
}

/** What the agent needs in the jobs namespace (from the chart's own `rbac.create` Role). */
export const HUMANITEC_AGENT_RULES: PolicyRule[] = [
  { apiGroups: ["batch"], resources: ["jobs"], verbs: ["create", "get", "list"] },
  { resources: ["pods", "events"], verbs: ["list"] },
];

/** What jobs need for Kubernetes state storage (from the chart's own `jobsRbac` Role). */
export const HUMANITEC_JOB_STATE_RULES: PolicyRule[] = [
  { resources: ["secrets"], verbs: ["create", "get", "list", "update"] },
  { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create", "get", "update"] },
];

const PUBLIC_PEM = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/;

/**
 * The Humanitec Platform Orchestrator `kubernetes-agent` runner: the agent (chart
 * `humanitec-kubernetes-agent-runner`) in the pool namespace polls the Orchestrator and starts
 * one Kubernetes Job per deployment in the jobs namespace, as the job service account — the
 * one the pool's cloud identity binds, since jobs run Terraform against the cloud. The runner
 * is registered with the Orchestrator (public key, job namespace/account, pod template, state
 * storage) through the `humanitec/platform-orchestrator` provider.
 *
 * Scaling is self-managed: the agent starts a Job per deployment; there is no autoscaler.
 */
export class HumanitecAgentRunner implements RunnerPlatform {
  /** The chart from ghcr.io (or `registry`, e.g. `oci://registry.example.com/charts`), pinned. */
  public static chart(version: string, registry: string = HUMANITEC_CHART_REGISTRY): ChartSource {
    return ChartSource.fromOci(registry, HUMANITEC_CHART_NAME, version);
  }

  public readonly kind = "humanitec-kubernetes-agent";
  /** The registration, after build (when `register` is not false). */
  public registration?: KubernetesAgentRunnerResource;
  /** The runner rules, after build. */
  public readonly rules: RunnerRuleResource[] = [];
  /** The RBAC grants created by the library, after build. */
  public readonly grants: RoleGrant[] = [];

  private readonly rbac: HumanitecRbacMode;
  private readonly runnerSa: string;
  private readonly jobSa: string;

  constructor(private readonly props: HumanitecAgentRunnerProps) {
    this.rbac = props.rbac ?? "library";
    this.runnerSa = props.runnerServiceAccountName ?? "humanitec-kubernetes-agent-runner";
    this.jobSa = props.jobServiceAccountName ?? "humanitec-kubernetes-agent-runner-job";
  }

  public plan(poolName: string): RunnerPlatformPlan {
    const create = this.rbac === "library";
    return {
      namespaces: {
        [HUMANITEC_JOBS_ROLE]: {
          podSecurity: { enforce: "baseline", audit: "restricted", warn: "restricted" },
          ...this.props.jobNamespace,
          name: this.props.jobNamespaceName ?? `${poolName}-jobs`,
        },
      },
      serviceAccounts: [
        // The agent calls the Kubernetes API (creates Jobs): token mounted.
        { id: "Runner", name: this.runnerSa, create, automountToken: true },
        // Jobs use the API for Kubernetes state storage: token mounted. The cloud identity binds here.
        {
          id: "Jobs",
          name: this.jobSa,
          namespaceRole: HUMANITEC_JOBS_ROLE,
          create,
          automountToken: true,
          bindIdentity: true,
        },
      ],
    };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const runnerNs = context.namespaces[RUNNERS_ROLE];
    const jobsNs = context.namespaces[HUMANITEC_JOBS_ROLE];
    const jobs = context.serviceAccounts.Jobs;
    const storage: KubernetesAgentRunnerStateStorage = p.stateStorage ?? {
      type: "kubernetes",
      namespace: jobsNs.name,
    };

    const deps: ITerraformDependable[] = [...context.prerequisites];
    const key = p.agentKey.bind(scope, runnerNs);
    if (key.dependable) deps.push(key.dependable);
    if (this.rbac === "library") {
      const agent = new RoleGrant(scope, "AgentJobsGrant", {
        namespace: jobsNs,
        name: this.runnerSa,
        serviceAccount: { name: this.runnerSa, namespace: runnerNs.name },
        rules: HUMANITEC_AGENT_RULES,
        labels: context.labels,
      });
      this.grants.push(agent);
      deps.push(agent.role, agent.roleBinding);
      if (storage.type === "kubernetes") {
        const state = new RoleGrant(scope, "JobsStateGrant", {
          namespace:
            storage.namespace === runnerNs.name
              ? runnerNs
              : storage.namespace === jobsNs.name
                ? jobsNs
                : RunnerNamespace.fromNamespaceName(scope, "StateNamespace", storage.namespace),
          name: `${this.jobSa}-state`,
          serviceAccount: { name: this.jobSa, namespace: jobsNs.name },
          rules: HUMANITEC_JOB_STATE_RULES,
          labels: context.labels,
        });
        this.grants.push(state);
        deps.push(state.role, state.roleBinding);
      }
    }

    // Registration first: the release takes the runner id from it, so the agent starts
    // only once the Orchestrator knows its public key.
    let runnerId = p.runnerId;
    if (p.register ?? true) {
      const provider = p.provider ?? this.defaultProvider(scope);
      this.registration = new KubernetesAgentRunnerResource(scope, "Registration", {
        provider,
        runnerId: p.runnerId,
        description: p.description,
        runnerConfiguration: {
          key: key.publicKeyPem,
          job: {
            namespace: jobsNs.ref,
            serviceAccount: jobs.construct ? jobs.construct.resource.metadata.name : jobs.name,
            podTemplate: this.podTemplate(jobs.podLabels),
          },
        },
        stateStorageConfiguration: storage,
      });
      runnerId = this.registration.runnerIdRef;
      (p.runnerRules ?? []).forEach((rule, i) => {
        this.rules.push(
          new RunnerRuleResource(scope, `RunnerRule-${i}`, {
            provider,
            runnerId: this.registration!.runnerIdRef,
            projectId: rule.projectId,
            envTypeId: rule.envTypeId,
          }),
        );
      });
    }

    const env = sortKeys({
      ...(p.extraEnvVars ?? {}),
      ...(p.orchestratorUrl ? { REMOTE_URL: p.orchestratorUrl } : {}),
    });
    const chartAnnotations =
      this.rbac === "chart" && Object.keys(jobs.annotations).length
        ? sortKeys(jobs.annotations)
        : undefined;
    const values: HelmValues = mergeValues({
      humanitec: {
        orgId: p.orgId,
        runnerId,
        existingSecret: key.secretName,
        extraEnvVars: Object.keys(env).length
          ? Object.entries(env).map(([name, value]) => ({ name, value }))
          : undefined,
      },
      namespaceOverride: runnerNs.name,
      serviceAccount: {
        create: this.rbac === "chart",
        name: this.runnerSa,
        annotations: chartAnnotations,
      },
      rbac: this.rbac === "library" ? { create: false } : undefined,
      jobsRbac: {
        create: this.rbac === "chart",
        namespace: jobsNs.name,
        serviceAccountName: this.jobSa,
      },
      image: p.image ? { repository: p.image.repository, tag: p.image.tag } : undefined,
    });

    const release = new RunnerRelease(scope, "Release", {
      namespace: runnerNs,
      releaseName: p.releaseName ?? HUMANITEC_CHART_NAME,
      chart: p.chart,
      values,
      wait: p.waitForAgent ?? true,
      dependsOn: deps,
    });

    addChecks(scope, () => this.problems(context, key));
    return {
      releases: [release],
      scaling: {
        mode: "self-managed",
        description: `${p.chart.description}, self-managed (one Kubernetes Job per deployment in ${jobsNs.name})`,
      },
    };
  }

  /**
   * The stack's default (un-aliased) `platform-orchestrator` provider, created once: a second
   * Humanitec pool in the same stack reuses it instead of declaring a duplicate.
   */
  private defaultProvider(scope: Construct): TerraformProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node
      .findAll()
      .find(
        (c): c is PlatformOrchestratorProvider =>
          c instanceof PlatformOrchestratorProvider && !c.alias,
      );
    if (existing) {
      addChecks(scope, () => [
        existing.orgId !== undefined && existing.orgId !== this.props.orgId
          ? {
              field: "provider",
              value: existing.orgId,
              rule: `the stack's default platform-orchestrator provider is configured for another organization than orgId "${this.props.orgId}"; the runner would be registered there`,
              example: `provider: new PlatformOrchestratorProvider(stack, "po-${this.props.orgId}", { orgId: "${this.props.orgId}", alias: "${this.props.orgId}" })`,
            }
          : undefined,
      ]);
      return existing;
    }
    return new PlatformOrchestratorProvider(scope, "PlatformOrchestrator", {
      orgId: this.props.orgId,
    });
  }

  /** The job pod template as deterministic JSON, or undefined when there is nothing to set. */
  private podTemplate(identityLabels: Record<string, string>): string | undefined {
    const t = this.props.jobPodTemplate ?? {};
    const labels = mergeSorted(t.labels, identityLabels);
    const env = [
      ...Object.keys(t.env ?? {})
        .sort()
        .map((name) => ({ name, value: t.env![name] })),
      ...Object.keys(t.secretEnv ?? {})
        .sort()
        .map((name) => ({
          name,
          valueFrom: {
            secretKeyRef: { name: t.secretEnv![name].secretName, key: t.secretEnv![name].key },
          },
        })),
    ];
    const main =
      env.length || t.image
        ? { name: "main", image: t.image, env: env.length ? env : undefined }
        : undefined;
    const spec = mergeValues(
      main || t.imagePullSecrets
        ? {
            containers: main ? [main] : undefined,
            imagePullSecrets: t.imagePullSecrets?.map((name) => ({ name })),
          }
        : undefined,
      t.extraSpec,
    );
    const metadata = {
      labels: Object.keys(labels).length ? labels : undefined,
      annotations:
        t.annotations && Object.keys(t.annotations).length ? sortKeys(t.annotations) : undefined,
    };
    const template = {
      metadata: metadata.labels || metadata.annotations ? metadata : undefined,
      spec: Object.keys(spec).length ? spec : undefined,
    };
    return template.metadata || template.spec ? toDeterministicJson(template) : undefined;
  }

  private problems(context: RunnerPlatformContext, key: AgentKeyBinding): (Problem | undefined)[] {
    const p = this.props;
    const t = p.jobPodTemplate ?? {};
    const problems: (Problem | undefined)[] = [
      checkDns1123Subdomain("agentKey.secretName", key.secretName, "humanitec-agent-key"),
      key.secretKey !== HUMANITEC_PRIVATE_KEY_KEY
        ? {
            field: "agentKey.secretKey",
            value: key.secretKey,
            rule: `the chart reads the private key from the data key "${HUMANITEC_PRIVATE_KEY_KEY}"`,
            example: `"${HUMANITEC_PRIVATE_KEY_KEY}"`,
          }
        : undefined,
      checkDns1123Subdomain(
        "runnerServiceAccountName",
        this.runnerSa,
        "humanitec-kubernetes-agent-runner",
      ),
      checkDns1123Subdomain(
        "jobServiceAccountName",
        this.jobSa,
        "humanitec-kubernetes-agent-runner-job",
      ),
      checkDns1123Label("jobNamespaceName", p.jobNamespaceName, 63, "humanitec-runner-jobs"),
      isUnresolved(p.orgId) || /^[a-z0-9](?:-?[a-z0-9]+)*$/.test(p.orgId)
        ? undefined
        : {
            field: "orgId",
            value: p.orgId,
            rule: "must be a Humanitec organization id (lower-case letters, digits, dashes)",
            example: '"my-org"',
          },
      p.orchestratorUrl !== undefined &&
      !isUnresolved(p.orchestratorUrl) &&
      !/^https:\/\/\S+$/.test(p.orchestratorUrl)
        ? {
            field: "orchestratorUrl",
            value: p.orchestratorUrl,
            rule: "must be an https URL of the Orchestrator API",
            example: '"https://api.orchestrator.example.com"',
          }
        : undefined,
      this.runnerSa === this.jobSa &&
      context.namespaces[RUNNERS_ROLE].name === context.namespaces[HUMANITEC_JOBS_ROLE].name
        ? {
            field: "jobServiceAccountName",
            value: this.jobSa,
            rule: "must differ from the agent's service account: jobs hold the cloud identity, the agent must not",
            example: '"humanitec-kubernetes-agent-runner-job"',
          }
        : undefined,
      !isUnresolved(key.publicKeyPem) && /PRIVATE KEY/.test(key.publicKeyPem)
        ? {
            field: "agentKey.publicKeyPem",
            value: key.publicKeyPem,
            redact: true,
            rule: "this is a private key: it must never be a prop (it would land in the JSON and the state). Put it in a Kubernetes Secret named by agentKey.secretName; pass the public key here",
            example: "openssl pkey -in runner_private_key.pem -pubout",
          }
        : !isUnresolved(key.publicKeyPem) && !PUBLIC_PEM.test(key.publicKeyPem.trim())
          ? {
              field: "agentKey.publicKeyPem",
              value: key.publicKeyPem,
              rule: "must be a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)",
              example: "the output of `openssl pkey -in runner_private_key.pem -pubout`",
            }
          : undefined,
    ];
    for (const [name, value] of Object.entries({ ...(p.extraEnvVars ?? {}), ...(t.env ?? {}) })) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        problems.push({
          field: `env.${name}`,
          value: name,
          rule: "must be an environment variable name",
          example: '"TF_LOG"',
        });
      }
      if (
        !isUnresolved(value) &&
        /(TOKEN|SECRET|PASSWORD|PRIVATE_KEY|_KEY)$/i.test(name) &&
        value.length > 0
      ) {
        problems.push({
          field: `env.${name}`,
          value,
          redact: true,
          rule: "looks like a secret in a plain environment variable, which would land in the JSON; use jobPodTemplate.secretEnv (a Secret reference)",
          example: `secretEnv: { ${name}: { secretName: "tf-secrets", key: "${name.toLowerCase()}" } }`,
        });
      }
    }
    for (const [name, ref] of Object.entries(t.secretEnv ?? {})) {
      problems.push(
        checkDns1123Subdomain(
          `jobPodTemplate.secretEnv.${name}.secretName`,
          ref.secretName,
          "tf-secrets",
        ),
      );
      if (!/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
        problems.push({
          field: `jobPodTemplate.secretEnv.${name}.key`,
          value: ref.key,
          rule: "must be a Secret data key (letters, digits, '-', '_', '.')",
          example: '"token"',
        });
      }
    }
    return problems;
  }
}
