// SensitiveValue.fromVariableName: for props read before the stack can declare a variable
// (a stack's own connection props), checked at synth against the stack's variables.
import { App, TerraformVariable, Testing } from "cdktf";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { findingsOf, synthErrors, synthJson } from "../support/stack";

function stackWith(password: SensitiveValue): KubernetesRunnerStack {
  const app: App = Testing.app({ stackTraces: false });
  return new KubernetesRunnerStack(app, "runners", {
    kubeconfig: {
      configPath: "~/.kube/config",
      helmRegistries: [{ url: "oci://registry.example.com", username: "ci", password }],
    },
  });
}

test("a declared sensitive variable: the provider reads ${var.<name>}, no finding", () => {
  const stack = stackWith(SensitiveValue.fromVariableName("registry_password"));
  new TerraformVariable(stack, "registry_password", { type: "string", sensitive: true });
  expect(synthErrors(stack)).toBe("");
  expect(JSON.stringify(synthJson(stack).provider.helm)).toContain(
    '"password":"${var.registry_password}"',
  );
});

test.each([
  ["no such variable", undefined, 'the stack declares no variable "registry_password"'],
  [
    "not sensitive",
    { type: "string" },
    'variable "registry_password" must be declared with sensitive: true and no default',
  ],
  [
    "a default",
    { type: "string", sensitive: true, default: "x" },
    'variable "registry_password" must be declared with sensitive: true and no default',
  ],
])("%s is refused (HELM-SENSITIVE-SOURCE)", (_name, config, message) => {
  const stack = stackWith(SensitiveValue.fromVariableName("registry_password"));
  if (config) new TerraformVariable(stack, "registry_password", config);
  const found = findingsOf(stack, "HELM-SENSITIVE-SOURCE").map((f) => f.problem.message);
  expect(found).toContain(message);
  expect(synthErrors(stack)).toContain("(HELM-SENSITIVE-SOURCE)");
});

test("a name that is not a Terraform identifier is refused", () => {
  const stack = stackWith(SensitiveValue.fromVariableName("registry password"));
  expect(synthErrors(stack)).toContain('"registry password" is not a Terraform variable name');
});
