import { Construct } from "constructs";
import type { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import type * as SecretV1Module from "@cdktf/provider-kubernetes/lib/secret-v1";
import { MANAGED_BY } from "../../../core/labels";
import { checkDns1123Subdomain } from "../../../core/names";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import type { IRunnerNamespace } from "../../../kubernetes/runner-namespace";
import type { SensitiveValue } from "../../../release/sensitive-value";
import { ARC_GITHUB_APP_ID, ARC_SECRET_IN_STATE, ARC_SECRET_SENSITIVE_SOURCE } from "./rules";
import { lazyBinding } from "../../../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const secretV1Binding = lazyBinding<typeof SecretV1Module>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-kubernetes/lib/secret-v1"),
);

/** A GitHub App that ARC authenticates as. IDs are not secret; the private key is. */
export interface ArcGithubAppCredentials {
  /** App ID (numeric), or for runner scale sets also the client ID (`Iv…`); a string, as ARC wants it. */
  readonly appId: string;
  /** Installation ID of the app in the organization or repository. */
  readonly installationId: string;
  /** The app's PEM private key, from a sensitive variable or a secret manager. */
  readonly privateKey: SensitiveValue;
}

/** What bound credentials contribute: the Secret's name and the resource to depend on. */
export interface BoundArcCredentials {
  /** Name of the Kubernetes Secret holding `github_token` or `github_app_*` keys. */
  readonly secretName: string;
  /** The Secret created here, when the credentials came from sensitive values. @default none (an existing Secret is used) */
  readonly secret?: SecretV1;
  /** Problems with the input. */
  readonly problems: Problem[];
}

/**
 * How ARC authenticates to GitHub, always **by reference**: the name of an existing
 * Kubernetes Secret (keys `github_token`, or `github_app_id`, `github_app_installation_id`,
 * `github_app_private_key`), or sensitive values from which a Secret is created with
 * `kubernetes_secret_v1`. In the second case the values are in the Terraform state
 * (encrypted at rest only if your backend is): prefer an existing Secret managed by an
 * external-secrets operator when the state is widely readable.
 */
export abstract class ArcGithubCredentials {
  /** An existing Secret in the namespace where it is used. */
  public static fromSecretName(secretName: string): ArcGithubCredentials {
    return new ExistingSecret(secretName);
  }

  /** A personal access token (classic: `repo`, `admin:org` as needed) from a sensitive value. */
  public static fromToken(token: SensitiveValue): ArcGithubCredentials {
    return new CreatedSecret((v) => ({ github_token: v.token as string }), { token }, "token");
  }

  /** A GitHub App (recommended): IDs as strings, the private key from a sensitive value. */
  public static fromApp(app: ArcGithubAppCredentials): ArcGithubCredentials {
    return new CreatedSecret(
      () => ({
        github_app_id: app.appId,
        github_app_installation_id: app.installationId,
        github_app_private_key: app.privateKey.expression,
      }),
      { privateKey: app.privateKey },
      "app",
      app,
    );
  }

  /** Short description for summaries. */
  public abstract readonly description: string;

  /**
   * Resolves the Secret name, creating the Secret under `scope` if needed. `consumer` is
   * who reads it: the legacy controller parses the app ID as an integer, scale sets also
   * take a client ID.
   */
  public abstract bind(
    scope: Construct,
    namespace: IRunnerNamespace,
    secretName: string,
    consumer?: "scale-set" | "legacy",
  ): BoundArcCredentials;
}

class ExistingSecret extends ArcGithubCredentials {
  public readonly description: string;
  constructor(private readonly name: string) {
    super();
    this.description = `existing secret ${name}`;
  }
  public bind(): BoundArcCredentials {
    const problem = checkDns1123Subdomain(
      "githubCredentials.secretName",
      this.name,
      "arc-github-app",
    );
    return { secretName: this.name, problems: problem ? [problem] : [] };
  }
}

class CreatedSecret extends ArcGithubCredentials {
  public readonly description: string;
  constructor(
    private readonly data: (values: Record<string, string>) => Record<string, string>,
    private readonly sensitive: Record<string, SensitiveValue>,
    kind: "token" | "app",
    private readonly app?: ArcGithubAppCredentials,
  ) {
    super();
    this.description =
      kind === "app"
        ? "GitHub App (secret created from sensitive values)"
        : "token (secret created from a sensitive value)";
  }

  public bind(
    scope: Construct,
    namespace: IRunnerNamespace,
    secretName: string,
    consumer: "scale-set" | "legacy" = "scale-set",
  ): BoundArcCredentials {
    const problems: Problem[] = [];
    const expressions: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.sensitive)) {
      expressions[name] = value.expression;
      if (!value.isSecretSource) {
        problems.push({
          rule: ARC_SECRET_SENSITIVE_SOURCE,
          field: `githubCredentials.${name}`,
          value: value.origin,
          message:
            "must come from a TerraformVariable declared with sensitive: true, or a secret-manager reference",
          example:
            'new TerraformVariable(this, "github_app_private_key", { type: "string", sensitive: true })',
        });
      }
    }
    if (this.app) {
      // Scale sets keep the app ID a string (client IDs allowed) and parse the installation
      // ID as an integer; the legacy controller parses both as integers.
      const shapes = {
        appId:
          consumer === "legacy"
            ? {
                re: /^\d+$/,
                message:
                  "must be the numeric app ID (the legacy controller parses it as an integer; client IDs are not supported)",
              }
            : {
                re: /^(\d+|Iv[0-9A-Za-z.]+)$/,
                message: "must be the numeric app ID or the client ID (Iv…)",
              },
        installationId: { re: /^\d+$/, message: "must be the numeric installation ID" },
      };
      for (const field of ["appId", "installationId"] as const) {
        const v = this.app[field];
        if (!isUnresolved(v) && !shapes[field].re.test(v)) {
          problems.push({
            rule: ARC_GITHUB_APP_ID,
            field: `githubCredentials.${field}`,
            value: v,
            message: shapes[field].message,
            example: '"123456"',
          });
        }
      }
    }
    problems.push({
      rule: ARC_SECRET_IN_STATE,
      field: "githubCredentials",
      value: this.app ? "fromApp" : "fromToken",
      message: `the ${this.app ? "GitHub App private key" : "GitHub token"} is written to Secret ${namespace.name}/${secretName} by kubernetes_secret_v1, so it is also in the Terraform state (and readable by anything that may get Secrets in namespace ${namespace.name})`,
      example: 'ArcGithubCredentials.fromSecretName("arc-github-app")',
    });
    const secret = new (secretV1Binding().SecretV1)(scope, "GithubSecret", {
      metadata: {
        name: secretName,
        namespace: namespace.ref,
        labels: { "app.kubernetes.io/managed-by": MANAGED_BY },
      },
      type: "Opaque",
      data: this.data(expressions),
    });
    return { secretName, secret, problems };
  }
}
