import { defineRule } from "../rules/rule";

// Rules of the secret scan over everything a stack writes.

/** A secret in the synthesized output (JSON, rendered values, generated charts, assets). */
export const SECRET_IN_OUTPUT = defineRule({
  id: "CORE-SECRET-IN-OUTPUT",
  kind: "validity",
  severity: "error",
  rationale:
    "Everything a stack synthesizes (cdk.tf.json, rendered Helm values, generated charts, assets) is committed, reviewed, uploaded by CI and copied into the Terraform state: a secret in it is leaked. The library cannot keep a literal secret out of its output, so it refuses to write it.",
  example:
    "SensitiveValue.fromVariable(tokenVar), EnvValue.fromSecret({ secretName, key }), or an existing Kubernetes Secret by name",
});

/** A field that takes a credential got a literal. */
export const SECRET_LITERAL = defineRule({
  id: "CORE-SECRET-LITERAL",
  kind: "validity",
  severity: "error",
  rationale:
    "A field that takes a name, a URL, an annotation or an environment value was given a credential (a token, private key, JWT or password in a URL): it would be written into the output in plain text.",
  example: 'EnvValue.fromSecret({ secretName: "runner-token", key: "token" })',
});

/** A plain literal under an environment variable named like a credential. */
export const SECRET_ENV_LITERAL = defineRule({
  id: "CORE-SECRET-ENV-LITERAL",
  kind: "policy",
  severity: "error",
  rationale:
    "An environment variable named like a credential (…_TOKEN, …_PASSWORD, …_SECRET, GH_PAT) with a plain value puts that credential into the output in plain text; only a Secret reference keeps it out.",
  example: '{ name: "GH_PAT", value: EnvValue.fromSecret({ secretName: "gh", key: "pat" }) }',
});

/** A URL with a user name or password in it. */
export const URL_CREDENTIALS = defineRule({
  id: "CORE-URL-CREDENTIALS",
  kind: "validity",
  severity: "error",
  rationale:
    "Credentials in a URL (https://user:password@host) are written into the synthesized JSON, the rendered values and the Terraform state in plain text, and printed in plans and logs; the library cannot keep them out.",
  example:
    '"https://charts.example.com" with the credential by reference (an existing Secret, a SensitiveValue, or the helm provider\'s registry block fed by a sensitive variable)',
});
