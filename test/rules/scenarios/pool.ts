// Scenarios of the RunnerPool composition rules (lib/pool-rules.ts).
import { Construct } from "constructs";
import type { RunnerPlatform, RunnerPlatformContext } from "../../../lib/platform";
import { CustomChartRunner } from "../../../lib/platforms/custom-chart/custom-chart-runner";
import { RunnerPool, RunnerPoolProps } from "../../../lib/pool";
import {
  POOL_IDENTITY_UNBOUND,
  POOL_NAMESPACE_ROLE,
  POOL_POD_SECURITY,
} from "../../../lib/pool-rules";
import { ChartSource } from "../../../lib/release/chart-source";
import { boundRunner, FakeIdentity } from "../../support/fixtures";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

const chart = ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0");

function pool(props: RunnerPoolProps) {
  const stack = newStack("pool");
  new RunnerPool(stack, "ci", props);
  return stack;
}

/** A platform with one service account in a namespace role, needing a Pod Security level. */
class TestPlatform implements RunnerPlatform {
  public readonly kind = "test";
  constructor(
    private readonly namespaceRole: string,
    public readonly requiredPodSecurity?: RunnerPlatform["requiredPodSecurity"],
  ) {}
  public plan() {
    return {
      serviceAccounts: [{ id: "Runner", name: "runner", namespaceRole: this.namespaceRole }],
    };
  }
  public build(scope: Construct, context: RunnerPlatformContext) {
    return new CustomChartRunner({ chart }).build(scope, context);
  }
}

export const scenarios: RuleScenario[] = [
  {
    rule: POOL_IDENTITY_UNBOUND,
    invalid: () =>
      pool({ identity: new FakeIdentity(), platform: new CustomChartRunner({ chart }) }),
    valid: () => pool({ identity: new FakeIdentity(), platform: boundRunner() }),
  },
  {
    rule: POOL_NAMESPACE_ROLE,
    invalid: () => pool({ platform: new TestPlatform("jobs") }),
    valid: () => pool({ platform: new TestPlatform("runners") }),
  },
  {
    rule: POOL_POD_SECURITY,
    invalid: () => pool({ platform: new TestPlatform("runners", "privileged") }),
    valid: () =>
      pool({
        platform: new TestPlatform("runners", "privileged"),
        namespace: { podSecurity: "privileged" },
      }),
  },
];
