// Loads every module that defines rules (all entry points, the stacks), then returns the catalogue.
import type { Rule } from "../lib/core/rules/rule";
import { ruleCatalogue } from "../lib/core/rules/rule";

/** The full rule catalogue: every entry point and stack module loaded first. */
export function loadRuleCatalogue(): readonly Rule[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  require("../lib/index");
  require("../lib/aws/index");
  require("../lib/gcp/index");
  require("../lib/azure/index");
  require("../lib/tls/index");
  require("../stacks/kubernetes-runner-stack");
  require("../stacks/eks-runner-stack");
  require("../stacks/gke-runner-stack");
  require("../stacks/aks-runner-stack");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return ruleCatalogue();
}
