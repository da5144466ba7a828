import { defineRule } from "./core/rules/rule";

// Rules of the RunnerPool composition.

/** A cloud identity on a pool whose platform binds no service account to it. */
export const POOL_IDENTITY_UNBOUND = defineRule({
  id: "POOL-IDENTITY-UNBOUND",
  kind: "policy",
  severity: "error",
  rationale:
    "An identity that no service account binds is silently unused: the runners would get no cloud credentials.",
  example: "mark the service account whose pods call the cloud with bindIdentity: true",
});

/** A platform's service account in a namespace role the pool does not have. */
export const POOL_NAMESPACE_ROLE = defineRule({
  id: "POOL-NAMESPACE-ROLE",
  kind: "validity",
  severity: "error",
  rationale:
    "A service account is created in the namespace its platform names by role; a role without a namespace has nowhere to put it.",
  example: "runners, or a role the platform's plan declares under namespaces",
});

/** A runner namespace enforcing a Pod Security level below what the platform's pods need. */
export const POOL_POD_SECURITY = defineRule({
  id: "POOL-POD-SECURITY",
  kind: "validity",
  severity: "error",
  rationale:
    "Pod Security admission rejects the platform's pods when the namespace enforces a stricter level than they need.",
  example: 'namespace: { podSecurity: "privileged" }',
});
