import "../lib/gcp/provider-binding"; // first: a missing binding fails with what to install
import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { GkeClusterConnection, GkeClusterConnectionProps } from "../lib/gcp/gke-cluster-connection";
import { GkeWorkloadIdentity, GkeWorkloadIdentityOptions } from "../lib/gcp/gke-workload-identity";
import { RunnerPoolProps } from "../lib/pool";
import type { WorkloadIdentity } from "../lib/identity/workload-identity";
import { RunnerStack } from "./runner-stack";
import { StateBackend } from "./state-backend";

/** Options from which a {@link GkeRunnerStack} creates a pool's identity. */
export interface GkePoolIdentity {
  /** GKE Workload Identity (GSA impersonation or direct principal grants). */
  readonly workloadIdentity: GkeWorkloadIdentityOptions;
}

/** A pool of a {@link GkeRunnerStack}. */
export interface GkeRunnerPoolProps extends Omit<RunnerPoolProps, "identity"> {
  /**
   * The pool's cloud identity: a {@link WorkloadIdentity} you created, or Workload Identity
   * options from which the stack creates one (construct id `<pool id>-identity`).
   * @default none
   */
  readonly identity?: WorkloadIdentity | GkePoolIdentity;
}

/** Props of {@link GkeRunnerStack}. */
export interface GkeRunnerStackProps {
  /** Project id of the cluster (google provider project, workload pool `<project>.svc.id.goog`). */
  readonly project: string;
  /** Default region of the google provider. @default not set */
  readonly region?: string;
  /** The cluster. Its `project` defaults to the stack's. */
  readonly cluster: Omit<GkeClusterConnectionProps, "project"> & {
    /** Project of the cluster. @default the stack's `project` */
    readonly project?: string;
  };
  /** Where the state lives. @default local file `terraform.<stack>.tfstate` in the stack directory */
  readonly backend?: StateBackend;
  /** Pools to create, by construct id. More can be added with {@link GkeRunnerStack.addPool}. @default none */
  readonly pools?: Record<string, GkeRunnerPoolProps>;
}

/** A stack for runner pools on a GKE cluster, with Workload Identity for their pods. */
export class GkeRunnerStack extends RunnerStack<GkePoolIdentity, GkeWorkloadIdentity> {
  /** The google provider. */
  public readonly googleProvider: GoogleProvider;
  /** The cluster connection (kubernetes + helm providers, workload pool). */
  public readonly connection: GkeClusterConnection;

  constructor(scope: Construct, id: string, props: GkeRunnerStackProps) {
    super(scope, id, props.backend);
    this.googleProvider = new GoogleProvider(this, "Google", {
      project: props.project,
      region: props.region,
    });
    this.connection = new GkeClusterConnection(this, "Cluster", {
      ...props.cluster,
      project: props.cluster.project ?? props.project,
    });
    this.addPools(props.pools);
  }

  protected identityFromOptions(
    id: string,
    options: GkePoolIdentity,
    poolId: string,
  ): GkeWorkloadIdentity {
    this.assertNewChild(id, "id");
    return this.workloadIdentity(id, options.workloadIdentity, poolId);
  }

  /**
   * Creates a Workload Identity for this stack's cluster. Outputs `<id>_gsa_email`
   * (service-account mode) or `<id>_principals` (direct mode: the principal of each bound
   * Kubernetes service account, by `<namespace>/<name>`).
   */
  public addWorkloadIdentity(
    id: string,
    options: GkeWorkloadIdentityOptions = {},
  ): GkeWorkloadIdentity {
    this.assertNewChild(id, "id");
    return this.workloadIdentity(id, options, id);
  }

  private workloadIdentity(id: string, options: GkeWorkloadIdentityOptions, base: string) {
    const identity = new GkeWorkloadIdentity(this, id, { ...options, cluster: this.connection });
    if (identity.serviceAccountEmail !== undefined) {
      this.addOutput(
        base,
        "gsa_email",
        identity.serviceAccountEmail,
        `Email of the Google service account of ${base} (GKE Workload Identity)`,
      );
    } else {
      this.addOutput(
        base,
        "principals",
        Lazy.anyValue({
          produce: () =>
            Object.fromEntries(
              identity.subjects
                .map((s) => [`${s.namespace}/${s.name}`, identity.principalFor(s)] as const)
                .sort(([a], [b]) => a.localeCompare(b)),
            ),
        }),
        `IAM principals of the Kubernetes service accounts bound by ${base} (GKE Workload Identity, direct grants), by namespace/name`,
      );
    }
    return identity;
  }
}

export { RunnerStack } from "./runner-stack";
export type { RunnerStackPoolProps } from "./runner-stack";
export type { StateBackend } from "./state-backend";
