import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import { API_URL_HTTPS, AUTH_TOKEN_LITERAL } from "../rules";

/** Terraform source address of the Humanitec Platform Orchestrator provider (SaaS). */
export const PLATFORM_ORCHESTRATOR_SOURCE = "humanitec/platform-orchestrator";
/**
 * Version the hand-written bindings were written against (the provider's source at tag
 * v2.14.0). Pinned exactly, like the generated provider bindings pin theirs.
 */
export const PLATFORM_ORCHESTRATOR_VERSION = "2.14.0";
/** Terraform source address of the open-source, self-hosted Platform Orchestrator provider. */
export const SELF_HOSTED_ORCHESTRATOR_SOURCE = "stellwerk-labs/platform-orchestrator";
/** Version of the self-hosted provider the bindings were checked against (source tag v1.0.1). */
export const SELF_HOSTED_ORCHESTRATOR_VERSION = "1.0.1";

/**
 * Which Platform Orchestrator the provider talks to. Both providers have the local name
 * `platform-orchestrator` and the same resource schemas, so one stack uses one of them.
 */
export type PlatformOrchestratorKind =
  /**
   * Humanitec's SaaS Orchestrator: `humanitec/platform-orchestrator` 2.14.0, default API
   * `https://api.humanitec.dev`, environment `HUMANITEC_ORG_ID`, `HUMANITEC_API_URL`,
   * `HUMANITEC_AUTH_TOKEN`, CLI config of `hctl`.
   */
  | "humanitec"
  /**
   * The open-source, self-hosted Platform Orchestrator: `stellwerk-labs/platform-orchestrator`
   * 1.0.1 (EUPL-1.2), default API `https://api.stellwerk.localhost`, environment `PO_ORG_ID`,
   * `PO_API_URL`, `PO_AUTH_TOKEN`, CLI config of `octl`.
   */
  | "self-hosted";

/** Source, version and configuration names of one {@link PlatformOrchestratorKind}. */
export interface PlatformOrchestratorFlavour {
  readonly source: string;
  readonly version: string;
  /** The provider argument naming the CLI config file. */
  readonly configFileAttribute: "hctl_config_file" | "octl_config_file";
  /** The API URL the provider uses when none is configured. */
  readonly defaultApiUrl: string;
  /** Environment variables the provider reads: org id, API URL, token. */
  readonly env: { readonly orgId: string; readonly apiUrl: string; readonly authToken: string };
}

/** The two providers, as their source code at the pinned tags defines them. */
export const PLATFORM_ORCHESTRATOR_FLAVOURS: Readonly<
  Record<PlatformOrchestratorKind, PlatformOrchestratorFlavour>
> = {
  humanitec: {
    source: PLATFORM_ORCHESTRATOR_SOURCE,
    version: PLATFORM_ORCHESTRATOR_VERSION,
    configFileAttribute: "hctl_config_file",
    defaultApiUrl: "https://api.humanitec.dev",
    env: {
      orgId: "HUMANITEC_ORG_ID",
      apiUrl: "HUMANITEC_API_URL",
      authToken: "HUMANITEC_AUTH_TOKEN",
    },
  },
  "self-hosted": {
    source: SELF_HOSTED_ORCHESTRATOR_SOURCE,
    version: SELF_HOSTED_ORCHESTRATOR_VERSION,
    configFileAttribute: "octl_config_file",
    defaultApiUrl: "https://api.stellwerk.localhost",
    env: { orgId: "PO_ORG_ID", apiUrl: "PO_API_URL", authToken: "PO_AUTH_TOKEN" },
  },
};

/** Generator metadata of a flavour: gives the stack its `required_providers` entry. */
export function orchestratorMetadata(kind: PlatformOrchestratorKind) {
  return {
    providerName: "platform-orchestrator",
    providerVersionConstraint: PLATFORM_ORCHESTRATOR_FLAVOURS[kind].version,
  } as const;
}

/** Shared generator metadata of the Humanitec provider. */
export const PLATFORM_ORCHESTRATOR_METADATA = orchestratorMetadata("humanitec");

/** Config of {@link PlatformOrchestratorProvider}. */
export interface PlatformOrchestratorProviderConfig {
  /** Which Orchestrator (and so which provider) this is. @default "humanitec" */
  readonly orchestrator?: PlatformOrchestratorKind;
  /** Organization id (`org_id`). @default from the environment (HUMANITEC_ORG_ID / PO_ORG_ID) or the CLI config */
  readonly orgId?: string;
  /**
   * API URL prefix (`api_url`), for a self-hosted Orchestrator. https, or http on localhost
   * (where the provider needs no token).
   * @default from the environment (HUMANITEC_API_URL / PO_API_URL), the CLI config, or the flavour's default
   */
  readonly apiUrl?: string;
  /**
   * Auth token (`auth_token`). Only a reference to a sensitive `TerraformVariable` or a secret
   * manager value is accepted (a literal is reported at synth).
   * @default from the environment (HUMANITEC_AUTH_TOKEN / PO_AUTH_TOKEN) or the CLI config
   */
  readonly authToken?: string;
  /**
   * Path of the CLI config file (`hctl_config_file`, or `octl_config_file` for the
   * self-hosted provider). Explicit arguments take precedence over its contents.
   * @default the CLI's own config file, when present
   */
  readonly configFile?: string;
  /** Provider alias, when a stack talks to more than one organization. @default none */
  readonly alias?: string;
}

/** Hostnames for which the provider sends no token (it checks `localhost`) and http stays on the machine. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Checks an Orchestrator API URL: https, or http on a loopback host (a local Orchestrator,
 * for which the provider needs no token). Undefined when fine.
 */
export function checkApiUrl(field: string, url: string | undefined): Problem | undefined {
  if (url === undefined || isUnresolved(url)) return undefined;
  if (/^https:\/\/\S+$/.test(url)) return undefined;
  const http = /^http:\/\/([^/:?#\s]+|\[[^\]]+\])(:\d+)?([/?#]\S*)?$/.exec(url);
  if (http && LOOPBACK_HOSTS.includes(http[1].toLowerCase())) return undefined;
  return {
    rule: API_URL_HTTPS,
    field,
    value: url,
    message: "must be an https URL (http only on localhost)",
    example: '"https://api.orchestrator.example.com"',
  };
}

/**
 * The `platform-orchestrator` provider: Humanitec's (`humanitec/platform-orchestrator`) or the
 * self-hosted one (`stellwerk-labs/platform-orchestrator`). Hand-written binding: no prebuilt
 * cdktf binding exists. Only the arguments the provider's schema defines are exposed.
 */
export class PlatformOrchestratorProvider extends TerraformProvider {
  /** The Terraform type of this provider. */
  public static readonly tfResourceType = "platform-orchestrator";

  /** The organization id the provider is configured with, when given. */
  public readonly orgId?: string;
  /** The API URL the provider is configured with, when given. */
  public readonly apiUrl?: string;
  /** Which Orchestrator this provider talks to. */
  public readonly orchestrator: PlatformOrchestratorKind;
  private readonly config: PlatformOrchestratorProviderConfig;
  // cdktf's base class ignores `alias` (its setter is empty; generated bindings keep their
  // own field): kept here so it reaches the JSON and the provider's fqn.
  private aliasValue?: string;

  constructor(scope: Construct, id: string, config: PlatformOrchestratorProviderConfig = {}) {
    const orchestrator = config.orchestrator ?? "humanitec";
    super(scope, id, {
      terraformResourceType: PlatformOrchestratorProvider.tfResourceType,
      terraformGeneratorMetadata: orchestratorMetadata(orchestrator),
      terraformProviderSource: PLATFORM_ORCHESTRATOR_FLAVOURS[orchestrator].source,
    });
    this.config = config;
    this.orchestrator = orchestrator;
    this.orgId = config.orgId;
    this.apiUrl = config.apiUrl;
    this.aliasValue = config.alias;
    addChecks(this, () => [
      config.authToken !== undefined && !isUnresolved(config.authToken)
        ? {
            rule: AUTH_TOKEN_LITERAL,
            field: "authToken",
            value: config.authToken,
            redact: true,
            message: `a literal token would land in the synthesized JSON; pass a sensitive TerraformVariable's value (or leave it unset and use ${PLATFORM_ORCHESTRATOR_FLAVOURS[orchestrator].env.authToken} / the CLI login)`,
            example:
              'authToken: new TerraformVariable(this, "humanitec_token", { type: "string", sensitive: true }).stringValue',
          }
        : undefined,
      checkApiUrl("apiUrl", config.apiUrl),
    ]);
  }

  /** The provider alias (`alias`), or undefined for the default provider. */
  public get alias(): string | undefined {
    return this.aliasValue;
  }

  public set alias(value: string | undefined) {
    this.aliasValue = value;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      org_id: this.config.orgId,
      api_url: this.config.apiUrl,
      auth_token: this.config.authToken,
      [PLATFORM_ORCHESTRATOR_FLAVOURS[this.orchestrator].configFileAttribute]:
        this.config.configFile,
      alias: this.alias,
    };
  }
}
