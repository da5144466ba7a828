// Rules shared by both ARC modes (runner scale sets and legacy): credentials and labels.
import { defineRule } from "../../../core/rules/rule";

/** A secret (GitHub App key, token, webhook token) must come from a sensitive source. */
export const ARC_SECRET_SENSITIVE_SOURCE = defineRule({
  id: "ARC-SECRET-SENSITIVE-SOURCE",
  kind: "policy",
  severity: "error",
  rationale:
    "A secret from a non-sensitive variable or a literal is printed in plans and logs; a sensitive variable or secret-manager reference is not.",
  example:
    'SensitiveValue.fromVariable(new TerraformVariable(this, "github_app_private_key", { type: "string", sensitive: true }))',
});

/** GitHub App IDs and installation IDs have a fixed shape. */
export const ARC_GITHUB_APP_ID = defineRule({
  id: "ARC-GITHUB-APP-ID",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC cannot authenticate with an app ID that is neither numeric nor a client ID (Iv…), or a non-numeric installation ID.",
  example: '"123456"',
});

/** Runner labels (`runs-on:` targets) are single words. */
export const ARC_RUNNER_LABEL = defineRule({
  id: "ARC-RUNNER-LABEL",
  kind: "validity",
  severity: "error",
  rationale:
    "GitHub matches runs-on labels as single words; an empty label, or one with spaces or commas, never matches a job (scale set labels: at most 256 characters).",
  example: '"gpu"',
});
