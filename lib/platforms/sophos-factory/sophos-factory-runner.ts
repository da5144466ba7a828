import { Construct } from "constructs";
import { apiServerFlow, GENERIC_CLUSTER_FLOWS } from "../../kubernetes/flows/network-flow";
import { DefaultServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/default-service-account-v1";
import { sortKeys } from "../../core/labels";
import { checkDns1123Label, checkDns1123Subdomain } from "../../core/names";
import { isUnresolved, Problem } from "../../core/rules/problem";
import { addChecks, report } from "../../core/rules/report";
import { HelmValues, mergeValues, valuesAt } from "../../core/yaml";
import type { RunnerNamespaceOptions } from "../../kubernetes/runner-namespace";
import { checkQuantity, checkRequestWithinLimit } from "../../kubernetes/quantity";
import { ChartSource } from "../../release/chart-source";
import { RunnerRelease } from "../../release/runner-release";
import type { SensitiveValue } from "../../release/sensitive-value";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../platform";
import {
  AGENT_API_FQDN,
  IMAGE_LATEST,
  RUNNER_MANAGER_ID,
  RUNNER_POD_LABELS,
  VALUES_PATH,
} from "./rules";

/** Role of the namespace where the pool starts its runner pods (`RUNNER_K8S_NAMESPACE`). */
export const SOPHOS_RUNNER_PODS_ROLE = "runner-pods";

/** Documented defaults of the Kubernetes provider configuration. */
export const SOPHOS_FACTORY_DEFAULTS = {
  agentApiFqdn: "agent-api.factory.sophos.com",
  environment: "prod",
  serviceAccountName: "runner-pool-service-account",
  imageRegistry: "864584331736.dkr.ecr.us-west-2.amazonaws.com",
  imageRepository: "sophos/fac-runner",
  imageTag: "latest",
} as const;

/** Image of the runner pods the pool starts. */
export interface SophosRunnerImage {
  /** `RUNNER_K8S_IMAGE_REGISTRY`. @default "864584331736.dkr.ecr.us-west-2.amazonaws.com" */
  readonly registry?: string;
  /** `RUNNER_K8S_IMAGE_REPOSITORY`. @default "sophos/fac-runner" */
  readonly repository?: string;
  /** `RUNNER_K8S_IMAGE_TAG`. Pin it: the documented default `latest` changes under you. @default "latest" */
  readonly tag?: string;
}

/** Resources of each runner pod (Kubernetes quantities; request ≤ limit). */
export interface SophosRunnerResources {
  /** `RUNNER_K8S_CPU_REQUEST`, e.g. `500m`. @default the chart's */
  readonly cpuRequest?: string;
  /** `RUNNER_K8S_CPU_LIMIT`, e.g. `2`. @default the chart's */
  readonly cpuLimit?: string;
  /** `RUNNER_K8S_MEM_REQUEST`, e.g. `1Gi`. @default the chart's */
  readonly memoryRequest?: string;
  /** `RUNNER_K8S_MEM_LIMIT`, e.g. `4Gi`. @default the chart's */
  readonly memoryLimit?: string;
}

/**
 * Where the chart expects the secret and configuration keys. The chart is not public; its
 * published example loses the nesting, so check the extracted `values.yaml` and adjust.
 */
export interface SophosValuesLayout {
  /** Values path of the block holding `create` and `RUNNER_MANAGER_KEY`. @default "secrets" */
  readonly secretsPath?: string;
  /** Values path of the block holding `ENVIRONMENT`, `RUNNER_MANAGER_ID`, `RUNNER_K8S_*`. @default "config" */
  readonly configPath?: string;
}

/** Props of {@link SophosFactoryRunner}. */
export interface SophosFactoryRunnerProps {
  /**
   * The `factory-rm-<version>.tgz` release archive, or the directory it extracts to.
   * Shipped with the synthesized stack as an asset (the chart is in no Helm repository).
   */
  readonly chartPath: string;
  /** The runner pool's id (`RUNNER_MANAGER_ID`). */
  readonly runnerManagerId: string;
  /** The runner pool's key (`RUNNER_MANAGER_KEY`), sent with `set_sensitive`. */
  readonly runnerManagerKey: SensitiveValue;
  /** `ENVIRONMENT`. @default "prod" */
  readonly environment?: string;
  /** Agent API host (`agentApiFqdn`). @default "agent-api.factory.sophos.com" */
  readonly agentApiFqdn?: string;
  /** Runner pool name (`name`). @default the pool name */
  readonly name?: string;
  /**
   * The pool manager's service account (`serviceAccount.create` / `.name`); the chart creates it and its RBAC.
   * @default created by the chart, named "runner-pool-service-account"
   */
  readonly serviceAccount?: {
    /** Let the chart create the account. @default true */
    readonly create?: boolean;
    /** Account name. @default "runner-pool-service-account" */
    readonly name?: string;
  };
  /**
   * Namespace of the runner pods (`RUNNER_K8S_NAMESPACE`), created by this library before the
   * release. A separate namespace needs the chart's RBAC to reach it.
   * @default the pool namespace (as in Sophos' documented setup)
   */
  readonly runnerNamespaceName?: string;
  /**
   * Options of a separate runner namespace.
   * @default Pod Security enforce "baseline", audit/warn "restricted"; deny-by-default network policy
   */
  readonly runnerNamespace?: RunnerNamespaceOptions;
  /** Runner pod image. @default the documented registry/repository, tag `latest` */
  readonly runnerImage?: SophosRunnerImage;
  /** Runner pod resources. @default the chart's */
  readonly runnerResources?: SophosRunnerResources;
  /** Values layout of the chart. @default `secrets` and `config` */
  readonly valuesLayout?: SophosValuesLayout;
  /** More Helm values (escape hatch). Nothing secret. @default none */
  readonly values?: HelmValues;
  /** Helm release name. @default the pool name */
  readonly releaseName?: string;
}

/**
 * The Sophos Factory Kubernetes runner pool: the `factory-rm` chart, installed from its
 * release archive (a local path, shipped as a Terraform asset). The pool manager scales its
 * runner pods itself — one pod per runner, by queue depth — so there is no external autoscaler
 * (scaling mode `self-managed`).
 *
 * Runner pods use the `default` service account of the runner namespace (the chart documents
 * no setting for another), so that is the account the pool's cloud identity binds.
 */
export class SophosFactoryRunner implements RunnerPlatform {
  public readonly kind = "sophos-factory";
  /** The runner namespace's default service account, when an identity annotates it (after build). */
  public runnerPodsServiceAccount?: DefaultServiceAccountV1;

  constructor(private readonly props: SophosFactoryRunnerProps) {}

  public plan(): RunnerPlatformPlan {
    const p = this.props;
    return {
      namespaces: p.runnerNamespaceName
        ? {
            [SOPHOS_RUNNER_PODS_ROLE]: {
              // Runner pods run arbitrary pipelines in Sophos' image, whose security context is
              // not documented: enforce baseline, and report restricted violations.
              podSecurity: { enforce: "baseline", audit: "restricted", warn: "restricted" },
              ...p.runnerNamespace,
              name: p.runnerNamespaceName,
            },
          }
        : undefined,
      serviceAccounts: [
        {
          id: "RunnerPods",
          name: "default",
          namespaceRole: p.runnerNamespaceName ? SOPHOS_RUNNER_PODS_ROLE : RUNNERS_ROLE,
          create: false,
          bindIdentity: true,
        },
      ],
    };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const runnerNs =
      context.namespaces[SOPHOS_RUNNER_PODS_ROLE] ?? context.namespaces[RUNNERS_ROLE];
    const pods = context.serviceAccounts.RunnerPods;
    // The runner manager (runner namespace) creates the runner pods through the API server.
    context.namespaces[RUNNERS_ROLE].networkPolicies?.addFlow(
      apiServerFlow(context.cluster ?? GENERIC_CLUSTER_FLOWS, "the Sophos runner manager"),
      { source: "cluster" },
    );
    const deps = [...context.prerequisites];
    // The runner namespace is named in the values only: depend on it explicitly.
    if (runnerNs !== context.namespaces[RUNNERS_ROLE]) deps.push(runnerNs.resource);

    if (Object.keys(pods.annotations).length) {
      // Adopts the namespace's `default` account (created by Kubernetes) and annotates it.
      this.runnerPodsServiceAccount = new DefaultServiceAccountV1(
        scope,
        "RunnerPodsServiceAccount",
        {
          metadata: { namespace: runnerNs.ref, annotations: sortKeys(pods.annotations) },
        },
      );
      deps.push(this.runnerPodsServiceAccount);
    }
    const image = p.runnerImage ?? {};
    const tag = image.tag ?? SOPHOS_FACTORY_DEFAULTS.imageTag;
    report(
      scope,
      Object.keys(pods.podLabels).length
        ? {
            rule: RUNNER_POD_LABELS,
            field: "identity",
            value: pods.podLabels,
            message:
              "the identity needs these pod labels on runner pods, but the runner pool chart documents no setting for runner pod labels. " +
              "Runner pods will not get workload-identity tokens until the labels are set (e.g. by an admission policy in the runner namespace)",
          }
        : undefined,
      tag === "latest"
        ? {
            rule: IMAGE_LATEST,
            field: "runnerImage.tag",
            value: tag,
            message:
              "`latest` (the documented default) changes under you; pin a version so a redeploy does not change the runner image",
          }
        : undefined,
    );
    const r = p.runnerResources ?? {};
    const layout = p.valuesLayout ?? {};
    const secretsPath = layout.secretsPath ?? "secrets";
    const configPath = layout.configPath ?? "config";
    const config = {
      ENVIRONMENT: p.environment ?? SOPHOS_FACTORY_DEFAULTS.environment,
      RUNNER_MANAGER_ID: p.runnerManagerId,
      RUNNER_K8S_NAMESPACE: runnerNs.name,
      RUNNER_K8S_IMAGE_REGISTRY: image.registry ?? SOPHOS_FACTORY_DEFAULTS.imageRegistry,
      RUNNER_K8S_IMAGE_REPOSITORY: image.repository ?? SOPHOS_FACTORY_DEFAULTS.imageRepository,
      RUNNER_K8S_IMAGE_TAG: tag,
      RUNNER_K8S_CPU_REQUEST: r.cpuRequest,
      RUNNER_K8S_CPU_LIMIT: r.cpuLimit,
      RUNNER_K8S_MEM_REQUEST: r.memoryRequest,
      RUNNER_K8S_MEM_LIMIT: r.memoryLimit,
    };
    const values = mergeValues(
      {
        agentApiFqdn: p.agentApiFqdn ?? SOPHOS_FACTORY_DEFAULTS.agentApiFqdn,
        name: p.name ?? context.poolName,
        serviceAccount: {
          create: p.serviceAccount?.create ?? true,
          name: p.serviceAccount?.name ?? SOPHOS_FACTORY_DEFAULTS.serviceAccountName,
        },
      },
      valuesAt(secretsPath, { create: true }),
      valuesAt(configPath, config),
      p.values,
    );

    const release = new RunnerRelease(scope, "Release", {
      namespace: context.namespaces[RUNNERS_ROLE],
      releaseName: p.releaseName ?? context.poolName,
      chart: ChartSource.fromLocalPath(p.chartPath),
      values,
      sensitiveValues: { [`${secretsPath}.RUNNER_MANAGER_KEY`]: p.runnerManagerKey },
      dependsOn: deps,
    });

    addChecks(scope, () => this.problems(secretsPath, configPath));
    return {
      releases: [release],
      scaling: {
        mode: "self-managed",
        description: `Sophos Factory runner pool (${release.chart.chart}), self-managed: the pool starts runner pods in ${runnerNs.name} by queue depth`,
      },
    };
  }

  private problems(secretsPath: string, configPath: string): (Problem | undefined)[] {
    const p = this.props;
    const r = p.runnerResources ?? {};
    const path = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
    return [
      checkDns1123Label("runnerNamespaceName", p.runnerNamespaceName, 63, "factory-runners"),
      checkDns1123Subdomain(
        "serviceAccount.name",
        p.serviceAccount?.name,
        "runner-pool-service-account",
      ),
      p.runnerManagerId !== undefined &&
      !isUnresolved(p.runnerManagerId) &&
      p.runnerManagerId.trim() === ""
        ? {
            rule: RUNNER_MANAGER_ID,
            field: "runnerManagerId",
            value: p.runnerManagerId,
            message: "must not be empty (Account Settings → Runner Pools → your pool)",
            example: '"64f1c0ffee0123456789abcd"',
          }
        : undefined,
      p.agentApiFqdn !== undefined &&
      !isUnresolved(p.agentApiFqdn) &&
      !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/i.test(p.agentApiFqdn)
        ? {
            rule: AGENT_API_FQDN,
            field: "agentApiFqdn",
            value: p.agentApiFqdn,
            message: "must be a fully qualified host name, without scheme or path",
            example: '"agent-api.factory.sophos.com"',
          }
        : undefined,
      checkQuantity("runnerResources.cpuRequest", r.cpuRequest, "500m"),
      checkQuantity("runnerResources.cpuLimit", r.cpuLimit, "2"),
      checkQuantity("runnerResources.memoryRequest", r.memoryRequest, "1Gi"),
      checkQuantity("runnerResources.memoryLimit", r.memoryLimit, "4Gi"),
      checkRequestWithinLimit("runnerResources.cpu", r.cpuRequest, r.cpuLimit),
      checkRequestWithinLimit("runnerResources.memory", r.memoryRequest, r.memoryLimit),
      ...(
        [
          ["valuesLayout.secretsPath", secretsPath],
          ["valuesLayout.configPath", configPath],
        ] as const
      )
        .filter(([, v]) => !path.test(v))
        .map(([field, value]) => ({
          rule: VALUES_PATH,
          field,
          value,
          message: "must be a dotted Helm values path",
          example: '"secrets"',
        })),
    ];
  }
}
