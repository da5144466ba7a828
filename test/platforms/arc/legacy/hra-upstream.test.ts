// Each HorizontalRunnerAutoscaler rule here mirrors what ARC v0.27.6 does (the legacy
// controller the pinned chart 0.23.7 installs); every test cites the upstream line it
// follows, in actions/actions-runner-controller at tag v0.27.6 unless stated.
import { ArcLegacyController } from "../../../../lib/platforms/arc/legacy/legacy-controller";
import { ArcGithubCredentials } from "../../../../lib/platforms/arc/shared/github-credentials";
import { SensitiveValue } from "../../../../lib/release/sensitive-value";
import { TerraformVariable } from "cdktf";
import { hraRuleIds, newRunnerStack } from "../../../support/arc-fixtures";
import { ruleIdsOf, synthErrors } from "../../../support/stack";

const QUEUED = { type: "TotalNumberOfQueuedAndInProgressWorkflowRuns" } as const;
const BUSY = { type: "PercentageRunnersBusy" } as const;

const ids = hraRuleIds;

describe("repositoryNames are bare names", () => {
  // controllers/actions.summerwind.net/autoscaling.go:111-113 builds [org, name] for each
  // entry, then :187-189 calls ListRepositoryWorkflowRuns(org, name): "acme/web" becomes
  // /repos/acme/acme/web → 404, and :190-191 returns the error, which stops the reconcile
  // (horizontalrunnerautoscaler_controller.go:319-325) after min replicas were computed
  // but before the desired count (with overrides and reservations) is written.
  test('"acme/web" is refused for an organization target, "web" admitted', () => {
    expect(
      ids({ metrics: [{ ...QUEUED, repositoryNames: ["acme/web"] }] }, "organization"),
    ).toEqual(["ARC-HRA-QUEUED-REPOSITORY-NAME"]);
    expect(ids({ metrics: [{ ...QUEUED, repositoryNames: ["web"] }] }, "organization")).toEqual([]);
  });
  test("a repository target ignores repositoryNames (autoscaling.go:114-117)", () => {
    expect(ids({ metrics: [{ ...QUEUED, repositoryNames: ["acme/web"] }] }, "repository")).toEqual(
      [],
    );
  });
});

describe("scheduled override length is measured from now", () => {
  // controllers/actions.summerwind.net/schedule.go:72-84: the period is time.Date(now + 1
  // day/7 days/1 month/1 year) − now, compared with endTime − startTime on every reconcile.
  // From a day in February (common year) one month is 28 days.
  const monthly = (days: number) => ({
    scheduledOverrides: [
      {
        startTime: "2025-01-01T00:00:00Z",
        endTime: new Date(Date.parse("2025-01-01T00:00:00Z") + days * 86400000)
          .toISOString()
          .replace(".000Z", "Z"),
        minReplicas: 1,
        recurrenceRule: { frequency: "Monthly" as const },
      },
    ],
  });
  test("a 30-day Monthly window (fits January, fails every February) is refused", () => {
    expect(ids(monthly(30))).toEqual(["ARC-HRA-OVERRIDE-WINDOW-LENGTH"]);
    expect(ids(monthly(29))).toEqual(["ARC-HRA-OVERRIDE-WINDOW-LENGTH"]);
  });
  test("28 days is admitted", () => {
    expect(ids(monthly(28))).toEqual([]);
  });
  test("Yearly: 365 days admitted, 366 refused (from a day after Feb 29 of a leap year… to one before)", () => {
    const yearly = (days: number) => ({
      scheduledOverrides: [
        {
          startTime: "2025-01-01T00:00:00Z",
          endTime: new Date(Date.parse("2025-01-01T00:00:00Z") + days * 86400000)
            .toISOString()
            .replace(".000Z", "Z"),
          recurrenceRule: { frequency: "Yearly" as const },
        },
      ],
    });
    expect(ids(yearly(365))).toEqual([]);
    expect(ids(yearly(366))).toEqual(["ARC-HRA-OVERRIDE-WINDOW-LENGTH"]);
  });
});

describe("minimums above maxReplicas", () => {
  // horizontalrunnerautoscaler_controller.go:494-497: `if desired < min { desired = min }
  // else if desired > max { desired = max }`: min wins, so ARC exceeds maxReplicas.
  // :460-465: an active override's minReplicas replaces spec.minReplicas.
  test("an override's minReplicas above maxReplicas is refused", () => {
    expect(
      ids({
        metrics: [QUEUED],
        scheduledOverrides: [
          {
            startTime: "2025-01-06T08:00:00Z",
            endTime: "2025-01-06T18:00:00Z",
            minReplicas: 6,
          },
        ],
      }),
    ).toEqual(["ARC-HRA-MIN-ABOVE-MAX"]);
  });
  test("spec minReplicas above maxReplicas is refused", () => {
    expect(ids({ minReplicas: 6, maxReplicas: 5 })).toEqual(["ARC-HRA-MIN-ABOVE-MAX"]);
  });
});

describe("valid configurations ARC accepts are admitted", () => {
  // autoscaling.go:268-283 (and :285-300): an adjustment of 0 is "unset", so a factor with
  // adjustment 0 is accepted.
  test("a factor with adjustment 0", () => {
    expect(ids({ metrics: [{ ...BUSY, scaleUpFactor: "2", scaleUpAdjustment: 0 }] })).toEqual([]);
    expect(ids({ metrics: [{ ...BUSY, scaleDownFactor: "0.5", scaleDownAdjustment: 0 }] })).toEqual(
      [],
    );
  });
  test("a factor with a non-zero adjustment is still refused (autoscaling.go:274-276)", () => {
    expect(ids({ metrics: [{ ...BUSY, scaleUpFactor: "2", scaleUpAdjustment: 1 }] })).toEqual([
      "ARC-HRA-BUSY-FACTOR-OR-ADJUSTMENT",
    ]);
  });
  // horizontalrunnerautoscaler_controller.go:494-497 caps at a maxReplicas of 0 like any other.
  test("maxReplicas 0 (a paused pool)", () => {
    expect(ids({ minReplicas: 0, maxReplicas: 0, metrics: [QUEUED] })).toEqual([]);
  });
  // horizontalrunnerautoscaler_controller.go:460-465 then :494-495: the override's minimum
  // raises the count during its window, whatever the metric says.
  test("min 0 with only PercentageRunnersBusy and an override that raises min", () => {
    expect(
      ids({
        minReplicas: 0,
        metrics: [BUSY],
        scheduledOverrides: [
          {
            startTime: "2025-01-06T08:00:00+01:00",
            endTime: "2025-01-06T18:00:00+01:00",
            minReplicas: 2,
            recurrenceRule: { frequency: "Weekly" },
          },
        ],
      }),
    ).toEqual([]);
    expect(ids({ minReplicas: 0, metrics: [BUSY] })).toEqual(["ARC-HRA-MIN-ZERO"]);
  });
});

describe("scaleDownThreshold 0 with replicas omitted", () => {
  // autoscaling.go:325-329 treats missing replicas as 1, so the busy fraction is a whole
  // number; with scaleDownThreshold 0 an idle pool (fraction 0) is neither ≥ up (:381) nor
  // < down (:387), and :394 dereferences the nil st.replicas (the target's spec.replicas,
  // horizontalrunnerautoscaler_controller.go:255, omitted by this library under an HRA).
  test('"0" is refused, "0.1" admitted', () => {
    expect(ids({ metrics: [{ ...BUSY, scaleDownThreshold: "0" }] })).toEqual([
      "ARC-HRA-BUSY-SCALE-DOWN-ZERO",
    ]);
    expect(ids({ metrics: [{ ...BUSY, scaleDownThreshold: "0.1" }] })).toEqual([]);
  });
});

describe("trigger amount", () => {
  // controllers/actions.summerwind.net/horizontal_runner_autoscaler_webhook.go:210-211: a
  // queued workflow_job sets target.Amount = 1, whatever the trigger's amount.
  test("amount other than 1 is refused; omitted or 1 admitted", () => {
    const t = { githubEvent: { workflowJob: {} }, duration: "30m" } as const;
    expect(ids({ scaleUpTriggers: [{ ...t, amount: 3 }] })).toEqual(["ARC-HRA-TRIGGER-AMOUNT"]);
    expect(ids({ scaleUpTriggers: [{ ...t, amount: 1 }] })).toEqual([]);
    expect(ids({ scaleUpTriggers: [t] })).toEqual([]);
  });
});

describe("GitHub App ids", () => {
  // Legacy: github/github.go:26-27 (AppID, AppInstallationID int64, parsed by envconfig) and
  // controllers/actions.summerwind.net/multi_githubclient.go:286-301 (strconv.ParseInt).
  // Scale sets (tag gha-runner-scale-set-0.14.2): apis/actions.github.com/v1alpha1/appconfig/
  // appconfig.go:13 keeps the app ID a string (client IDs work), :55-61 parses the
  // installation ID with strconv.ParseInt.
  function legacy(appId: string, installationId: string): string[] {
    const stack = newRunnerStack();
    const key = new TerraformVariable(stack, "k", { type: "string", sensitive: true });
    new ArcLegacyController(stack, "arc", {
      githubCredentials: ArcGithubCredentials.fromApp({
        appId,
        installationId,
        privateKey: SensitiveValue.fromVariable(key),
      }),
    });
    synthErrors(stack);
    return ruleIdsOf(stack).filter((id) => id === "ARC-GITHUB-APP-ID");
  }
  test("legacy: a client ID as app ID is refused, numeric admitted", () => {
    expect(legacy("Iv1.abc123", "654321")).toEqual(["ARC-GITHUB-APP-ID"]);
    expect(legacy("123456", "654321")).toEqual([]);
  });
  test("an Iv… installation ID is refused", () => {
    expect(legacy("123456", "Iv1.abc")).toEqual(["ARC-GITHUB-APP-ID"]);
  });
});
