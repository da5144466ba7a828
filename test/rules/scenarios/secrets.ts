// Scenarios of the secret rules (lib/core/secrets/rules.ts): the output scan, credentials as
// plain literals (env values), and credentials in URLs.
import { TerraformVariable } from "cdktf";
import { EnvValue } from "../../../lib/kubernetes/env-value";
import { RunnerNamespace } from "../../../lib/kubernetes/runner-namespace";
import { ArcRunnerScaleSet } from "../../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../../lib/platforms/arc/shared/github-credentials";
import { ChartSource } from "../../../lib/release/chart-source";
import { RunnerRelease } from "../../../lib/release/runner-release";
import * as S from "../../../lib/core/secrets/rules";
import type { EnvVar } from "../../../lib/kubernetes/pod-options";
import { newRunnerStack } from "../../support/arc-fixtures";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

/** A public, well-formed but fake GitHub token (a canary, never a credential). */
export const FAKE_GITHUB_TOKEN = `ghp_${"Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9XcV"}`;

/** A release, and a variable whose default is `value` (a default lands in cdk.tf.json). */
function releaseWithVariableDefault(value: string | undefined) {
  const stack = newStack("secrets");
  new RunnerRelease(stack, "Release", {
    namespace: RunnerNamespace.fromNamespaceName(stack, "Ns", "ci"),
    releaseName: "runner",
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
  });
  new TerraformVariable(stack, "runner_token", {
    type: "string",
    sensitive: true,
    ...(value === undefined ? {} : { default: value }),
  });
  return stack;
}

function scaleSetEnv(env: EnvVar[]) {
  const stack = newRunnerStack("secrets-env");
  const controller = new ArcScaleSetController(stack, "arc", {});
  stack.addPool("ci", {
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/my-org",
      githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
      maxRunners: 10,
      env,
    }),
  });
  return stack;
}

function chartFrom(repository: string) {
  const stack = newStack("secrets-url");
  new RunnerRelease(stack, "Release", {
    namespace: RunnerNamespace.fromNamespaceName(stack, "Ns", "ci"),
    releaseName: "runner",
    chart: ChartSource.fromRepository(repository, "gitlab-runner", "0.71.0"),
  });
  return stack;
}

const secretRef = EnvValue.fromSecret({ secretName: "runner-secrets", key: "token" });

export const scenarios: RuleScenario[] = [
  {
    rule: S.SECRET_IN_OUTPUT,
    invalid: () => releaseWithVariableDefault(FAKE_GITHUB_TOKEN),
    // SensitiveValue.fromVariable(tokenVar): a sensitive variable without a default.
    valid: () => releaseWithVariableDefault(undefined),
  },
  {
    rule: S.SECRET_LITERAL,
    invalid: () => scaleSetEnv([{ name: "RUNNER_SETTING", value: FAKE_GITHUB_TOKEN }]),
    valid: () => scaleSetEnv([{ name: "RUNNER_SETTING", value: secretRef }]),
  },
  {
    rule: S.SECRET_ENV_LITERAL,
    invalid: () => scaleSetEnv([{ name: "GH_PAT", value: EnvValue.fromValue("hunter2hunter2") }]),
    valid: () => scaleSetEnv([{ name: "GH_PAT", value: secretRef }]),
  },
  {
    rule: S.URL_CREDENTIALS,
    invalid: () => chartFrom("https://ci:hunter2@charts.example.com"),
    valid: () => chartFrom("https://charts.example.com"),
  },
];
