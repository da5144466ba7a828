// HorizontalRunnerAutoscaler rules of webhook-driven scaling (`scaleUpTriggers`): one
// `workflowJob` trigger with a positive Go duration, and a webhook server to receive it.
import { isUnresolved } from "../../../core/rules/problem";
import { defineRule } from "../../../core/rules/rule";
import type { HorizontalRunnerAutoscalerOptions } from "./horizontal-runner-autoscaler";
import type { Found } from "./hra-rule-support";
import { parseGoDuration } from "./time-formats";

/** Exactly one `scaleUpTriggers` entry. */
export const ARC_HRA_TRIGGER_COUNT = defineRule({
  id: "ARC-HRA-TRIGGER-COUNT",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC's webhook server only matches an autoscaler with exactly one scaleUpTriggers entry; with none or several, deliveries scale nothing.",
  example: '[{ githubEvent: { workflowJob: {} }, duration: "30m" }]',
});

/** The trigger's event is `workflowJob`. */
export const ARC_HRA_TRIGGER_EVENT = defineRule({
  id: "ARC-HRA-TRIGGER-EVENT",
  kind: "validity",
  severity: "error",
  rationale: "workflow_job is the only event ARC's webhook server scales on.",
  example: "{ workflowJob: {} }",
});

/** The trigger's `duration` is a positive Go duration. */
export const ARC_HRA_TRIGGER_DURATION = defineRule({
  id: "ARC-HRA-TRIGGER-DURATION",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC parses the duration with Go's time.ParseDuration and silently uses 10m when it is not positive.",
  example: '"30m"',
});

/** The trigger's `amount`, when set, is 1: ARC ignores it for `workflowJob`. */
export const ARC_HRA_TRIGGER_AMOUNT = defineRule({
  id: "ARC-HRA-TRIGGER-AMOUNT",
  kind: "validity",
  severity: "error",
  rationale:
    "For workflow_job deliveries ARC reserves exactly one runner per queued job and releases one per completed job, whatever amount says: any other amount cannot be honoured.",
  example: "amount omitted (or 1)",
});

/** Webhook triggers need the controller's github webhook server. */
export const ARC_HRA_TRIGGER_WEBHOOK_SERVER = defineRule({
  id: "ARC-HRA-TRIGGER-WEBHOOK-SERVER",
  kind: "validity",
  severity: "error",
  rationale:
    "scaleUpTriggers fire on deliveries to the controller's github webhook server; without the server they never fire.",
  example: "new ArcLegacyController(…, { githubWebhookServer: { secretToken: … } })",
});

/** Webhook triggers: exactly one, with a positive Go duration. */
export function ruleScaleUpTriggers(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  const triggers = o.scaleUpTriggers;
  if (triggers === undefined) return [];
  const out: Found[] = [];
  if (triggers.length !== 1) {
    out.push({
      rule: ARC_HRA_TRIGGER_COUNT,
      field: `${at}.scaleUpTriggers`,
      value: triggers.length,
      message:
        "ARC's webhook server only matches an autoscaler with exactly one scaleUpTriggers entry",
      example: '[{ githubEvent: { workflowJob: {} }, duration: "30m" }]',
    });
  }
  triggers.forEach((t, i) => {
    if (!t.githubEvent || !t.githubEvent.workflowJob) {
      out.push({
        rule: ARC_HRA_TRIGGER_EVENT,
        field: `${at}.scaleUpTriggers[${i}].githubEvent`,
        value: t.githubEvent,
        message: "must be { workflowJob: {} } (the only event ARC's webhook server scales on)",
        example: "{ workflowJob: {} }",
      });
    }
    if (t.duration !== undefined && !isUnresolved(t.duration)) {
      const seconds = parseGoDuration(t.duration);
      if (seconds === undefined) {
        out.push({
          rule: ARC_HRA_TRIGGER_DURATION,
          field: `${at}.scaleUpTriggers[${i}].duration`,
          value: t.duration,
          message: "must be a Go duration (number + unit h, m, s, ms)",
          example: '"30m"',
        });
      } else if (seconds <= 0) {
        out.push({
          rule: ARC_HRA_TRIGGER_DURATION,
          field: `${at}.scaleUpTriggers[${i}].duration`,
          value: t.duration,
          message: "must be positive (ARC silently uses 10m otherwise)",
          example: '"30m"',
        });
      }
    }
    if (t.amount !== undefined && !isUnresolved(t.amount) && t.amount !== 1) {
      out.push({
        rule: ARC_HRA_TRIGGER_AMOUNT,
        field: `${at}.scaleUpTriggers[${i}].amount`,
        value: t.amount,
        message:
          "ARC ignores amount for workflowJob triggers: each queued job reserves exactly one runner for duration. Omit it",
        example: "amount omitted",
      });
    }
  });
  return out;
}
