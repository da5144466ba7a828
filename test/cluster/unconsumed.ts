// Values paths the library sets that rendering shows no effect of (removing or changing the
// value leaves `helm template` output the same), each with the reason. Key: `<chart>:<path>`.
// A path not listed here that has no effect fails `npm run test:cluster`.
export const UNCONSUMED_REASONS: Record<string, string> = {
  "actions-runner-controller:githubWebhookServer.secret.enabled":
    "chart 0.23.7 reads it only together with githubWebhookServer.useRunnerGroupsVisibility (templates/githubwebhook.deployment.yaml:84), which the library leaves off; the secret itself is named by githubWebhookServer.secret.name (consumed, _helpers.tpl:72). Owner: ARC legacy platform (lib/platforms/arc/legacy/github-webhook-server.ts:90) may drop it",
};
