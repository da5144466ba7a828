import { Construct } from "constructs";
import { TerraformMetaArguments, TerraformResource } from "cdktf";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import { HUMANITEC_ID } from "../rules";
import { metadataOfProvider } from "./metadata";

/** Config of {@link RunnerRuleResource}. */
export interface RunnerRuleResourceConfig extends TerraformMetaArguments {
  /** The runner the rule assigns (`runner_id`). */
  readonly runnerId: string;
  /** Environment type the rule matches (`env_type_id`). @default any */
  readonly envTypeId?: string;
  /** Project the rule matches (`project_id`). @default any */
  readonly projectId?: string;
}

const ID = /^[a-z0-9](?:-?[a-z0-9]+)*$/;

/**
 * `platform-orchestrator_runner_rule`: assigns a runner to deployments of a project and/or
 * environment type. Hand-written binding of the provider's documented schema.
 */
export class RunnerRuleResource extends TerraformResource {
  /** The Terraform type of this resource. */
  public static readonly tfResourceType = "platform-orchestrator_runner_rule";

  private readonly config: RunnerRuleResourceConfig;

  constructor(scope: Construct, id: string, config: RunnerRuleResourceConfig) {
    super(scope, id, {
      terraformResourceType: RunnerRuleResource.tfResourceType,
      terraformGeneratorMetadata: metadataOfProvider(config.provider),
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      forEach: config.forEach,
    });
    this.config = config;
    addChecks(this, () =>
      (
        [
          ["envTypeId", config.envTypeId],
          ["projectId", config.projectId],
        ] as const
      )
        .filter(([, v]) => v !== undefined && !isUnresolved(v) && !ID.test(v))
        .map(([field, value]): Problem => ({
          rule: HUMANITEC_ID,
          field,
          value,
          message: "must be a Humanitec id: lower-case letters, digits and single dashes",
          example: field === "envTypeId" ? '"development"' : '"my-project"',
        })),
    );
  }

  /** The rule's id (read-only, assigned by the Orchestrator). */
  public get ruleId(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      runner_id: this.config.runnerId,
      env_type_id: this.config.envTypeId,
      project_id: this.config.projectId,
    };
  }
}
