// Scenarios of the Helm release and chart source rules (lib/release/rules.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, TerraformVariable } from "cdktf";
import { RunnerNamespace } from "../../../lib/kubernetes/runner-namespace";
import { ChartSource } from "../../../lib/release/chart-source";
import { RunnerRelease, RunnerReleaseProps } from "../../../lib/release/runner-release";
import { SensitiveValue } from "../../../lib/release/sensitive-value";
import * as R from "../../../lib/release/rules";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

const gitlab = (version = "0.71.0") =>
  ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", version);

function release(
  props: Partial<RunnerReleaseProps> | ((stack: TerraformStack) => Partial<RunnerReleaseProps>),
) {
  const stack = newStack("release");
  new RunnerRelease(stack, "Release", {
    namespace: RunnerNamespace.fromNamespaceName(stack, "Ns", "ci"),
    releaseName: "runner",
    chart: gitlab(),
    ...(typeof props === "function" ? props(stack) : props),
  });
  return stack;
}

/** A token variable, sensitive (as the rule's example) or not. */
function tokenVar(stack: TerraformStack, sensitive: boolean): SensitiveValue {
  return SensitiveValue.fromVariable(
    new TerraformVariable(stack, "runner_token", { type: "string", sensitive }),
  );
}

/** `charts/factory-rm-1.2.3.tgz` under a fresh directory, as a packaged chart. */
function packagedChart(): string {
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "rules-")),
    "charts",
    "factory-rm-1.2.3.tgz",
  );
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, "an archive-shaped file");
  return file;
}

export const scenarios: RuleScenario[] = [
  {
    rule: R.CHART_VERSION_PINNED,
    invalid: () => release({ chart: gitlab("~0.14") }),
    valid: () => release({ chart: gitlab("0.14.2") }),
  },
  {
    rule: R.CHART_OCI_REGISTRY,
    invalid: () =>
      release({
        chart: ChartSource.fromOci(
          "https://ghcr.io/actions/actions-runner-controller-charts",
          "gha-runner-scale-set",
          "0.12.1",
        ),
      }),
    valid: () =>
      release({
        chart: ChartSource.fromOci(
          "oci://ghcr.io/actions/actions-runner-controller-charts",
          "gha-runner-scale-set",
          "0.12.1",
        ),
      }),
  },
  {
    rule: R.CHART_REPOSITORY_URL,
    invalid: () =>
      release({ chart: ChartSource.fromRepository("charts.gitlab.io", "gitlab-runner", "0.71.0") }),
    valid: () =>
      release({
        chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
      }),
  },
  {
    rule: R.CHART_NAME,
    invalid: () =>
      release({
        chart: ChartSource.fromRepository(
          "https://charts.gitlab.io",
          "gitlab/gitlab-runner",
          "0.71.0",
        ),
      }),
    valid: () =>
      release({
        chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
      }),
  },
  {
    rule: R.CHART_LOCAL_PATH,
    invalid: () => release({ chart: ChartSource.fromLocalPath("charts/no-such-chart-1.2.3.tgz") }),
    valid: () => release({ chart: ChartSource.fromLocalPath(packagedChart()) }),
  },
  {
    rule: R.SECRET_IN_VALUES,
    invalid: () => release({ values: { runnerToken: "glrt-not-a-real-token" } }),
    valid: () => release((stack) => ({ sensitiveValues: { runnerToken: tokenVar(stack, true) } })),
  },
  {
    rule: R.SENSITIVE_SET_PATH,
    invalid: () =>
      release((stack) => ({ sensitiveValues: { "github token": tokenVar(stack, true) } })),
    valid: () =>
      release((stack) => ({
        sensitiveValues: { "githubConfigSecret.github_token": tokenVar(stack, true) },
      })),
  },
  {
    rule: R.SENSITIVE_SOURCE,
    invalid: () =>
      release((stack) => ({ sensitiveValues: { runnerToken: tokenVar(stack, false) } })),
    valid: () => release((stack) => ({ sensitiveValues: { runnerToken: tokenVar(stack, true) } })),
  },
  {
    rule: R.ATOMIC_NEEDS_WAIT,
    invalid: () => release({ atomic: true, wait: false }),
    valid: () => release({ atomic: true, wait: true }),
  },
  {
    rule: R.TIMEOUT_SECONDS,
    invalid: () => release({ timeout: 0 }),
    valid: () => release({ timeout: 600 }),
  },
];
