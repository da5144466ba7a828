import { Construct } from "constructs";
import { TerraformDataSource, TerraformProvider } from "cdktf";

/**
 * A data source given by type and plain (snake_case) arguments, read by attribute path.
 * For lookups whose generated binding is very large (e.g. `google_container_cluster`,
 * ~2 MB of JavaScript) when only two or three attributes are needed: loading that binding
 * would dominate synth time.
 */
export class LeanDataSource extends TerraformDataSource {
  constructor(
    scope: Construct,
    id: string,
    /** Terraform type, e.g. `google_container_cluster`. */
    type: string,
    private readonly args: Record<string, unknown>,
    provider?: TerraformProvider,
  ) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: type.split("_")[0] },
      provider,
    });
  }

  /** A string attribute by Terraform path, e.g. `master_auth[0].cluster_ca_certificate`. */
  public attribute(path: string): string {
    return this.getStringAttribute(path);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.args).filter(([, v]) => v !== undefined));
  }
}
