import { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import {
  AksClusterConnection,
  AksClusterInfo,
  AksWorkloadIdentity,
  AksWorkloadIdentityProps,
} from "../../lib/azure";
import { RunnerPool } from "../../lib/pool";
import { Rules } from "../../lib/core/rules/report";
import { boundRunner } from "../support/fixtures";
import {
  findingsOf,
  newStack,
  ofType,
  onlyResource,
  onlyResourceId,
  synthErrors,
  synthJson,
} from "../support/stack";

const ISSUER =
  "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/";
const CLUSTER: AksClusterInfo = {
  oidcIssuerUrl: ISSUER,
  resourceGroupName: "rg-ci",
  location: "westeurope",
};

function setup(props: Partial<AksWorkloadIdentityProps> = {}, cluster: AksClusterInfo = CLUSTER) {
  const stack = newStack("test", { providers: false });
  new AzurermProvider(stack, "azurerm", {
    features: [{}],
    subscriptionId: "00000000-0000-0000-0000-000000000000",
  });
  new KubernetesProvider(stack, "k8s", {});
  new HelmProvider(stack, "helm", {});
  const identity = new AksWorkloadIdentity(stack, "Identity", {
    cluster,
    name: "ci-runners",
    ...props,
  });
  return { stack, identity };
}

describe("AksWorkloadIdentity", () => {
  test("a user-assigned identity and one federated credential: issuer unchanged, exact subject, AzureADTokenExchange", () => {
    const { stack, identity } = setup();
    new RunnerPool(stack, "pool", {
      namespaceName: "ci",
      platform: boundRunner({ podLabelsValuesPath: "podLabels" }),
      identity,
    });
    const json = synthJson(stack);
    const uaiId = onlyResourceId(json, "azurerm_user_assigned_identity");
    expect(onlyResource(json, "azurerm_user_assigned_identity")).toEqual({
      name: "ci-runners",
      resource_group_name: "rg-ci",
      location: "westeurope",
    });
    expect(onlyResource(json, "azurerm_federated_identity_credential")).toEqual({
      name: "ci-runner",
      parent_id: `\${azurerm_user_assigned_identity.${uaiId}.id}`,
      resource_group_name: `\${azurerm_user_assigned_identity.${uaiId}.resource_group_name}`,
      issuer: ISSUER, // trailing slash kept: it must equal the token's iss claim
      subject: "system:serviceaccount:ci:runner",
      audience: ["api://AzureADTokenExchange"],
    });
    expect(onlyResource(json, "kubernetes_service_account_v1").metadata.annotations).toEqual({
      "azure.workload.identity/client-id": `\${azurerm_user_assigned_identity.${uaiId}.client_id}`,
    });
    expect(synthErrors(stack)).toBe("");
  });

  test('the pods that use the account get azure.workload.identity/use: "true" (pod labels, through the chart values)', () => {
    const { stack, identity } = setup();
    const pool = new RunnerPool(stack, "pool", {
      namespaceName: "ci",
      platform: boundRunner({ podLabelsValuesPath: "podLabels" }),
      identity,
    });
    expect(pool.identityBindings.Runner.podLabels).toEqual({
      "azure.workload.identity/use": "true",
    });
    expect(pool.release?.renderedValues.podLabels).toEqual({
      "azure.workload.identity/use": "true",
    });
    expect(onlyResource(synthJson(stack), "helm_release").values[0]).toContain(
      'podLabels:\n  azure.workload.identity/use: "true"\n',
    );
  });

  test("a chart without a pod-labels path is reported: the label would only be on the service account", () => {
    const { stack, identity } = setup();
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const found = findingsOf(stack).filter(
      (f) => f.path === "test/pool/Release" && f.problem.field === "podLabelsValuesPath",
    );
    expect(found.map((f) => f.problem.message)).toEqual([
      expect.stringMatching(
        /^the pool's identity needs the pod labels \{"azure\.workload\.identity\/use":"true"\} on the pods/,
      ),
    ]);
  });

  test("credentials on one identity are chained with depends_on, in bind order", () => {
    const { stack, identity } = setup();
    for (const name of ["a", "b", "c"])
      identity.bind(new Construct(stack, `Bind-${name}`), { namespace: "ci", name });
    const creds = ofType(synthJson(stack), "azurerm_federated_identity_credential");
    const byName = Object.fromEntries(
      Object.entries(creds).map(([id, c]) => [c.name, { id, dependsOn: c.depends_on }]),
    );
    expect(byName["ci-a"].dependsOn).toBeUndefined();
    expect(byName["ci-b"].dependsOn).toEqual([
      `azurerm_federated_identity_credential.${byName["ci-a"].id}`,
    ]);
    expect(byName["ci-c"].dependsOn).toEqual([
      `azurerm_federated_identity_credential.${byName["ci-b"].id}`,
    ]);
  });

  test("20 credentials are fine, the 21st is reported", () => {
    const twenty = setup();
    for (let i = 0; i < 20; i++)
      twenty.identity.bind(new Construct(twenty.stack, `B${i}`), {
        namespace: "ci",
        name: `sa-${i}`,
      });
    expect(synthErrors(twenty.stack)).toBe("");
    const { stack, identity } = setup();
    for (let i = 0; i < 21; i++)
      identity.bind(new Construct(stack, `B${i}`), { namespace: "ci", name: `sa-${i}` });
    expect(synthErrors(stack)).toMatch(
      /\[test\/Identity\] subjects\[20\]: "system:serviceaccount:ci:sa-20" — Azure allows at most 20 federated identity credentials on one managed identity \(this one has 21\).*\(AZURE-FEDERATED-CREDENTIAL-LIMIT\)/,
    );
  });

  test("role assignments are grants to the identity's principal", () => {
    const scope = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci";
    const { stack, identity } = setup({
      roleAssignments: { reader: { scope, roleDefinitionName: "Reader" } },
    });
    identity.bind(new Construct(stack, "B"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    const uaiId = onlyResourceId(json, "azurerm_user_assigned_identity");
    expect(onlyResource(json, "azurerm_role_assignment")).toEqual({
      scope,
      role_definition_name: "Reader",
      principal_id: `\${azurerm_user_assigned_identity.${uaiId}.principal_id}`,
      principal_type: "ServicePrincipal",
    });
    expect(onlyResourceId(json, "azurerm_role_assignment")).toMatch(
      /^Identity_RoleAssignment-reader_/,
    );
  });

  test("releases wait for the federated credential and the role assignments", () => {
    // Entra ID refuses the token exchange until the federated credential exists; a pod that
    // starts earlier fails its first cloud call.
    const scope = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci";
    const { stack, identity } = setup({
      roleAssignments: { reader: { scope, roleDefinitionName: "Reader" } },
    });
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const deps = onlyResource(json, "helm_release").depends_on as string[];
    for (const type of ["azurerm_federated_identity_credential", "azurerm_role_assignment"])
      expect(deps).toContain(`${type}.${onlyResourceId(json, type)}`);
  });

  // Azure RBAC best practices: "Only grant the access users need" and "Limit the number of
  // subscription owners" (https://learn.microsoft.com/azure/role-based-access-control/best-practices).
  // Built-in role ids from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles.
  const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
  test.each<
    [string, { scope: string; roleDefinitionName?: string; roleDefinitionId?: string }, boolean]
  >([
    ["Owner on the subscription", { scope: SUB, roleDefinitionName: "Owner" }, true],
    [
      "Contributor on the subscription",
      { scope: `${SUB}/`, roleDefinitionName: "contributor" },
      true,
    ],
    [
      "Contributor by id on the subscription",
      {
        scope: SUB,
        roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
      },
      true,
    ],
    [
      "Owner on a management group",
      { scope: "/providers/Microsoft.Management/managementGroups/ci", roleDefinitionName: "Owner" },
      true,
    ],
    [
      "Contributor on a resource group",
      { scope: `${SUB}/resourceGroups/rg-ci`, roleDefinitionName: "Contributor" },
      false,
    ],
    ["Reader on the subscription", { scope: SUB, roleDefinitionName: "Reader" }, false],
  ])("%s", (_name, assignment, refused) => {
    const { stack, identity } = setup({ roleAssignments: { x: assignment } });
    identity.bind(new Construct(stack, "B"), { namespace: "ci", name: "runner" });
    expect(findingsOf(stack, "AZURE-PRIVILEGED-ROLE")).toHaveLength(refused ? 1 : 0);
    if (refused) {
      expect(synthErrors(stack)).toMatch(
        /\[test\/Identity\] roleAssignments\.x: .* at (subscription|management-group) scope gives every job of the pool control/,
      );
      Rules.suppress(identity, "AZURE-PRIVILEGED-ROLE", "dedicated CI subscription, reviewed");
    }
    expect(synthErrors(stack)).toBe("");
  });

  test("the issuer from the data source is passed through untouched", () => {
    const stack = newStack("test", { providers: false });
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const cluster = new AksClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      resourceGroupName: "rg-ci",
    });
    const identity = new AksWorkloadIdentity(stack, "Identity", { cluster });
    identity.bind(new Construct(stack, "B"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    const dataId = Object.keys(ofType(json, "azurerm_kubernetes_cluster", "data"))[0];
    expect(onlyResource(json, "azurerm_federated_identity_credential").issuer).toBe(
      `\${data.azurerm_kubernetes_cluster.${dataId}.oidc_issuer_url}`,
    );
    expect(onlyResource(json, "azurerm_user_assigned_identity")).toEqual({
      name: "Identity",
      resource_group_name: "rg-ci",
      location: `\${data.azurerm_kubernetes_cluster.${dataId}.location}`,
    });
  });

  describe("bad input", () => {
    const cases: [
      string,
      Partial<AksWorkloadIdentityProps>,
      { namespace: string; name: string },
      RegExp,
    ][] = [
      [
        "wildcard subject",
        {},
        { namespace: "*", name: "runner" },
        /\[test\/B\] subject\.namespace: "\*" — wildcards are refused/,
      ],
      [
        "empty service account",
        {},
        { namespace: "ci", name: "" },
        /subject\.name: "" — must not be empty/,
      ],
      [
        "restricted namespace",
        { restrictTo: { namespace: "ci" } },
        { namespace: "ops", name: "runner" },
        /subject\.namespace: "ops" — the identity is restricted to namespace "ci"/,
      ],
      [
        "bad identity name",
        { name: "ci runners" },
        { namespace: "ci", name: "runner" },
        /name: "ci runners" — a managed identity name is 3–128.*\(AZURE-IDENTITY-NAME\)/,
      ],
      [
        "role assignment with both role fields",
        {
          roleAssignments: {
            x: {
              scope: "/subscriptions/0",
              roleDefinitionName: "Reader",
              roleDefinitionId: "/providers/x",
            },
          },
        },
        { namespace: "ci", name: "runner" },
        /roleAssignments\.x: .* — set exactly one of roleDefinitionName and roleDefinitionId.*\(AZURE-ROLE-ASSIGNMENT-ROLE\)/,
      ],
      [
        "role assignment scope not a resource id",
        { roleAssignments: { x: { scope: "rg-ci", roleDefinitionName: "Reader" } } },
        { namespace: "ci", name: "runner" },
        /roleAssignments\.x\.scope: "rg-ci" — must be an Azure resource id.*\(AZURE-ROLE-ASSIGNMENT-SCOPE\)/,
      ],
    ];
    test.each(cases)("%s", (_name, props, subject, pattern) => {
      const { stack, identity } = setup(props);
      identity.bind(new Construct(stack, "B"), subject);
      expect(synthErrors(stack)).toMatch(pattern);
    });

    test("the same service account bound twice", () => {
      const { stack, identity } = setup();
      identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
      identity.bind(new Construct(stack, "B"), { namespace: "ci", name: "runner" });
      expect(synthErrors(stack)).toMatch(
        /subjects\[1\]: "system:serviceaccount:ci:runner" — is bound twice to the same identity.*\(AZURE-FEDERATED-CREDENTIAL-DUPLICATE\)/,
      );
    });
  });
});

test("two subjects whose credential names collide are reported", () => {
  const { stack, identity } = setup();
  identity.bind(new Construct(stack, "A"), { namespace: "a-b", name: "c" });
  identity.bind(new Construct(stack, "B"), { namespace: "a", name: "b-c" });
  expect(synthErrors(stack)).toMatch(
    /subjects\[1\]: "system:serviceaccount:a:b-c" — its federated credential name "a-b-c" is already used by system:serviceaccount:a-b:c.*\(AZURE-FEDERATED-CREDENTIAL-NAME\)/,
  );
});
