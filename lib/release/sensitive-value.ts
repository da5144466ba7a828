import { TerraformVariable, Token } from "cdktf";

/**
 * A secret value for a Helm release. It is never a plain string: it comes from a
 * sensitive `TerraformVariable` or from a Terraform expression that reads a secret
 * manager (e.g. `aws_secretsmanager_secret_version.secret_string`), and reaches Helm
 * through `set_sensitive`, so the JSON holds only a reference.
 */
export class SensitiveValue {
  /**
   * From a `TerraformVariable` declared with `sensitive: true` and no `default` (checked at
   * synth): a default would put the secret into the synthesized JSON.
   */
  public static fromVariable(variable: TerraformVariable): SensitiveValue {
    return new SensitiveValue(
      variable.stringValue,
      Reflect.get(variable, "sensitive") === true && variable.default === undefined,
      variable.node.path,
    );
  }

  /**
   * From a Terraform reference to a secret manager's value, e.g.
   * `secretVersion.secretString`. Literal strings are refused at synth.
   */
  public static fromSecretReference(reference: string): SensitiveValue {
    return new SensitiveValue(reference, Token.isUnresolved(reference), "reference");
  }

  private constructor(
    /** The Terraform expression (a token). */
    public readonly expression: string,
    /** Whether the source is marked sensitive / is a reference (not a literal). */
    public readonly isSecretSource: boolean,
    /** Where the value comes from, for error messages. */
    public readonly origin: string,
  ) {}
}

/** An existing Kubernetes Secret and the key in it. */
export interface SecretKeyRef {
  /** Secret name (in the namespace where it is used). */
  readonly secretName: string;
  /** Key inside the secret. */
  readonly key: string;
}
