import { Token } from "cdktf";
import { Problem } from "../core/rules/problem";
import { detectSecrets } from "../core/secrets/detectors";
import { SECRET_IN_VALUES } from "./rules";

/** Keys whose values are credentials when they hold literal strings. */
const SECRET_KEY =
  /(password|passwd|token|secret|private_?key|api_?key|access_?key|client_?secret|credentials?|pat)$/i;
/** Keys that hold the name of, or a pointer to, a secret rather than the secret. */
const REFERENCE_KEY =
  /^existing|(name|names|ref|path|file|enabled|create|mount|selector|type|url|key)$/i;
/** Well-known credential formats, flagged under any key. */
const CREDENTIAL_FORMAT =
  /^(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-|glrt-|xox[abpr]-|AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Finds literal credentials in a Helm values tree: a non-empty string under a key such as
 * `token` or `password`, or a string in a known credential format (GitHub/GitLab tokens,
 * AWS access keys, PEM private keys) anywhere. Values are redacted in the problems.
 */
export function findLiteralSecrets(values: unknown, at = "values"): Problem[] {
  if (Array.isArray(values)) {
    // Strings in lists (`["--token=…"]`) are checked for secret formats (they have no key).
    return values.flatMap((v, i) =>
      typeof v === "string"
        ? formatProblems(v, `${at}[${i}]`)
        : findLiteralSecrets(v, `${at}[${i}]`),
    );
  }
  if (values === null || typeof values !== "object") return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const field = `${at}.${key}`;
    if (typeof value === "string" && value.length > 0 && !Token.isUnresolved(value)) {
      const secretKey = SECRET_KEY.test(key) && !REFERENCE_KEY.test(key);
      // `githubConfigSecret: my-secret` names a Secret; allow object names under *Secret keys.
      const namesASecret = /secret$/i.test(key) && K8S_NAME.test(value) && value.length <= 253;
      // A secret format anywhere in the string (after a newline, inside a TOML config…).
      if ((secretKey && !namesASecret) || CREDENTIAL_FORMAT.test(value) || hasPlainFormat(value)) {
        problems.push({
          rule: SECRET_IN_VALUES,
          field,
          value,
          redact: true,
          message:
            "looks like a credential in plain Helm values, which would land in the synthesized JSON and the state; pass it through sensitiveValues (a sensitive TerraformVariable or a secret-manager reference) or reference an existing Kubernetes Secret",
          example: `sensitiveValues: { "${field.replace(/^values\./, "")}": SensitiveValue.fromVariable(tokenVar) }`,
        });
      }
    } else if (value !== null && typeof value === "object") {
      problems.push(...findLiteralSecrets(value, field));
    }
  }
  return problems;
}

function formatProblems(value: string, field: string): Problem[] {
  if (Token.isUnresolved(value) || detectSecrets(value).length === 0) return [];
  return [
    {
      rule: SECRET_IN_VALUES,
      field,
      value,
      redact: true,
      message:
        "holds a credential in plain Helm values, which would land in the synthesized JSON and the state; pass it through sensitiveValues or reference an existing Kubernetes Secret",
    },
  ];
}

/**
 * A secret format anywhere in a keyed string, except base64-encoded keys: a base64 PEM under a
 * `*Base64`/certificate key is each platform's own rule (e.g. KUBIYA-PRIVATE-KEY-AS-CERTIFICATE),
 * and the output scan catches it everywhere else.
 */
function hasPlainFormat(value: string): boolean {
  return detectSecrets(value).some((m) => m.rule !== "private-key-base64");
}
