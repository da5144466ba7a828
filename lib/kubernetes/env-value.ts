/** A key of an existing Kubernetes Secret, as an environment variable's source. */
export interface EnvSecretSource {
  /** Secret name (in the pod's namespace). */
  readonly secretName: string;
  /** Key inside the Secret. */
  readonly key: string;
  /** Start the pod even when the Secret or key is missing. @default false */
  readonly optional?: boolean;
}

/**
 * An environment variable's value: a plain, non-secret literal (`EnvValue.fromValue`), or a
 * key of an existing Kubernetes Secret (`EnvValue.fromSecret`), which keeps the value out of
 * the synthesized JSON, the generated charts and the Terraform state. A literal that holds a
 * credential (a token, private key, JWT, password in a URL) is refused at synth.
 */
export class EnvValue {
  /** A plain value: never a secret (a secret format in it fails synth with `CORE-SECRET-LITERAL`). */
  public static fromValue(value: string): EnvValue {
    return new EnvValue(value, undefined);
  }

  /** The value of a key of an existing Kubernetes Secret (`valueFrom.secretKeyRef`). */
  public static fromSecret(source: EnvSecretSource): EnvValue {
    return new EnvValue(undefined, source);
  }

  private constructor(
    /** The literal, for `fromValue`. */
    public readonly value: string | undefined,
    /** The Secret key, for `fromSecret`. */
    public readonly secret: EnvSecretSource | undefined,
  ) {}
}
