import { Construct } from "constructs";
import { aksWorkloadIdentityFlows } from "./aks-flows";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { sortKeys } from "../core/labels";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import {
  addBindingChecks,
  checkRestriction,
  SubjectRestriction,
  subjectClaim,
} from "../identity/subject";
import type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "../identity/workload-identity";
import type { AksClusterInfo } from "./aks-cluster-connection";
import {
  AZURE_FEDERATED_CREDENTIAL_DUPLICATE,
  AZURE_FEDERATED_CREDENTIAL_LIMIT,
  AZURE_FEDERATED_CREDENTIAL_NAME,
  AZURE_IDENTITY_NAME,
  AZURE_IDENTITY_UNBOUND,
  AZURE_PRIVILEGED_ROLE,
  AZURE_ROLE_ASSIGNMENT_KEY,
  AZURE_ROLE_ASSIGNMENT_ROLE,
  AZURE_ROLE_ASSIGNMENT_SCOPE,
} from "./rules";

/** Audience of the tokens Azure AD exchanges for workload identity. */
export const AZURE_TOKEN_AUDIENCE = "api://AzureADTokenExchange";
/** Service-account annotation naming the managed identity's client id. */
export const AZURE_CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
/** Pod label the AKS workload identity webhook looks for before it injects the token. */
export const AZURE_USE_LABEL = "azure.workload.identity/use";
/** Azure allows at most this many federated identity credentials on one identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** One Azure role assignment for the managed identity. Set exactly one of the role fields. */
export interface AzureRoleAssignment {
  /** Scope: a subscription, resource group or resource id. */
  readonly scope: string;
  /** Built-in or custom role name, e.g. `Storage Blob Data Reader`. @default none (then set `roleDefinitionId`) */
  readonly roleDefinitionName?: string;
  /** Role definition id (instead of the name). @default none (then set `roleDefinitionName`) */
  readonly roleDefinitionId?: string;
  /** Description. @default none */
  readonly description?: string;
}

/** AKS Workload Identity options without the cluster (what a stack's pool options take). */
export interface AksWorkloadIdentityOptions {
  /** Name of the user-assigned identity (3–128 letters, digits, '-' or '_'). @default derived from the construct id */
  readonly name?: string;
  /** Resource group of the identity. @default the cluster's */
  readonly resourceGroupName?: string;
  /** Region of the identity. @default the cluster's */
  readonly location?: string;
  /** Role assignments by a stable key (the key names the Terraform resource). @default none */
  readonly roleAssignments?: Record<string, AzureRoleAssignment>;
  /** Tags on the identity. @default none */
  readonly tags?: Record<string, string>;
  /** Only bind service accounts that match this (e.g. one namespace). @default any service account a pool binds */
  readonly restrictTo?: SubjectRestriction;
}

/** Props of {@link AksWorkloadIdentity}. */
export interface AksWorkloadIdentityProps extends AksWorkloadIdentityOptions {
  /** The cluster (an {@link AksClusterConnection} or its values). */
  readonly cluster: AksClusterInfo;
}

const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

/**
 * Built-in roles that control a whole scope (by name and by their fixed role definition
 * GUID, from "Azure built-in roles", https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
const PRIVILEGED_ROLES: Record<string, string> = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
};

/** A subscription or management group: scopes that cover every resource group below them. */
const BROAD_SCOPE =
  /^\/(subscriptions\/[^/]+|providers\/Microsoft\.Management\/managementGroups\/[^/]+)\/?$/i;

function privilegedRole(a: AzureRoleAssignment): string | undefined {
  if (a.roleDefinitionName !== undefined && !isUnresolved(a.roleDefinitionName)) {
    return Object.keys(PRIVILEGED_ROLES).find(
      (name) => name.toLowerCase() === a.roleDefinitionName?.toLowerCase(),
    );
  }
  if (a.roleDefinitionId !== undefined && !isUnresolved(a.roleDefinitionId)) {
    const id = a.roleDefinitionId.toLowerCase();
    return Object.keys(PRIVILEGED_ROLES).find((name) => id.endsWith(PRIVILEGED_ROLES[name]));
  }
  return undefined;
}

function credentialName(subject: ServiceAccountSubject): string {
  return `${subject.namespace}-${subject.name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 120);
}

/**
 * AKS Workload Identity: a user-assigned managed identity, one federated identity
 * credential per bound service account (issuer = the cluster's OIDC issuer unchanged,
 * subject `system:serviceaccount:<ns>:<sa>`, audience `api://AzureADTokenExchange`), and
 * role assignments as grants. Credentials on one identity are chained with `depends_on`
 * (Azure rejects concurrent writes) and capped at 20.
 *
 * The service account gets `azure.workload.identity/client-id`; the pods that use it need
 * the label `azure.workload.identity/use: "true"` (returned as pod labels; a platform puts
 * them in its pod template). The cluster needs the OIDC issuer and workload identity
 * enabled.
 */
export class AksWorkloadIdentity extends Construct implements WorkloadIdentity {
  public readonly kind = "aks-workload-identity";
  /** The `azurerm_user_assigned_identity`. */
  public readonly identity: UserAssignedIdentity;
  /** Client id (the annotation value). */
  public readonly clientId: string;
  /** Principal id (the role assignments' principal). */
  public readonly principalId: string;
  /** Role assignments by key. */
  public readonly roleAssignments: Record<string, RoleAssignment> = {};
  /** Federated credentials, in bind (and creation) order. */
  public readonly federatedCredentials: FederatedIdentityCredential[] = [];
  /** Service accounts bound so far. */
  public readonly subjects: ServiceAccountSubject[] = [];
  private readonly cluster: AksClusterInfo;
  private readonly restriction?: SubjectRestriction;

  constructor(scope: Construct, id: string, props: AksWorkloadIdentityProps) {
    super(scope, id);
    this.cluster = props.cluster;
    this.restriction = props.restrictTo;
    const name = props.name ?? id.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 128);
    this.identity = new UserAssignedIdentity(this, "Resource", {
      name,
      resourceGroupName: props.resourceGroupName ?? props.cluster.resourceGroupName,
      location: props.location ?? props.cluster.location,
      tags: props.tags ? sortKeys(props.tags) : undefined,
    });
    this.clientId = this.identity.clientId;
    this.principalId = this.identity.principalId;

    const assignments = props.roleAssignments ?? {};
    for (const key of Object.keys(assignments).sort()) {
      const a = assignments[key];
      this.roleAssignments[key] = new RoleAssignment(this, `RoleAssignment-${key}`, {
        scope: a.scope,
        roleDefinitionName: a.roleDefinitionName,
        roleDefinitionId: a.roleDefinitionId,
        description: a.description,
        principalId: this.principalId,
        // A new identity may not have replicated yet; the type skips the directory lookup.
        principalType: "ServicePrincipal",
      });
    }

    addChecks(this, () => {
      const problems: (Problem | undefined)[] = [];
      if (!isUnresolved(name) && !IDENTITY_NAME.test(name)) {
        problems.push({
          rule: AZURE_IDENTITY_NAME,
          field: "name",
          value: name,
          message:
            "a managed identity name is 3–128 letters, digits, '-' or '_', starting with a letter or digit",
          example: '"ci-runners-gitlab"',
        });
      }
      for (const [key, a] of Object.entries(assignments)) {
        if (!/^[A-Za-z0-9_-]+$/.test(key)) {
          problems.push({
            rule: AZURE_ROLE_ASSIGNMENT_KEY,
            field: `roleAssignments.${key}`,
            value: key,
            message: "keys name Terraform resources: letters, digits, '-' or '_'",
            example: '"blob-reader"',
          });
        }
        if ((a.roleDefinitionName === undefined) === (a.roleDefinitionId === undefined)) {
          problems.push({
            rule: AZURE_ROLE_ASSIGNMENT_ROLE,
            field: `roleAssignments.${key}`,
            value: {
              roleDefinitionName: a.roleDefinitionName,
              roleDefinitionId: a.roleDefinitionId,
            },
            message: "set exactly one of roleDefinitionName and roleDefinitionId",
            example:
              '{ scope: "/subscriptions/…/resourceGroups/rg-ci", roleDefinitionName: "Storage Blob Data Reader" }',
          });
        }
        const privileged = privilegedRole(a);
        if (privileged && !isUnresolved(a.scope) && BROAD_SCOPE.test(a.scope)) {
          problems.push({
            rule: AZURE_PRIVILEGED_ROLE,
            field: `roleAssignments.${key}`,
            value: { role: privileged, scope: a.scope },
            message: `${privileged} at ${a.scope.toLowerCase().includes("managementgroups") ? "management-group" : "subscription"} scope gives every job of the pool control of every resource below it; assign the least privileged role at a resource group or resource`,
            example:
              '{ scope: "/subscriptions/…/resourceGroups/rg-ci", roleDefinitionName: "Storage Blob Data Reader" }',
          });
        }
        if (!isUnresolved(a.scope) && !a.scope.startsWith("/")) {
          problems.push({
            rule: AZURE_ROLE_ASSIGNMENT_SCOPE,
            field: `roleAssignments.${key}.scope`,
            value: a.scope,
            message: "must be an Azure resource id (subscription, resource group or resource)",
            example: '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci"',
          });
        }
      }
      if (this.subjects.length === 0) {
        problems.push({
          rule: AZURE_IDENTITY_UNBOUND,
          field: "subjects",
          value: [],
          message: "the identity is bound to no service account",
          example: "pass it as a pool's identity, or call bind()",
        });
      }
      if (this.subjects.length > MAX_FEDERATED_CREDENTIALS) {
        problems.push({
          rule: AZURE_FEDERATED_CREDENTIAL_LIMIT,
          field: `subjects[${MAX_FEDERATED_CREDENTIALS}]`,
          value: subjectClaim(this.subjects[MAX_FEDERATED_CREDENTIALS]),
          message: `Azure allows at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials on one managed identity (this one has ${this.subjects.length})`,
          example: "split the pools over several AksWorkloadIdentity constructs",
        });
      }
      const seen = new Map<string, string>();
      this.subjects.forEach((s, i) => {
        const cred = credentialName(s);
        const claim = subjectClaim(s);
        const earlier = seen.get(cred);
        if (earlier === claim) {
          problems.push({
            rule: AZURE_FEDERATED_CREDENTIAL_DUPLICATE,
            field: `subjects[${i}]`,
            value: claim,
            message:
              "is bound twice to the same identity (one federated credential per service account)",
            example: "bind each service account once",
          });
        } else if (earlier !== undefined) {
          problems.push({
            rule: AZURE_FEDERATED_CREDENTIAL_NAME,
            field: `subjects[${i}]`,
            value: claim,
            message: `its federated credential name "${cred}" is already used by ${earlier} (names are <namespace>-<name>, unique per identity)`,
            example: "use a separate AksWorkloadIdentity for one of them",
          });
        }
        seen.set(cred, claim);
      });
      problems.push(...checkRestriction("restrictTo", props.restrictTo));
      return problems;
    });
  }

  public bind(scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    this.subjects.push({ namespace: subject.namespace, name: subject.name });
    addBindingChecks(scope, subject, this.restriction);
    const previous = this.federatedCredentials[this.federatedCredentials.length - 1];
    const credential = new FederatedIdentityCredential(scope, "FederatedCredential", {
      name: credentialName(subject),
      resourceGroupName: this.identity.resourceGroupName,
      parentId: this.identity.id,
      issuer: this.cluster.oidcIssuerUrl,
      subject: subjectClaim(subject),
      audience: [AZURE_TOKEN_AUDIENCE],
      // Azure fails concurrent writes of credentials on one identity: create them one by one.
      dependsOn: previous ? [previous] : undefined,
    });
    this.federatedCredentials.push(credential);
    return {
      serviceAccountAnnotations: { [AZURE_CLIENT_ID_ANNOTATION]: this.clientId },
      podLabels: { [AZURE_USE_LABEL]: "true" },
      principal: this.clientId,
      // Entra ID refuses the token exchange until the credential exists; the role
      // assignments give the pods their permissions.
      dependables: [credential, ...Object.values(this.roleAssignments)],
      flows: aksWorkloadIdentityFlows(),
    };
  }
}
