import { App, TerraformStack } from "cdktf";
import { addKubiyaExample, kubernetesExample } from "./example-config";
import { KubernetesRunnerStack } from "./kubernetes-runner-stack";

/** Stack names of the default app (`cdktf.out/stacks/<name>`). */
export const DEFAULT_STACKS = ["runners-kubernetes"] as const;

/** Adds the default stacks, built from the embedded example configuration, to an app. */
export function buildDefaultApp(app: App): TerraformStack[] {
  const kubernetes = new KubernetesRunnerStack(app, "runners-kubernetes", kubernetesExample);
  addKubiyaExample(kubernetes);
  return [kubernetes];
}
