// Scenarios of the runner stacks' rules (stacks/rules.ts).
import { Testing } from "cdktf";
import { AksRunnerStack } from "../../../stacks/aks-runner-stack";
import { EksRunnerStack } from "../../../stacks/eks-runner-stack";
import { aksExample } from "../../../stacks/example-config";
import { KubernetesRunnerStack } from "../../../stacks/kubernetes-runner-stack";
import * as R from "../../../stacks/rules";
import type { StateBackend } from "../../../stacks/state-backend";
import { boundRunner, FakeIdentity } from "../../support/fixtures";
import type { RuleScenario } from "../../support/rule-scenarios";

const app = () => Testing.app({ stackTraces: false });
const withBackend = (backend: StateBackend) =>
  new KubernetesRunnerStack(app(), "stack", { backend });

const s3 = {
  kind: "s3",
  bucket: "acme-terraform-state",
  key: "runners/eks.tfstate",
  region: "eu-west-1",
} as const;
const azurerm = {
  kind: "azurerm",
  storageAccountName: "acmetfstate",
  containerName: "tfstate",
  key: "runners/aks.tfstate",
} as const;

function eks(identity: object) {
  const stack = new EksRunnerStack(app(), "stack", {
    region: "eu-west-1",
    cluster: { clusterName: "ci" },
  });
  stack.addPool("gitlab", { platform: boundRunner(), identity: identity as never });
  return stack;
}

function kubernetesPool(identity: object) {
  const stack = new KubernetesRunnerStack(app(), "stack");
  stack.addPool("gitlab", { platform: boundRunner(), identity: identity as never });
  return stack;
}

export const scenarios: RuleScenario[] = [
  {
    rule: R.BACKEND_REQUIRED,
    invalid: () => withBackend({ ...s3, bucket: "" }),
    valid: () => withBackend({ ...s3, bucket: "acme-terraform-state" }),
  },
  {
    rule: R.BACKEND_ABSOLUTE_PATH,
    invalid: () => withBackend({ kind: "local", path: "/var/state/terraform.runners.tfstate" }),
    valid: () => withBackend({ kind: "local", path: "terraform.runners.tfstate" }),
  },
  {
    rule: R.BACKEND_S3_KEY,
    invalid: () => withBackend({ ...s3, key: "/runners/eks.tfstate" }),
    valid: () => withBackend({ ...s3, key: "runners/eks.tfstate" }),
  },
  {
    rule: R.BACKEND_AZURE_ACCOUNT_NAME,
    invalid: () => withBackend({ ...azurerm, storageAccountName: "Acme-TF-State" }),
    valid: () => withBackend({ ...azurerm, storageAccountName: "acmetfstate" }),
  },
  {
    rule: R.BACKEND_AZURE_RESOURCE_GROUP,
    invalid: () => withBackend({ ...azurerm, useAzureadAuth: false }),
    valid: () =>
      withBackend({ ...azurerm, useAzureadAuth: false, resourceGroupName: "rg-terraform-state" }),
  },
  {
    rule: R.AZURE_GUID,
    invalid: () => new AksRunnerStack(app(), "stack", { ...aksExample, subscriptionId: "acme-ci" }),
    valid: () =>
      new AksRunnerStack(app(), "stack", {
        ...aksExample,
        subscriptionId: "00000000-0000-0000-0000-000000000000",
      }),
  },
  {
    rule: R.EKS_IDENTITY_ONE_OF,
    invalid: () => eks({ irsa: {}, podIdentity: {} }),
    valid: () => eks({ irsa: {} }),
  },
  {
    rule: R.IDENTITY_OBJECT,
    invalid: () => kubernetesPool({ irsa: {} }),
    valid: () => kubernetesPool(new FakeIdentity()),
  },
];
