import { TerraformStack, TerraformVariable, Token } from "cdktf";
import type { IConstruct } from "constructs";

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
   * From the sensitive `TerraformVariable` of this name in the same stack, for props read
   * before the variable can exist (a stack's own connection props, e.g. `helmRegistries`).
   * Checked at synth: the stack must declare `new TerraformVariable(stack, name, { sensitive:
   * true })` with no default. The JSON holds `${var.<name>}`.
   */
  public static fromVariableName(name: string): SensitiveValue {
    const valid = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
    return new SensitiveValue(valid ? `\${var.${name}}` : "", valid, `var.${name}`, name);
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
    /** The variable a {@link SensitiveValue.fromVariableName} value names. @default - none */
    public readonly variableName?: string,
  ) {}

  /**
   * For a {@link SensitiveValue.fromVariableName} value: why the stack of `scope` does not
   * declare it as a sensitive variable without default (undefined when it does, or for other
   * sources).
   */
  public undeclaredVariable(scope: IConstruct): string | undefined {
    if (this.variableName === undefined) return undefined;
    if (!this.isSecretSource) return `"${this.variableName}" is not a Terraform variable name`;
    const variable = TerraformStack.of(scope)
      .node.findAll()
      .find(
        (c): c is TerraformVariable =>
          c instanceof TerraformVariable && c.friendlyUniqueId === this.variableName,
      );
    if (!variable) return `the stack declares no variable "${this.variableName}"`;
    if (Reflect.get(variable, "sensitive") !== true || variable.default !== undefined)
      return `variable "${this.variableName}" must be declared with sensitive: true and no default`;
    return undefined;
  }
}

/** An existing Kubernetes Secret and the key in it. */
export interface SecretKeyRef {
  /** Secret name (in the namespace where it is used). */
  readonly secretName: string;
  /** Key inside the secret. */
  readonly key: string;
}
