// Rule scenarios of the Azure bindings: each rule's invalid input, and the same input with
// the rule's "Valid:" example applied.
import { Construct } from "constructs";
import type { TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  AksClusterConnection,
  AksClusterConnectionProps,
  AksClusterInfo,
} from "../../../lib/azure/aks-cluster-connection";
import {
  AksWorkloadIdentity,
  AksWorkloadIdentityProps,
  AzureRoleAssignment,
} from "../../../lib/azure/aks-workload-identity";
import * as rules from "../../../lib/azure/rules";
import type { Rule } from "../../../lib/core/rules/rule";
import type { ServiceAccountSubject } from "../../../lib/identity/workload-identity";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

const CLUSTER: AksClusterInfo = {
  oidcIssuerUrl:
    "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/",
  resourceGroupName: "rg-ci",
  location: "westeurope",
};
const RG_SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci";
const READER: AzureRoleAssignment = {
  scope: RG_SCOPE,
  roleDefinitionName: "Storage Blob Data Reader",
};
const RUNNER: ServiceAccountSubject = { namespace: "ci", name: "runner" };

function azureStack(): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

function aks(props: Partial<AksClusterConnectionProps> = {}): TerraformStack {
  const stack = azureStack();
  new AksClusterConnection(stack, "Cluster", {
    clusterName: "ci-aks",
    resourceGroupName: "rg-ci",
    ...props,
  });
  return stack;
}

/** Identities (`Identity`, `Identity2`, …), each bound to its list of service accounts. */
function identities(
  subjects: ServiceAccountSubject[][],
  props: Partial<AksWorkloadIdentityProps> = {},
): TerraformStack {
  const stack = azureStack();
  subjects.forEach((list, i) => {
    const suffix = i === 0 ? "" : `${i + 1}`;
    const id = new AksWorkloadIdentity(stack, `Identity${suffix}`, {
      cluster: CLUSTER,
      name: `ci-runners-gitlab${suffix}`,
      ...props,
    });
    list.forEach((s, j) => id.bind(new Construct(stack, `Bind${suffix}-${j}`), s));
  });
  return stack;
}

const identity = (props: Partial<AksWorkloadIdentityProps> = {}) => identities([[RUNNER]], props);
const accounts = (from: number, count: number): ServiceAccountSubject[] =>
  Array.from({ length: count }, (_, i) => ({ namespace: "ci", name: `sa-${from + i}` }));

const scenario = (
  rule: Rule,
  invalid: () => TerraformStack,
  valid: () => TerraformStack,
): RuleScenario => ({ rule, invalid, valid });

export const scenarios: RuleScenario[] = [
  scenario(
    rules.AKS_CLUSTER_NAME,
    () => aks({ clusterName: "ci aks" }),
    () => aks({ clusterName: "ci-aks" }),
  ),
  scenario(
    rules.AZURE_RESOURCE_GROUP_NAME,
    () => aks({ resourceGroupName: "rg-ci." }),
    () => aks({ resourceGroupName: "rg-ci" }),
  ),
  scenario(
    rules.AZURE_KUBELOGIN_CREDENTIALS,
    () => aks({ credentials: "user", kubelogin: { loginMode: "workloadidentity" } }),
    () => aks({ credentials: "entra-id", kubelogin: { loginMode: "workloadidentity" } }),
  ),
  scenario(
    rules.AZURE_IDENTITY_NAME,
    () => identity({ name: "ci runners" }),
    () => identity({ name: "ci-runners-gitlab" }),
  ),
  scenario(
    rules.AZURE_ROLE_ASSIGNMENT_KEY,
    () => identity({ roleAssignments: { "blob reader": READER } }),
    () => identity({ roleAssignments: { "blob-reader": READER } }),
  ),
  scenario(
    rules.AZURE_ROLE_ASSIGNMENT_ROLE,
    () =>
      identity({
        roleAssignments: {
          "blob-reader": {
            ...READER,
            roleDefinitionId:
              "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
          },
        },
      }),
    () => identity({ roleAssignments: { "blob-reader": READER } }),
  ),
  scenario(
    rules.AZURE_ROLE_ASSIGNMENT_SCOPE,
    () => identity({ roleAssignments: { "blob-reader": { ...READER, scope: "rg-ci" } } }),
    () => identity({ roleAssignments: { "blob-reader": { ...READER, scope: RG_SCOPE } } }),
  ),
  scenario(
    rules.AZURE_IDENTITY_UNBOUND,
    () => identities([[]]),
    () => identities([[RUNNER]]),
  ),
  scenario(
    rules.AZURE_FEDERATED_CREDENTIAL_LIMIT,
    () => identities([accounts(0, 21)]),
    () => identities([accounts(0, 20), accounts(20, 1)]),
  ),
  scenario(
    rules.AZURE_FEDERATED_CREDENTIAL_DUPLICATE,
    () => identities([[RUNNER, RUNNER]]),
    () => identities([[RUNNER]]),
  ),
  scenario(
    rules.AZURE_FEDERATED_CREDENTIAL_NAME,
    () =>
      identities([
        [
          { namespace: "a-b", name: "c" },
          { namespace: "a", name: "b-c" },
        ],
      ]),
    () => identities([[{ namespace: "a-b", name: "c" }], [{ namespace: "a", name: "b-c" }]]),
  ),
  scenario(
    rules.AZURE_PRIVILEGED_ROLE,
    () =>
      identity({
        roleAssignments: {
          x: {
            scope: "/subscriptions/00000000-0000-0000-0000-000000000000",
            roleDefinitionName: "Contributor",
          },
        },
      }),
    () =>
      identity({
        roleAssignments: {
          x: { scope: RG_SCOPE, roleDefinitionName: "Storage Blob Data Reader" },
        },
      }),
  ),
  scenario(
    rules.AZURE_CLIENT_KEY_IN_STATE,
    () => aks({ credentials: "user" }),
    () => aks({ credentials: "entra-id" }),
  ),
];
