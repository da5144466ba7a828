import { Construct } from "constructs";
import { TerraformMetaArguments, TerraformResource } from "cdktf";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import {
  POD_TEMPLATE_JSON,
  PRIVATE_KEY_AS_PUBLIC_KEY,
  PUBLIC_KEY_PEM,
  RUNNER_DESCRIPTION_LENGTH,
  RUNNER_ID,
  STATE_NAMESPACE_LENGTH,
  STATE_STORAGE_REQUIRED,
  STATE_STORAGE_TYPE,
} from "../rules";
import { metadataOfProvider } from "./metadata";

/** `runner_configuration.job`: where and as whom the agent starts its Kubernetes Jobs. */
export interface KubernetesAgentRunnerJob {
  /** Namespace of the runner jobs (`namespace`). */
  readonly namespace: string;
  /** Service account of the runner jobs (`service_account`). */
  readonly serviceAccount: string;
  /**
   * JSON-encoded pod template for the job pods (`pod_template`). The attribute is optional
   * and computed: left out, a template registered earlier would stay, so an unset template
   * is sent as `"{}"` (as the provider's own acceptance test clears it).
   * @default "{}"
   */
  readonly podTemplate?: string;
}

/** `runner_configuration`. */
export interface KubernetesAgentRunnerConfiguration {
  /** The agent's public ed25519 key, PEM (`key`). Never the private key. */
  readonly key: string;
  /** Job configuration. */
  readonly job: KubernetesAgentRunnerJob;
}

/** `state_storage_configuration`: where the runner keeps the Terraform state of deployments. */
export type KubernetesAgentRunnerStateStorage =
  /** Kubernetes Secrets in a namespace. */
  | { readonly type: "kubernetes"; readonly namespace: string }
  /** An S3 bucket. */
  | {
      readonly type: "s3";
      readonly bucket: string;
      /** Key prefix in the bucket. @default none (the bucket root) */
      readonly pathPrefix?: string;
    }
  /** A GCS bucket. */
  | {
      readonly type: "gcs";
      readonly bucket: string;
      /** Object prefix in the bucket. @default none (the bucket root) */
      readonly pathPrefix?: string;
    }
  /** An Azure Storage container. */
  | {
      readonly type: "azurerm";
      readonly storageAccountName: string;
      readonly containerName: string;
      /** Resource group of the storage account. @default none (the provider finds it) */
      readonly resourceGroupName?: string;
      /** Blob prefix in the container. @default none (the container root) */
      readonly pathPrefix?: string;
    };

/** Config of {@link KubernetesAgentRunnerResource}. */
export interface KubernetesAgentRunnerResourceConfig extends TerraformMetaArguments {
  /** Runner id (`id`): lower-case letters, digits and single dashes, starting with a letter. */
  readonly runnerId: string;
  /** Description, at most 200 characters. @default none */
  readonly description?: string;
  /** Runner configuration. */
  readonly runnerConfiguration: KubernetesAgentRunnerConfiguration;
  /** State storage configuration. */
  readonly stateStorageConfiguration: KubernetesAgentRunnerStateStorage;
}

/** The pod template that clears a registered one (`pod_template` is optional and computed). */
export const EMPTY_POD_TEMPLATE = "{}";

/** Runner ids the Orchestrator accepts. */
export const RUNNER_ID_PATTERN = /^[a-z](?:-?[a-z0-9]+)+$/;

/** Checks a Humanitec runner id. */
export function checkRunnerId(field: string, value: string): Problem | undefined {
  if (isUnresolved(value) || RUNNER_ID_PATTERN.test(value)) return undefined;
  return {
    rule: RUNNER_ID,
    field,
    value,
    message:
      "must match ^[a-z](?:-?[a-z0-9]+)+$: lower-case letters and digits, single dashes between them, starting with a letter, at least two characters",
    example: '"kubernetes-agent-prod"',
  };
}

function storageAttributes(s: KubernetesAgentRunnerStateStorage): Record<string, unknown> {
  switch (s.type) {
    case "kubernetes":
      return { type: s.type, kubernetes_configuration: { namespace: s.namespace } };
    case "s3":
      return { type: s.type, s3_configuration: { bucket: s.bucket, path_prefix: s.pathPrefix } };
    case "gcs":
      return { type: s.type, gcs_configuration: { bucket: s.bucket, path_prefix: s.pathPrefix } };
    case "azurerm":
      return {
        type: s.type,
        azurerm_configuration: {
          container_name: s.containerName,
          storage_account_name: s.storageAccountName,
          resource_group_name: s.resourceGroupName,
          path_prefix: s.pathPrefix,
        },
      };
  }
}

/** True when `text` is a JSON-encoded object (not an array, not null). */
function isJsonObject(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
}

const STORAGE_TYPES = ["kubernetes", "s3", "gcs", "azurerm"];

function checkConfig(c: KubernetesAgentRunnerResourceConfig): Problem[] {
  const problems: (Problem | undefined)[] = [checkRunnerId("runnerId", c.runnerId)];
  if (c.description !== undefined && !isUnresolved(c.description) && c.description.length > 200) {
    problems.push({
      rule: RUNNER_DESCRIPTION_LENGTH,
      field: "description",
      value: c.description,
      message: `must be at most 200 characters (has ${c.description.length})`,
      example: '"kubernetes-agent runner on the prod cluster"',
    });
  }
  const key = c.runnerConfiguration.key;
  if (!isUnresolved(key)) {
    if (/PRIVATE KEY/.test(key)) {
      problems.push({
        rule: PRIVATE_KEY_AS_PUBLIC_KEY,
        field: "runnerConfiguration.key",
        value: key,
        redact: true,
        message:
          "this is a private key; the Orchestrator needs the PUBLIC key (keep the private key in a Kubernetes Secret)",
        example: "openssl pkey -in runner_private_key.pem -pubout",
      });
    } else if (
      !/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/.test(
        key.trim() + "\n",
      )
    ) {
      problems.push({
        rule: PUBLIC_KEY_PEM,
        field: "runnerConfiguration.key",
        value: key,
        message: "must be a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)",
        example: "the output of `openssl pkey -in runner_private_key.pem -pubout`",
      });
    }
  }
  const pt = c.runnerConfiguration.job.podTemplate;
  if (pt !== undefined && !isUnresolved(pt) && !isJsonObject(pt)) {
    problems.push({
      rule: POD_TEMPLATE_JSON,
      field: "runnerConfiguration.job.podTemplate",
      value: pt,
      message: "must be a JSON-encoded object (a pod template)",
      example: '\'{"metadata":{"labels":{"app.kubernetes.io/name":"humanitec-runner"}}}\'',
    });
  }
  const s = c.stateStorageConfiguration;
  if (!STORAGE_TYPES.includes(s.type)) {
    problems.push({
      rule: STATE_STORAGE_TYPE,
      field: "stateStorageConfiguration.type",
      value: s.type,
      message: `must be one of ${STORAGE_TYPES.join(", ")}`,
      example: '"kubernetes"',
    });
  }
  const required: [string, string | undefined][] =
    s.type === "kubernetes"
      ? [["namespace", s.namespace]]
      : s.type === "azurerm"
        ? [
            ["storageAccountName", s.storageAccountName],
            ["containerName", s.containerName],
          ]
        : s.type === "s3" || s.type === "gcs"
          ? [["bucket", s.bucket]]
          : [];
  if (s.type === "kubernetes" && s.namespace !== undefined && !isUnresolved(s.namespace)) {
    // upstream internal/provider/runner_common_resource.go: stringvalidator.LengthAtMost(63)
    if (s.namespace.length > 63) {
      problems.push({
        rule: STATE_NAMESPACE_LENGTH,
        field: "stateStorageConfiguration.namespace",
        value: s.namespace,
        message: `must be at most 63 characters (has ${s.namespace.length})`,
        example: '"humanitec-runner-jobs"',
      });
    }
  }
  for (const [name, value] of required) {
    if (value === undefined || (!isUnresolved(value) && value.trim() === "")) {
      problems.push({
        rule: STATE_STORAGE_REQUIRED,
        field: `stateStorageConfiguration.${name}`,
        value,
        message: `is required for state storage type ${s.type}`,
        example: name === "namespace" ? '"humanitec-runner-jobs"' : '"tf-state"',
      });
    }
  }
  return problems.filter((p): p is Problem => p !== undefined);
}

/**
 * `platform-orchestrator_kubernetes_agent_runner`: registers a kubernetes-agent runner with
 * the Humanitec Platform Orchestrator (public key, job namespace and service account, pod
 * template, state storage). Hand-written binding of the provider's documented schema.
 */
export class KubernetesAgentRunnerResource extends TerraformResource {
  /** The Terraform type of this resource. */
  public static readonly tfResourceType = "platform-orchestrator_kubernetes_agent_runner";

  private readonly config: KubernetesAgentRunnerResourceConfig;

  constructor(scope: Construct, id: string, config: KubernetesAgentRunnerResourceConfig) {
    super(scope, id, {
      terraformResourceType: KubernetesAgentRunnerResource.tfResourceType,
      terraformGeneratorMetadata: metadataOfProvider(config.provider),
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    this.config = config;
    addChecks(this, () => checkConfig(config));
  }

  /** The runner id, as a Terraform reference (makes dependents wait for the registration). */
  public get runnerIdRef(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    const c = this.config;
    const job = c.runnerConfiguration.job;
    return {
      id: c.runnerId,
      description: c.description,
      runner_configuration: {
        key: c.runnerConfiguration.key,
        job: {
          namespace: job.namespace,
          service_account: job.serviceAccount,
          pod_template: job.podTemplate ?? EMPTY_POD_TEMPLATE,
        },
      },
      state_storage_configuration: storageAttributes(c.stateStorageConfiguration),
    };
  }
}
