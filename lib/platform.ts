import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { RunnerNamespaceOptions, RunnerNamespace } from "./kubernetes/runner-namespace";
import type { AllowWildcards, PolicyRule } from "./kubernetes/rbac";
import type { RunnerServiceAccount } from "./kubernetes/runner-service-account";
import type { RunnerRelease } from "./release/runner-release";
import type { WorkloadIdentityBinding } from "./identity/workload-identity";
import type { RunnerScaling } from "./scaling";
import type { ClusterNetworkFlows } from "./kubernetes/flows/network-flow";

/** The role of the pool's own namespace, where runner pods run. */
export const RUNNERS_ROLE = "runners";

/** A namespace a platform needs besides the pool's runner namespace. */
export interface NamespaceRequest extends RunnerNamespaceOptions {
  /** Namespace name. */
  readonly name: string;
}

/** A service account a platform needs. */
export interface ServiceAccountRequest {
  /** Stable key (also the construct id), e.g. `Runner`, `Jobs`. */
  readonly id: string;
  /** Service account name. */
  readonly name: string;
  /** Role of the namespace it lives in. @default "runners" */
  readonly namespaceRole?: string;
  /** Namespaced RBAC rules. @default none */
  readonly rules?: PolicyRule[];
  /** Wildcard opt-in with a reason. @default - wildcards refused */
  readonly allowWildcards?: AllowWildcards;
  /** Mount the API token. @default false */
  readonly automountToken?: boolean;
  /** Whether the pool's cloud identity binds this account (the pods that call the cloud use it). @default false */
  readonly bindIdentity?: boolean;
  /**
   * Whether pods of this account call the Kubernetes API server (they get the cluster's
   * `api-server` flow). @default true when the token is mounted or the account has RBAC rules
   */
  readonly callsApiServer?: boolean;
  /** Create the account here. `false` when the chart creates it (the identity annotations then go into values). @default true */
  readonly create?: boolean;
}

/** What a platform needs from the pool before it builds its resources. */
export interface RunnerPlatformPlan {
  /** Extra namespaces by role (the pool's own namespace has role `runners`). @default - none */
  readonly namespaces?: Record<string, NamespaceRequest>;
  /** Service accounts to create (and bind). */
  readonly serviceAccounts: ServiceAccountRequest[];
}

/** A service account as the pool resolved it. */
export interface ResolvedServiceAccount {
  /** Name. */
  readonly name: string;
  /** Namespace (literal). */
  readonly namespace: string;
  /** The construct, when the pool created the account. @default - none (the chart creates it) */
  readonly construct?: RunnerServiceAccount;
  /** Identity annotations, when the pool's identity binds it. */
  readonly annotations: Record<string, string>;
  /** Pod labels the identity needs on pods that use this account. */
  readonly podLabels: Record<string, string>;
}

/** What the pool hands a platform to build with. */
export interface RunnerPlatformContext {
  /** The pool's name (used in object names and labels). */
  readonly poolName: string;
  /** Namespaces by role; `runners` is always present. */
  readonly namespaces: Readonly<Record<string, RunnerNamespace>>;
  /** Service accounts by request id. */
  readonly serviceAccounts: Readonly<Record<string, ResolvedServiceAccount>>;
  /** The identity binding, when the pool has an identity. @default - none */
  readonly identity?: WorkloadIdentityBinding;
  /** Labels for everything the platform creates. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * What releases must depend on: the pool's service accounts, Roles, RoleBindings,
   * quotas and limit ranges, and the identity pieces of its bindings
   * ({@link WorkloadIdentityBinding.dependables}), so pods start with them in place and are
   * destroyed before them.
   */
  readonly prerequisites: readonly ITerraformDependable[];
  /**
   * The cluster's API server and DNS paths, for platforms whose other pods (job pods,
   * listeners) call the API server. Platforms declare their own flows with
   * `namespace.networkPolicies?.addFlow(...)`. @default - the generic cluster (443 and 6443)
   */
  readonly cluster?: ClusterNetworkFlows;
}

/**
 * A Role or ClusterRole the platform's chart creates and binds itself (outside the pool's
 * own RBAC), declared so reviewers see every permission the pool's accounts hold.
 */
export interface ChartRbacRole {
  /** `Role` (namespaced) or `ClusterRole`. */
  readonly kind: "Role" | "ClusterRole";
  /** The object's name as the chart renders it. */
  readonly name: string;
  /** Namespace of a Role. @default - none (a ClusterRole) */
  readonly namespace?: string;
  /** The service account it is bound to (`<namespace>/<name>`). */
  readonly boundTo: string;
  /** Its rules. */
  readonly rules: readonly PolicyRule[];
  /** The chart template it comes from (file in the chart), for review. */
  readonly source: string;
}

/** What a platform built. */
export interface RunnerPlatformResources {
  /** Helm releases, in install order. */
  readonly releases: RunnerRelease[];
  /** How the pool scales. */
  readonly scaling: RunnerScaling;
  /** Roles and ClusterRoles the chart creates and binds itself. @default - none declared */
  readonly chartRbac?: readonly ChartRbacRole[];
}

/**
 * A runner platform: knows its chart and turns typed options into Helm values, extra
 * Kubernetes objects and the service accounts it needs bound.
 */
export interface RunnerPlatform {
  /** Short platform kind, e.g. `custom-chart`, `arc-scale-set`. */
  readonly kind: string;
  /** Namespaces and service accounts the platform needs (called once, before build). */
  plan(poolName: string): RunnerPlatformPlan;
  /** Builds the releases and scaling objects under `scope`. */
  build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources;
  /** Lowest Pod Security level the platform's pods need in the runner namespace, if above `restricted`. @default - restricted is enough */
  readonly requiredPodSecurity?: "baseline" | "privileged";
}
