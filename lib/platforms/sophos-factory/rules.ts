import { defineRule } from "../../core/rules/rule";

// Rules of the Sophos Factory runner pool. Names and quantities: lib/core/name-rules.ts and
// lib/kubernetes/rules.ts.

/** The runner pods' image tag is `latest`. */
export const IMAGE_LATEST = defineRule({
  id: "SOPHOS-IMAGE-LATEST",
  kind: "policy",
  severity: "warning",
  rationale:
    "The documented default tag `latest` moves: a redeploy or a rescheduled pod silently runs another runner image.",
  example: 'runnerImage: { tag: "1.2.3" }',
});

/** The identity needs pod labels on runner pods, which the chart cannot set. */
export const RUNNER_POD_LABELS = defineRule({
  id: "SOPHOS-RUNNER-POD-LABELS",
  kind: "policy",
  severity: "warning",
  rationale:
    "The runner pool chart documents no setting for runner pod labels, so an identity that needs them (AKS Workload Identity) gives runner pods no token unless something else sets the labels.",
  example:
    "an identity without pod labels (EKS IRSA, GKE Workload Identity), or an admission policy that labels runner pods",
});

/** An empty runner pool id. */
export const RUNNER_MANAGER_ID = defineRule({
  id: "SOPHOS-RUNNER-MANAGER-ID",
  kind: "validity",
  severity: "error",
  rationale:
    "The pool manager authenticates with its runner pool's id; an empty id never registers.",
  example: '"64f1c0ffee0123456789abcd"',
});

/** An agent API address that is not a bare host name. */
export const AGENT_API_FQDN = defineRule({
  id: "SOPHOS-AGENT-API-FQDN",
  kind: "validity",
  severity: "error",
  rationale:
    "The chart builds the agent API URL from agentApiFqdn itself; a scheme or path in it yields an address that does not resolve.",
  example: '"agent-api.factory.sophos.com"',
});

/** A values layout path that is not a dotted Helm values path. */
export const VALUES_PATH = defineRule({
  id: "SOPHOS-VALUES-PATH",
  kind: "validity",
  severity: "error",
  rationale:
    "The secret and configuration blocks are placed at dotted Helm values paths; anything else cannot become a set_sensitive name or a values key.",
  example: '"secrets"',
});
