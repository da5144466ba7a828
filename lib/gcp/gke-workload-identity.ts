import { Construct } from "constructs";
import { gkeWorkloadIdentityFlows } from "./gke-flows";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import { addBindingChecks, checkRestriction, SubjectRestriction } from "../identity/subject";
import type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "../identity/workload-identity";
import type { GkeClusterInfo } from "./gke-cluster-connection";
import {
  GCP_BASIC_ROLE,
  GCP_DIRECT_MODE_GSA_OPTION,
  GCP_DIRECT_MODE_NO_ROLES,
  GCP_IDENTITY_UNBOUND,
  GCP_ROLE_NAME,
  GCP_SERVICE_ACCOUNT_EMAIL,
  GCP_SERVICE_ACCOUNT_EXCLUSIVE,
  GCP_SERVICE_ACCOUNT_ID,
} from "./rules";

/** Service-account annotation naming the Google service account to impersonate. */
export const GKE_GSA_ANNOTATION = "iam.gke.io/gcp-service-account";
/** The role that lets a Kubernetes service account impersonate a Google service account. */
export const WORKLOAD_IDENTITY_USER_ROLE = "roles/iam.workloadIdentityUser";
/** What a Google service account id must match. */
export const GSA_ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;

/**
 * How the Kubernetes service account gets Google credentials:
 * - `service-account`: it impersonates a Google service account (GSA) that holds the roles;
 * - `direct`: the roles are granted to the Kubernetes service account's own `principal://`
 *   identifier (no GSA, no annotation; not every Google API accepts such principals).
 */
export type GkeIdentityMode = "service-account" | "direct";

/** GKE Workload Identity options without the cluster (what a stack's pool options take). */
export interface GkeWorkloadIdentityOptions {
  /** Impersonate a Google service account, or grant roles directly. @default "service-account" */
  readonly mode?: GkeIdentityMode;
  /**
   * Account id of the Google service account to create (`service-account` mode): 6–30
   * characters matching `^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$`.
   * @default derived from the construct id
   */
  readonly accountId?: string;
  /** Display name of the created GSA. @default "Runner pool <construct id>" */
  readonly displayName?: string;
  /** Description of the created GSA. @default "Workload identity of a runner pool (cdktf-runner-pools)" */
  readonly description?: string;
  /** Bind this existing GSA (email) instead of creating one (`service-account` mode). @default a GSA is created */
  readonly existingServiceAccountEmail?: string;
  /** Project roles granted (`google_project_iam_member`, non-authoritative), e.g. `roles/storage.objectViewer`. @default none */
  readonly projectRoles?: string[];
  /** Project the roles are granted in. @default the cluster's project */
  readonly grantProject?: string;
  /** Only bind service accounts that match this (e.g. one namespace). @default any service account a pool binds */
  readonly restrictTo?: SubjectRestriction;
}

/** Props of {@link GkeWorkloadIdentity}. */
export interface GkeWorkloadIdentityProps extends GkeWorkloadIdentityOptions {
  /** The cluster's project information (a {@link GkeClusterConnection} or the values). */
  readonly cluster: GkeClusterInfo;
}

const ROLE =
  /^(roles\/[A-Za-z0-9_.]+|projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]+|organizations\/\d+\/roles\/[A-Za-z0-9_.]+)$/;

function defaultAccountId(id: string): string {
  let s = id
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, "-")
    .replace(/-+/g, "-");
  if (!/^[a-z]/.test(s)) s = `r-${s}`;
  s = s.slice(0, 30).replace(/-+$/, "");
  while (s.length < 6) s += "-id";
  return s;
}

function roleKey(role: string): string {
  return role.replace(/^.*roles\//, "").replace(/[^A-Za-z0-9_.-]/g, "-");
}

/**
 * GKE Workload Identity for runner pods. In `service-account` mode (default) it creates a
 * Google service account (or uses an existing one), grants it the project roles, and for
 * every bound Kubernetes service account adds a **non-authoritative**
 * `roles/iam.workloadIdentityUser` member `serviceAccount:<project>.svc.id.goog[<ns>/<ksa>]`
 * plus the annotation `iam.gke.io/gcp-service-account`. In `direct` mode it grants the
 * project roles to `principal://iam.googleapis.com/projects/<number>/locations/global/
 * workloadIdentityPools/<project>.svc.id.goog/subject/ns/<ns>/sa/<ksa>`.
 *
 * The cluster needs Workload Identity enabled (workload pool `<project>.svc.id.goog`) and
 * node pools with the `GKE_METADATA` metadata server.
 */
export class GkeWorkloadIdentity extends Construct implements WorkloadIdentity {
  public readonly kind = "gke-workload-identity";
  /** The mode. */
  public readonly mode: GkeIdentityMode;
  /** The created Google service account (`service-account` mode without an existing email). */
  public readonly serviceAccount?: ServiceAccount;
  /** Email of the Google service account (`service-account` mode). */
  public readonly serviceAccountEmail?: string;
  /** Project role grants of the GSA by role (`service-account` mode). */
  public readonly grants: Record<string, ProjectIamMember> = {};
  /** Workload identity user members (service-account mode) or direct grants, by `<ns>/<ksa>`. */
  public readonly bindings: Record<string, (ServiceAccountIamMember | ProjectIamMember)[]> = {};
  /** Service accounts bound so far. */
  public readonly subjects: ServiceAccountSubject[] = [];
  private readonly cluster: GkeClusterInfo;
  private readonly roles: string[];
  private readonly grantProject: string;
  private readonly gsaResourceName?: string;
  private readonly restriction?: SubjectRestriction;

  constructor(scope: Construct, id: string, props: GkeWorkloadIdentityProps) {
    super(scope, id);
    this.mode = props.mode ?? "service-account";
    this.cluster = props.cluster;
    this.roles = [...new Set(props.projectRoles ?? [])].sort();
    this.grantProject = props.grantProject ?? props.cluster.projectId;
    this.restriction = props.restrictTo;
    const accountId = props.accountId ?? defaultAccountId(id);

    if (this.mode === "service-account") {
      if (props.existingServiceAccountEmail !== undefined) {
        this.serviceAccountEmail = props.existingServiceAccountEmail;
        // `-` lets IAM infer the project from the email: the GSA may live in another project
        // than the cluster ("projects/-/serviceAccounts/{ACCOUNT}" in the IAM API reference,
        // https://cloud.google.com/python/docs/reference/iam/latest/google.cloud.iam_admin_v1.types.GetServiceAccountRequest).
        this.gsaResourceName = `projects/-/serviceAccounts/${props.existingServiceAccountEmail}`;
      } else {
        this.serviceAccount = new ServiceAccount(this, "Resource", {
          accountId,
          project: props.cluster.projectId,
          displayName: props.displayName ?? `Runner pool ${id}`,
          description:
            props.description ?? "Workload identity of a runner pool (cdktf-runner-pools)",
        });
        this.serviceAccountEmail = this.serviceAccount.email;
        this.gsaResourceName = this.serviceAccount.name;
      }
      for (const role of this.roles) {
        this.grants[role] = new ProjectIamMember(this, `Grant-${roleKey(role)}`, {
          project: this.grantProject,
          role,
          member: `serviceAccount:${this.serviceAccountEmail}`,
        });
      }
    }

    addChecks(this, () => {
      const problems: (Problem | undefined)[] = [];
      if (
        this.mode === "service-account" &&
        props.existingServiceAccountEmail === undefined &&
        !isUnresolved(accountId) &&
        !GSA_ACCOUNT_ID.test(accountId)
      ) {
        problems.push({
          rule: GCP_SERVICE_ACCOUNT_ID,
          field: "accountId",
          value: accountId,
          message:
            "a Google service account id is 6–30 characters matching ^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$",
          example: '"ci-runners-gitlab"',
        });
      }
      if (this.mode === "direct") {
        for (const key of [
          "accountId",
          "existingServiceAccountEmail",
          "displayName",
          "description",
        ] as const) {
          if (props[key] !== undefined) {
            problems.push({
              rule: GCP_DIRECT_MODE_GSA_OPTION,
              field: key,
              value: props[key],
              message:
                "only applies in service-account mode; direct mode grants roles to the Kubernetes service account's principal",
              example: 'remove it, or mode: "service-account"',
            });
          }
        }
        if (this.roles.length === 0) {
          problems.push({
            rule: GCP_DIRECT_MODE_NO_ROLES,
            field: "projectRoles",
            value: [],
            message: "direct mode without roles grants nothing",
            example: '["roles/storage.objectViewer"]',
          });
        }
      }
      if (props.existingServiceAccountEmail !== undefined && props.accountId !== undefined) {
        problems.push({
          rule: GCP_SERVICE_ACCOUNT_EXCLUSIVE,
          field: "accountId",
          value: props.accountId,
          message: "accountId and existingServiceAccountEmail are mutually exclusive",
          example: "set only one of them",
        });
      }
      const email = props.existingServiceAccountEmail;
      if (
        email !== undefined &&
        !isUnresolved(email) &&
        !/^[^@\s]+@[a-z0-9.:-]+\.gserviceaccount\.com$/.test(email)
      ) {
        problems.push({
          rule: GCP_SERVICE_ACCOUNT_EMAIL,
          field: "existingServiceAccountEmail",
          value: email,
          message: "must be a Google service account email",
          example: '"ci-runner@my-project.iam.gserviceaccount.com"',
        });
      }
      (props.projectRoles ?? []).forEach((role, i) => {
        if (role === "roles/owner" || role === "roles/editor") {
          problems.push({
            rule: GCP_BASIC_ROLE,
            field: `projectRoles[${i}]`,
            value: role,
            message: `${role} is a basic role: every job of the pool could change (or, as owner, administer) almost everything in project ${this.grantProject}; grant the predefined roles the jobs need`,
            example: '"roles/storage.objectViewer"',
          });
        }
        if (!isUnresolved(role) && !ROLE.test(role)) {
          problems.push({
            rule: GCP_ROLE_NAME,
            field: `projectRoles[${i}]`,
            value: role,
            message:
              "must be a role name: roles/…, projects/<id>/roles/… or organizations/<n>/roles/…",
            example: '"roles/storage.objectViewer"',
          });
        }
      });
      if (this.subjects.length === 0) {
        problems.push({
          rule: GCP_IDENTITY_UNBOUND,
          field: "subjects",
          value: [],
          message: "the identity is bound to no service account",
          example: "pass it as a pool's identity, or call bind()",
        });
      }
      problems.push(...checkRestriction("restrictTo", props.restrictTo));
      return problems;
    });
  }

  /** `serviceAccount:<project>.svc.id.goog[<ns>/<ksa>]`: the member a workload identity user binding names. */
  public workloadIdentityMember(subject: ServiceAccountSubject): string {
    return `serviceAccount:${this.cluster.workloadPool}[${subject.namespace}/${subject.name}]`;
  }

  /** The Kubernetes service account's own principal identifier (direct mode). */
  public principalFor(subject: ServiceAccountSubject): string {
    return `principal://iam.googleapis.com/projects/${this.cluster.projectNumber}/locations/global/workloadIdentityPools/${this.cluster.workloadPool}/subject/ns/${subject.namespace}/sa/${subject.name}`;
  }

  public bind(scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    this.subjects.push({ namespace: subject.namespace, name: subject.name });
    addBindingChecks(scope, subject, this.restriction);
    const key = `${subject.namespace}/${subject.name}`;
    if (this.mode === "direct") {
      const principal = this.principalFor(subject);
      this.bindings[key] = this.roles.map(
        (role) =>
          new ProjectIamMember(scope, `Grant-${roleKey(role)}`, {
            project: this.grantProject,
            role,
            member: principal,
          }),
      );
      return {
        serviceAccountAnnotations: {},
        podLabels: {},
        principal,
        dependables: this.bindings[key],
        flows: gkeWorkloadIdentityFlows(this.cluster.network?.dataplane),
      };
    }
    const member = new ServiceAccountIamMember(scope, "WorkloadIdentityUser", {
      serviceAccountId: this.gsaResourceName as string,
      role: WORKLOAD_IDENTITY_USER_ROLE,
      member: this.workloadIdentityMember(subject),
    });
    this.bindings[key] = [member];
    const email = this.serviceAccountEmail as string;
    return {
      serviceAccountAnnotations: { [GKE_GSA_ANNOTATION]: email },
      podLabels: {},
      principal: email,
      flows: gkeWorkloadIdentityFlows(this.cluster.network?.dataplane),
      // The pods' first token request needs the member; their calls need the GSA's roles.
      dependables: [
        ...(this.serviceAccount ? [this.serviceAccount] : []),
        member,
        ...Object.values(this.grants),
      ],
    };
  }
}
