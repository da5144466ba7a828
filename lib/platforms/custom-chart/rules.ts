import { defineRule } from "../../core/rules/rule";

/** An identity with pod labels, and no values path to put them on the chart's pods. */
export const CUSTOM_POD_LABELS_VALUES_PATH = defineRule({
  id: "CUSTOM-POD-LABELS-VALUES-PATH",
  kind: "policy",
  severity: "error",
  rationale:
    "Some identities only reach pods that carry their labels (AKS: azure.workload.identity/use); a chart the library cannot see into must be told where pod labels go.",
  example: 'podLabelsValuesPath: "podLabels"',
});
