import { Rules } from "../../../../lib/core/rules/report";
import { HorizontalRunnerAutoscalerOptions } from "../../../../lib/platforms/arc/legacy/horizontal-runner-autoscaler";
import { checkHorizontalRunnerAutoscaler } from "../../../../lib/platforms/arc/legacy/hra-rules";
import { parseGoDuration, parseRfc3339 } from "../../../../lib/platforms/arc/legacy/time-formats";
import { ArcLegacyController } from "../../../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerDeployment } from "../../../../lib/platforms/arc/legacy/runner-deployment";
import { ArcGithubCredentials } from "../../../../lib/platforms/arc/shared/github-credentials";
import { hraRuleIds, newRunnerStack } from "../../../support/arc-fixtures";
import { ruleIdsOf, synthErrors } from "../../../support/stack";

const QUEUED = { type: "TotalNumberOfQueuedAndInProgressWorkflowRuns" } as const;
const BUSY = { type: "PercentageRunnersBusy" } as const;

function messages(
  o: Partial<HorizontalRunnerAutoscalerOptions>,
  scope: "repository" | "organization" | "enterprise" = "repository",
): string[] {
  return checkHorizontalRunnerAutoscaler({ minReplicas: 1, maxReplicas: 5, ...o }, scope).map(
    (p) => `${p.field}: ${p.message}`,
  );
}

const ids = hraRuleIds;

describe("every finding names its ARC-HRA rule", () => {
  const window = { startTime: "2025-01-06T08:00:00Z", endTime: "2025-01-06T18:00:00Z" };
  const trigger = { githubEvent: { workflowJob: {} } } as const;
  test.each<[string, Partial<HorizontalRunnerAutoscalerOptions>, "organization" | undefined]>([
    ["ARC-HRA-REPLICA-COUNT", { maxReplicas: 2.5, minReplicas: 0, metrics: [QUEUED] }, undefined],
    ["ARC-HRA-MIN-ABOVE-MAX", { minReplicas: 6 }, undefined],
    ["ARC-HRA-MIN-ZERO", { minReplicas: 0, metrics: [BUSY] }, undefined],
    ["ARC-HRA-SCALE-DOWN-DELAY", { scaleDownDelaySecondsAfterScaleOut: 1.5 }, undefined],
    ["ARC-HRA-METRIC-TYPE", { metrics: [{ type: "CPU" } as unknown as typeof BUSY] }, undefined],
    ["ARC-HRA-METRIC-COUNT", { metrics: [BUSY, QUEUED, QUEUED] }, undefined],
    ["ARC-HRA-METRIC-ORDER", { metrics: [QUEUED, BUSY] }, undefined],
    ["ARC-HRA-BUSY-NUMBER", { metrics: [{ ...BUSY, scaleUpFactor: "x2" }] }, undefined],
    [
      "ARC-HRA-BUSY-THRESHOLD-RANGE",
      { metrics: [{ ...BUSY, scaleDownThreshold: -0.1 }] },
      undefined,
    ],
    ["ARC-HRA-BUSY-THRESHOLD-ORDER", { metrics: [{ ...BUSY, scaleUpThreshold: 0.2 }] }, undefined],
    ["ARC-HRA-BUSY-FACTOR-RANGE", { metrics: [{ ...BUSY, scaleUpFactor: 1 }] }, undefined],
    [
      "ARC-HRA-BUSY-FACTOR-OR-ADJUSTMENT",
      { metrics: [{ ...BUSY, scaleDownFactor: "0.5", scaleDownAdjustment: 1 }] },
      undefined,
    ],
    ["ARC-HRA-BUSY-ADJUSTMENT", { metrics: [{ ...BUSY, scaleDownAdjustment: 0.5 }] }, undefined],
    ["ARC-HRA-QUEUED-REPOSITORY-NAMES", { metrics: [QUEUED] }, "organization"],
    [
      "ARC-HRA-OVERRIDE-TIME-FORMAT",
      { scheduledOverrides: [{ ...window, endTime: "18:00" }] },
      undefined,
    ],
    [
      "ARC-HRA-OVERRIDE-WINDOW",
      { scheduledOverrides: [{ startTime: window.endTime, endTime: window.startTime }] },
      undefined,
    ],
    [
      "ARC-HRA-OVERRIDE-FREQUENCY",
      {
        scheduledOverrides: [
          { ...window, recurrenceRule: { frequency: "Hourly" as unknown as "Daily" } },
        ],
      },
      undefined,
    ],
    [
      "ARC-HRA-OVERRIDE-WINDOW-LENGTH",
      {
        scheduledOverrides: [
          { ...window, endTime: "2025-01-08T08:00:00Z", recurrenceRule: { frequency: "Daily" } },
        ],
      },
      undefined,
    ],
    [
      "ARC-HRA-OVERRIDE-UNTIL",
      {
        scheduledOverrides: [
          { ...window, recurrenceRule: { frequency: "Daily", untilTime: window.startTime } },
        ],
      },
      undefined,
    ],
    [
      "ARC-HRA-OVERRIDE-MIN-REPLICAS",
      { scheduledOverrides: [{ ...window, minReplicas: -1 }] },
      undefined,
    ],
    ["ARC-HRA-TRIGGER-COUNT", { scaleUpTriggers: [] }, undefined],
    [
      "ARC-HRA-TRIGGER-EVENT",
      { scaleUpTriggers: [{ githubEvent: {} as typeof trigger.githubEvent }] },
      undefined,
    ],
    ["ARC-HRA-TRIGGER-DURATION", { scaleUpTriggers: [{ ...trigger, duration: "-1m" }] }, undefined],
    ["ARC-HRA-TRIGGER-AMOUNT", { scaleUpTriggers: [{ ...trigger, amount: 0 }] }, undefined],
  ])("%s", (id, input, scope) => {
    expect(ids(input, scope)).toEqual([id]);
  });

  test("ARC-HRA-QUEUED-ENTERPRISE", () => {
    expect(ids({ metrics: [QUEUED] }, "enterprise")).toEqual(["ARC-HRA-QUEUED-ENTERPRISE"]);
  });
});

describe("replica range", () => {
  test("min ≤ max", () => {
    expect(messages({ minReplicas: 6, maxReplicas: 5 })).toEqual([
      expect.stringContaining("autoscaling.minReplicas: minReplicas must not exceed maxReplicas"),
    ]);
  });
  test("whole numbers, min ≥ 0, max ≥ 0", () => {
    expect(messages({ minReplicas: -1, maxReplicas: -1, metrics: [QUEUED] }).join("\n")).toMatch(
      /minReplicas: must be a whole number ≥ 0[\s\S]*maxReplicas: must be a whole number ≥ 0/,
    );
    expect(messages({ minReplicas: 1.5 })).toEqual([expect.stringContaining("whole number")]);
  });
  test("a valid range passes", () => {
    expect(messages({ minReplicas: 1, maxReplicas: 1, metrics: [BUSY] })).toEqual([]);
  });
});

describe("scale from zero", () => {
  test("PercentageRunnersBusy alone cannot leave zero — explained", () => {
    const [msg] = messages({ minReplicas: 0, metrics: [BUSY] });
    expect(msg).toContain("autoscaling.minReplicas");
    expect(msg).toContain("can never scale up from zero");
    expect(msg).toContain(
      "TotalNumberOfQueuedAndInProgressWorkflowRuns as the second metric or a webhook scaleUpTrigger",
    );
  });
  test("the queued metric second, or a webhook trigger, makes it valid", () => {
    expect(messages({ minReplicas: 0, metrics: [BUSY, QUEUED] })).toEqual([]);
    expect(
      messages({
        minReplicas: 0,
        metrics: [BUSY],
        scaleUpTriggers: [{ githubEvent: { workflowJob: {} } }],
      }),
    ).toEqual([]);
  });
  test("no metric, no trigger and no override raising min never runs a runner", () => {
    expect(messages({ minReplicas: 0 })).toEqual([expect.stringContaining("never runs a runner")]);
    expect(
      messages({
        minReplicas: 0,
        scheduledOverrides: [
          {
            startTime: "2025-01-06T08:00:00Z",
            endTime: "2025-01-06T18:00:00Z",
            minReplicas: 2,
            recurrenceRule: { frequency: "Daily" },
          },
        ],
      }),
    ).toEqual([]);
  });
});

describe("metric list", () => {
  test("at most two", () => {
    expect(messages({ metrics: [BUSY, QUEUED, QUEUED] })).toContainEqual(
      expect.stringContaining("at most two metrics"),
    );
  });
  test("two only as PercentageRunnersBusy then TotalNumberOfQueued…", () => {
    expect(messages({ metrics: [QUEUED, BUSY] })).toEqual([
      expect.stringContaining(
        "PercentageRunnersBusy first and TotalNumberOfQueuedAndInProgressWorkflowRuns second",
      ),
    ]);
    expect(messages({ metrics: [BUSY, BUSY] })).toHaveLength(1);
  });
  test("unknown type", () => {
    expect(messages({ metrics: [{ type: "CPU" } as unknown as typeof BUSY] })).toEqual([
      expect.stringContaining("unknown metric"),
    ]);
  });
});

describe("PercentageRunnersBusy", () => {
  test("factor and adjustment for one direction are exclusive", () => {
    expect(messages({ metrics: [{ ...BUSY, scaleUpFactor: "2", scaleUpAdjustment: 2 }] })).toEqual([
      "autoscaling.metrics[0].scaleUpAdjustment: scaleUpFactor and scaleUpAdjustment are mutually exclusive: set one of them",
    ]);
    expect(
      messages({ metrics: [{ ...BUSY, scaleDownFactor: "0.5", scaleDownAdjustment: 1 }] }),
    ).toEqual([
      expect.stringContaining("scaleDownFactor and scaleDownAdjustment are mutually exclusive"),
    ]);
    expect(
      messages({ metrics: [{ ...BUSY, scaleUpFactor: "2", scaleDownAdjustment: 1 }] }),
    ).toEqual([]);
  });
  test("thresholds and factors parse as numbers", () => {
    expect(messages({ metrics: [{ ...BUSY, scaleUpThreshold: "75%" }] })).toEqual([
      expect.stringContaining("scaleUpThreshold: must be a decimal number"),
    ]);
    expect(messages({ metrics: [{ ...BUSY, scaleDownFactor: "half" }] })).toEqual([
      expect.stringContaining("scaleDownFactor: must be a decimal number"),
    ]);
    expect(
      messages({ metrics: [{ ...BUSY, scaleUpThreshold: 0.9, scaleDownThreshold: "0.1" }] }),
    ).toEqual([]);
  });
  test("down-threshold below up-threshold, defaults included", () => {
    expect(
      messages({ metrics: [{ ...BUSY, scaleUpThreshold: "0.5", scaleDownThreshold: "0.6" }] }),
    ).toEqual([expect.stringContaining("scaleDownThreshold: must be lower than scaleUpThreshold")]);
    // default up-threshold is 0.8
    expect(messages({ metrics: [{ ...BUSY, scaleDownThreshold: "0.9" }] })).toEqual([
      expect.stringContaining("must be lower than scaleUpThreshold"),
    ]);
  });
  test("thresholds are fractions; factors grow or shrink", () => {
    expect(messages({ metrics: [{ ...BUSY, scaleUpThreshold: "80" }] })).toContainEqual(
      expect.stringContaining("must be from 0 to 1"),
    );
    expect(messages({ metrics: [{ ...BUSY, scaleUpFactor: "0.9" }] })).toEqual([
      expect.stringContaining("scaleUpFactor: must be greater than 1"),
    ]);
    expect(messages({ metrics: [{ ...BUSY, scaleDownFactor: "1.2" }] })).toEqual([
      expect.stringContaining("scaleDownFactor: must be from 0 to below 1"),
    ]);
  });
  test("adjustments are whole numbers ≥ 0", () => {
    expect(messages({ metrics: [{ ...BUSY, scaleUpAdjustment: -1 }] })).toEqual([
      "autoscaling.metrics[0].scaleUpAdjustment: must be a whole number ≥ 0",
    ]);
  });
});

describe("TotalNumberOfQueuedAndInProgressWorkflowRuns", () => {
  test("repositoryNames required for an organization target", () => {
    expect(messages({ metrics: [QUEUED] }, "organization")).toEqual([
      expect.stringContaining(
        "autoscaling.metrics[0].repositoryNames: TotalNumberOfQueuedAndInProgressWorkflowRuns for an organization-scoped runner needs repositoryNames",
      ),
    ]);
    expect(
      messages({ metrics: [{ ...QUEUED, repositoryNames: ["app"] }] }, "organization"),
    ).toEqual([]);
    expect(messages({ metrics: [QUEUED] }, "repository")).toEqual([]);
  });
  test("not for an enterprise target", () => {
    expect(messages({ metrics: [QUEUED] }, "enterprise")).toEqual([
      expect.stringContaining("cannot count jobs of an enterprise-scoped runner"),
    ]);
  });
});

describe("scheduled overrides", () => {
  const base = { startTime: "2025-01-04T00:00:00+09:00", endTime: "2025-01-06T00:00:00+09:00" };
  test("RFC 3339 times", () => {
    expect(messages({ scheduledOverrides: [{ ...base, startTime: "2025-01-04 00:00" }] })).toEqual([
      "autoscaling.scheduledOverrides[0].startTime: must be an RFC 3339 date-time with an offset",
    ]);
    expect(
      messages({ scheduledOverrides: [{ ...base, endTime: "2025-02-30T00:00:00Z" }] }),
    ).toEqual([expect.stringContaining("endTime: must be an RFC 3339")]);
  });
  test("start before end", () => {
    expect(
      messages({ scheduledOverrides: [{ startTime: base.endTime, endTime: base.startTime }] }),
    ).toEqual(["autoscaling.scheduledOverrides[0].endTime: must be after startTime"]);
  });
  test("no longer than the frequency's period", () => {
    expect(
      messages({ scheduledOverrides: [{ ...base, recurrenceRule: { frequency: "Daily" } }] }),
    ).toEqual([
      expect.stringContaining(
        "autoscaling.scheduledOverrides[0].endTime: a Daily override may last at most 24 hours",
      ),
    ]);
    expect(
      messages({ scheduledOverrides: [{ ...base, recurrenceRule: { frequency: "Weekly" } }] }),
    ).toEqual([]);
    expect(
      messages({
        scheduledOverrides: [
          {
            startTime: "2025-01-01T00:00:00Z",
            endTime: "2025-02-02T00:00:00Z",
            recurrenceRule: { frequency: "Monthly" },
          },
        ],
      }),
    ).toEqual([expect.stringContaining("at most 28 days")]);
  });
  test("untilTime after start", () => {
    expect(
      messages({
        scheduledOverrides: [
          { ...base, recurrenceRule: { frequency: "Weekly", untilTime: "2024-12-31T00:00:00Z" } },
        ],
      }),
    ).toEqual([
      "autoscaling.scheduledOverrides[0].recurrenceRule.untilTime: must be after startTime, or the override never recurs",
    ]);
    expect(
      messages({
        scheduledOverrides: [
          { ...base, recurrenceRule: { frequency: "Weekly", untilTime: "soon" } },
        ],
      }),
    ).toEqual([expect.stringContaining("untilTime: must be an RFC 3339")]);
  });
});

describe("webhook triggers", () => {
  const trigger = { githubEvent: { workflowJob: {} } } as const;
  test("Go duration", () => {
    expect(messages({ scaleUpTriggers: [{ ...trigger, duration: "30 minutes" }] })).toEqual([
      "autoscaling.scaleUpTriggers[0].duration: must be a Go duration (number + unit h, m, s, ms)",
    ]);
    expect(messages({ scaleUpTriggers: [{ ...trigger, duration: "0s" }] })).toEqual([
      expect.stringContaining("must be positive"),
    ]);
    expect(messages({ scaleUpTriggers: [{ ...trigger, duration: "1h30m" }] })).toEqual([]);
  });
  test("exactly one per HRA", () => {
    expect(messages({ scaleUpTriggers: [trigger, trigger] })).toEqual([
      expect.stringContaining("exactly one scaleUpTriggers entry"),
    ]);
    expect(messages({ scaleUpTriggers: [] })).toEqual([
      expect.stringContaining("exactly one scaleUpTriggers entry"),
    ]);
  });
});

test("scaleDownDelaySecondsAfterScaleOut is whole seconds ≥ 0", () => {
  expect(messages({ scaleDownDelaySecondsAfterScaleOut: -5 })).toEqual([
    expect.stringContaining("whole number of seconds"),
  ]);
});

describe("time formats", () => {
  test("Go durations", () => {
    expect(parseGoDuration("30m")).toBe(1800);
    expect(parseGoDuration("1h30m10s")).toBe(5410);
    expect(parseGoDuration("1.5h")).toBe(5400);
    expect(parseGoDuration("30")).toBeUndefined();
    expect(parseGoDuration("")).toBeUndefined();
  });
  test("RFC 3339", () => {
    expect(parseRfc3339("2025-01-06T08:00:00+01:00")).toBe(Date.UTC(2025, 0, 6, 7));
    expect(parseRfc3339("2025-01-06T08:00:00")).toBeUndefined();
  });
});

describe("rules reach synth through the platforms", () => {
  function deploymentStack(
    props: Partial<ConstructorParameters<typeof ArcRunnerDeployment>[0]>,
    webhook = false,
  ) {
    const stack = newRunnerStack();
    const controller = new ArcLegacyController(stack, "arc", {
      githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
      githubWebhookServer: webhook ? { secretToken: { secretName: "hook-token" } } : undefined,
    });
    stack.addPool("ci", {
      namespace: { podSecurity: "privileged" },
      platform: new ArcRunnerDeployment({ controller, organization: "org", ...props }),
    });
    return stack;
  }
  const deployment = (...args: Parameters<typeof deploymentStack>) =>
    synthErrors(deploymentStack(...args));
  test("scale-from-zero error names the construct path", () => {
    const err = deployment({ autoscaling: { minReplicas: 0, maxReplicas: 3, metrics: [BUSY] } });
    expect(err).toContain("test/ci/Release");
    expect(err).toContain(
      "autoscaling.minReplicas: 0 — with minReplicas 0 and only PercentageRunnersBusy, ARC can never scale up from zero",
    );
    expect(err).toContain("(ARC-HRA-MIN-ZERO)");
  });
  test("ARC-HRA-MIN-ZERO is a policy: a parked pool synthesizes once suppressed with a reason", () => {
    const stack = deploymentStack({
      autoscaling: { minReplicas: 0, maxReplicas: 3, metrics: [BUSY] },
    });
    Rules.suppress(stack, "ARC-HRA-MIN-ZERO", "pool parked until the Q3 migration");
    expect(synthErrors(stack)).toBe("");
    expect(ruleIdsOf(stack, "suppressed")).toEqual(["ARC-HRA-MIN-ZERO"]);
  });
  test("a webhook trigger needs the webhook server", () => {
    const trig = {
      minReplicas: 0,
      maxReplicas: 3,
      scaleUpTriggers: [{ githubEvent: { workflowJob: {} }, duration: "30m" }],
    };
    expect(deployment({ autoscaling: trig })).toContain(
      "webhook triggers need the controller's github webhook server",
    );
    expect(deployment({ autoscaling: trig }, true)).toBe("");
    expect(ruleIdsOf(deploymentStack({ autoscaling: trig }))).toEqual([
      "ARC-HRA-TRIGGER-WEBHOOK-SERVER",
    ]);
  });
  test("replicas with autoscaling is refused", () => {
    expect(
      deployment({ replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 3, metrics: [BUSY] } }),
    ).toContain("replicas: 2 — must not be set together with autoscaling");
    expect(
      ruleIdsOf(
        deploymentStack({
          replicas: 2,
          autoscaling: { minReplicas: 1, maxReplicas: 3, metrics: [BUSY] },
        }),
      ),
    ).toEqual(["ARC-LEGACY-REPLICAS-WITH-AUTOSCALING"]);
  });
});
