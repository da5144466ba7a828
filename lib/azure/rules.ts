// The rules of the Azure bindings (AKS connection, AKS Workload Identity).
import { defineRule } from "../core/rules/rule";

export const AKS_CLUSTER_NAME = defineRule({
  id: "AZURE-AKS-CLUSTER-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "AKS cluster names are 1–63 letters, digits, '-' or '_', starting and ending with a letter or digit; no other name can be looked up.",
  example: '"ci-aks"',
});

export const AZURE_RESOURCE_GROUP_NAME = defineRule({
  id: "AZURE-RESOURCE-GROUP-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "Azure resource group names are 1–90 letters, digits, '-', '_', '.', '(' or ')' and do not end with '.'.",
  example: '"rg-ci"',
});

export const AZURE_KUBELOGIN_CREDENTIALS = defineRule({
  id: "AZURE-KUBELOGIN-CREDENTIALS",
  kind: "validity",
  severity: "error",
  rationale:
    'kubelogin settings are used by "entra-id" credentials only; with other credentials they would be silently ignored.',
  example: 'credentials: "entra-id"',
});

export const AZURE_IDENTITY_NAME = defineRule({
  id: "AZURE-IDENTITY-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "Azure refuses user-assigned identity names that are not 3–128 letters, digits, '-' or '_', starting with a letter or digit.",
  example: '"ci-runners-gitlab"',
});

export const AZURE_ROLE_ASSIGNMENT_KEY = defineRule({
  id: "AZURE-ROLE-ASSIGNMENT-KEY",
  kind: "validity",
  severity: "error",
  rationale:
    "A role assignment's key becomes part of its Terraform resource name, which allows letters, digits, '-' and '_' only.",
  example: '"blob-reader"',
});

export const AZURE_ROLE_ASSIGNMENT_ROLE = defineRule({
  id: "AZURE-ROLE-ASSIGNMENT-ROLE",
  kind: "validity",
  severity: "error",
  rationale:
    "azurerm_role_assignment takes exactly one of role_definition_name and role_definition_id.",
  example:
    '{ scope: "/subscriptions/…/resourceGroups/rg-ci", roleDefinitionName: "Storage Blob Data Reader" }',
});

export const AZURE_ROLE_ASSIGNMENT_SCOPE = defineRule({
  id: "AZURE-ROLE-ASSIGNMENT-SCOPE",
  kind: "validity",
  severity: "error",
  rationale:
    "A role assignment's scope is an Azure resource id (subscription, resource group or resource), starting with '/'.",
  example: '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci"',
});

export const AZURE_IDENTITY_UNBOUND = defineRule({
  id: "AZURE-IDENTITY-UNBOUND",
  kind: "policy",
  severity: "error",
  rationale:
    "An identity bound to no service account gives no pod credentials: an unused identity, left over from a removed or never wired pool.",
  example: "pass it as a pool's identity, or call bind()",
});

export const AZURE_FEDERATED_CREDENTIAL_LIMIT = defineRule({
  id: "AZURE-FEDERATED-CREDENTIAL-LIMIT",
  kind: "validity",
  severity: "error",
  rationale: "Azure allows at most 20 federated identity credentials on one managed identity.",
  example: "split the pools over several AksWorkloadIdentity constructs",
});

export const AZURE_FEDERATED_CREDENTIAL_DUPLICATE = defineRule({
  id: "AZURE-FEDERATED-CREDENTIAL-DUPLICATE",
  kind: "validity",
  severity: "error",
  rationale:
    "Azure refuses a second federated credential with the same issuer and subject on one identity.",
  example: "bind each service account once",
});

export const AZURE_FEDERATED_CREDENTIAL_NAME = defineRule({
  id: "AZURE-FEDERATED-CREDENTIAL-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "Federated credential names (<namespace>-<name>) must be unique per identity; Azure refuses a second credential of the same name.",
  example: "use a separate AksWorkloadIdentity for one of them",
});

export const AZURE_PRIVILEGED_ROLE = defineRule({
  id: "AZURE-PRIVILEGED-ROLE",
  kind: "policy",
  severity: "error",
  rationale:
    "Owner, Contributor, User Access Administrator and Role Based Access Control Administrator at subscription (or management-group) scope give every job of the pool control of the whole subscription; Azure's RBAC best practices ask for the least privileged role at the narrowest scope.",
  example:
    '{ scope: "/subscriptions/…/resourceGroups/rg-ci", roleDefinitionName: "Storage Blob Data Reader" }',
});

export const AZURE_CLIENT_KEY_IN_STATE = defineRule({
  id: "AZURE-CLIENT-KEY-IN-STATE",
  kind: "policy",
  severity: "warning",
  rationale:
    'The "user" and "admin" credentials feed the cluster\'s client certificate and key from kube_config / kube_admin_config into the providers: they are in the plan and the Terraform state, and on clusters without Entra ID that key is cluster-admin and long-lived (until the cluster certificates are rotated). "entra-id" (kubelogin exec) keeps them out.',
  example: 'credentials: "entra-id"',
});
