import { App, TerraformStack } from "cdktf";
import {
  addArcScaleSetExample,
  addKubiyaExample,
  aksExample,
  eksExample,
  gkeExample,
  kubernetesExample,
} from "./example-config";
import { KubernetesRunnerStack } from "./kubernetes-runner-stack";
import { EksRunnerStack } from "./eks-runner-stack";
import { GkeRunnerStack } from "./gke-runner-stack";
import { AksRunnerStack } from "./aks-runner-stack";

/** Stack names of the default app (`cdktf.out/stacks/<name>`). */
export const DEFAULT_STACKS = [
  "runners-kubernetes",
  "runners-eks",
  "runners-gke",
  "runners-aks",
] as const;

/** Adds the default stacks, built from the embedded example configuration, to an app. */
export function buildDefaultApp(app: App): TerraformStack[] {
  const kubernetes = new KubernetesRunnerStack(app, "runners-kubernetes", kubernetesExample);
  addArcScaleSetExample(kubernetes);
  addKubiyaExample(kubernetes);
  return [
    kubernetes,
    new EksRunnerStack(app, "runners-eks", eksExample),
    new GkeRunnerStack(app, "runners-gke", gkeExample),
    new AksRunnerStack(app, "runners-aks", aksExample),
  ];
}
