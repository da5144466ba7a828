import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { isUnresolved } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import { API_URL_HTTPS, AUTH_TOKEN_LITERAL } from "../rules";

/** Terraform source address of the Humanitec Platform Orchestrator provider. */
export const PLATFORM_ORCHESTRATOR_SOURCE = "humanitec/platform-orchestrator";
/**
 * Version the hand-written bindings were written against (the provider's docs at tag v2.14.0).
 * Pinned exactly, like the generated provider bindings pin theirs.
 */
export const PLATFORM_ORCHESTRATOR_VERSION = "2.14.0";

/** Shared generator metadata: gives the stack its `required_providers` entry. */
export const PLATFORM_ORCHESTRATOR_METADATA = {
  providerName: "platform-orchestrator",
  providerVersionConstraint: PLATFORM_ORCHESTRATOR_VERSION,
} as const;

/** Config of {@link PlatformOrchestratorProvider}. */
export interface PlatformOrchestratorProviderConfig {
  /** Humanitec organization id (`org_id`). @default from the environment / hctl login */
  readonly orgId?: string;
  /** API URL prefix (`api_url`), for a self-hosted Orchestrator. @default the SaaS endpoint */
  readonly apiUrl?: string;
  /**
   * Auth token (`auth_token`). Only a reference to a sensitive `TerraformVariable` or a secret
   * manager value is accepted (a literal is reported at synth).
   * @default from the environment / hctl login
   */
  readonly authToken?: string;
  /** Provider alias, when a stack talks to more than one organization. @default none */
  readonly alias?: string;
}

/**
 * The `humanitec/platform-orchestrator` provider. Hand-written binding: no prebuilt cdktf
 * binding exists for it. Only the arguments documented by the provider are exposed.
 */
export class PlatformOrchestratorProvider extends TerraformProvider {
  /** The Terraform type of this provider. */
  public static readonly tfResourceType = "platform-orchestrator";

  /** The organization id the provider is configured with, when given. */
  public readonly orgId?: string;
  private readonly config: PlatformOrchestratorProviderConfig;

  constructor(scope: Construct, id: string, config: PlatformOrchestratorProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: PlatformOrchestratorProvider.tfResourceType,
      terraformGeneratorMetadata: PLATFORM_ORCHESTRATOR_METADATA,
      terraformProviderSource: PLATFORM_ORCHESTRATOR_SOURCE,
    });
    this.config = config;
    this.orgId = config.orgId;
    this.alias = config.alias;
    addChecks(this, () => [
      config.authToken !== undefined && !isUnresolved(config.authToken)
        ? {
            rule: AUTH_TOKEN_LITERAL,
            field: "authToken",
            value: config.authToken,
            redact: true,
            message:
              "a literal token would land in the synthesized JSON; pass a sensitive TerraformVariable's value (or leave it unset and log in with hctl / HUMANITEC_AUTH_TOKEN)",
            example:
              'authToken: new TerraformVariable(this, "humanitec_token", { type: "string", sensitive: true }).stringValue',
          }
        : undefined,
      config.apiUrl !== undefined &&
      !isUnresolved(config.apiUrl) &&
      !/^https:\/\/\S+$/.test(config.apiUrl)
        ? {
            rule: API_URL_HTTPS,
            field: "apiUrl",
            value: config.apiUrl,
            message: "must be an https URL",
            example: '"https://api.orchestrator.example.com"',
          }
        : undefined,
    ]);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      org_id: this.config.orgId,
      api_url: this.config.apiUrl,
      auth_token: this.config.authToken,
      alias: this.alias,
    };
  }
}
