import { Construct } from "constructs";
import { Fn } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { helmRegistriesOf, HelmRegistryLogin } from "../kubernetes/kubeconfig-connection";
import type { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import type * as DataGoogleClientConfigModule from "@cdktf/provider-google/lib/data-google-client-config";
import type { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import type * as DataGoogleProjectModule from "@cdktf/provider-google/lib/data-google-project";
import { LeanDataSource } from "../core/lean-data-source";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import type { ClusterConnection } from "../kubernetes/cluster-connection";
import type { ClusterNetworkFlows } from "../kubernetes/flows/network-flow";
import { gkeClusterNetworkFlows, GkeNetworkOptions } from "./gke-flows";
import {
  GCP_ACCESS_TOKEN_IN_STATE,
  GCP_LOCATION,
  GCP_PROJECT_ID,
  GCP_PROJECT_NUMBER,
  GKE_CLUSTER_NAME,
} from "./rules";
import { lazyBinding } from "../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const dataGoogleClientConfigBinding = lazyBinding<typeof DataGoogleClientConfigModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-google/lib/data-google-client-config"),
);
const dataGoogleProjectBinding = lazyBinding<typeof DataGoogleProjectModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-google/lib/data-google-project"),
);

/** What GKE identity bindings need to know about a cluster's project. */
export interface GkeClusterInfo {
  /** Project id of the cluster (and of its workload identity pool). */
  readonly projectId: string;
  /** Project number (for `principal://` identifiers). */
  readonly projectNumber: string;
  /** The workload identity pool, `<project>.svc.id.goog`. */
  readonly workloadPool: string;
  /** How pods reach the metadata server and DNS (Workload Identity flows follow it). @default - both metadata server addresses */
  readonly network?: GkeNetworkOptions;
}

/**
 * How the kubernetes and helm providers authenticate:
 * - `gke-gcloud-auth-plugin`: exec auth through the plugin kubectl uses (the plugin must be
 *   installed where Terraform runs; no token lands in the state);
 * - `access-token`: the caller's OAuth token from `data google_client_config` (works wherever
 *   the google provider does, without the plugin; the token is kept in the plan and the
 *   state and is valid up to an hour: reported as GCP-ACCESS-TOKEN-IN-STATE).
 */
export type GkeCredentials = "access-token" | "gke-gcloud-auth-plugin";

/** Props of {@link GkeClusterConnection}. */
export interface GkeClusterConnectionProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Cluster location: a region (regional cluster) or zone (zonal cluster). */
  readonly location: string;
  /** Project id of the cluster. @default the google provider's project (from `data google_client_config`) */
  readonly project?: string;
  /** Project number. @default read with `data google_project` when an identity needs it */
  readonly projectNumber?: string;
  /** How the providers authenticate to the cluster. @default "gke-gcloud-auth-plugin" */
  readonly credentials?: GkeCredentials;
  /** OCI registries the helm provider logs in to (the password only as a SensitiveValue). @default none */
  readonly helmRegistries?: HelmRegistryLogin[];
  /** How pods reach the metadata server and DNS: the flows pools open. @default - both metadata server addresses, kube-dns, Cloud DNS and NodeLocal DNSCache */
  readonly network?: GkeNetworkOptions;
}

const CLUSTER_NAME = /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/;
const PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

/**
 * Connects the `kubernetes` and `helm` providers to a GKE cluster: endpoint and CA from
 * `data google_container_cluster`, and a token from `gke-gcloud-auth-plugin` through exec
 * auth (or, with `credentials: "access-token"`, the caller's OAuth access token from
 * `data google_client_config`, which lands in the state). Exposes the project id, the
 * project number and the workload identity pool `<project>.svc.id.goog`.
 */
export class GkeClusterConnection extends Construct implements ClusterConnection, GkeClusterInfo {
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;
  public readonly clusterName: string;
  /**
   * The `data google_container_cluster` lookup; read more attributes with
   * `cluster.attribute("<terraform path>")`. (A lean data source: the generated binding is
   * ~2 MB of JavaScript and would dominate synth time.)
   */
  public readonly cluster: LeanDataSource;
  /** The `data google_client_config` (access token, default project), unless neither is needed. */
  public readonly clientConfig?: DataGoogleClientConfig;
  public readonly projectId: string;
  public readonly workloadPool: string;
  public readonly network?: GkeNetworkOptions;
  public readonly networkFlows: ClusterNetworkFlows;
  private readonly givenProjectNumber?: string;
  private projectLookup?: DataGoogleProject;

  constructor(scope: Construct, id: string, props: GkeClusterConnectionProps) {
    super(scope, id);
    this.clusterName = props.clusterName;
    this.givenProjectNumber = props.projectNumber;
    this.cluster = new LeanDataSource(this, "Cluster", "google_container_cluster", {
      name: props.clusterName,
      location: props.location,
      project: props.project,
    });
    const credentials = props.credentials ?? "gke-gcloud-auth-plugin";
    const exec =
      credentials === "gke-gcloud-auth-plugin"
        ? { apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin" }
        : undefined;
    // The client config is read only for what needs it: the token, or the default project.
    const clientConfig =
      !exec || props.project === undefined
        ? new (dataGoogleClientConfigBinding().DataGoogleClientConfig)(this, "ClientConfig", {})
        : undefined;
    this.clientConfig = clientConfig;
    this.projectId = props.project ?? (clientConfig as DataGoogleClientConfig).project;
    this.workloadPool = `${this.projectId}.svc.id.goog`;
    this.network = props.network;
    this.networkFlows = gkeClusterNetworkFlows(props.network);

    const host = `https://${this.cluster.attribute("endpoint")}`;
    const clusterCaCertificate = Fn.base64decode(
      this.cluster.attribute("master_auth[0].cluster_ca_certificate"),
    );
    const token = exec ? undefined : (clientConfig as DataGoogleClientConfig).accessToken;
    this.kubernetesProvider = new KubernetesProvider(this, "Kubernetes", {
      host,
      clusterCaCertificate,
      token,
      exec: exec ? [exec] : undefined,
    });
    this.helmProvider = new HelmProvider(this, "Helm", {
      kubernetes: { host, clusterCaCertificate, token, exec },
      registries: helmRegistriesOf(this, props.helmRegistries),
    });

    addChecks(this, () => {
      const problems: (Problem | undefined)[] = [];
      if (clientConfig) {
        problems.push({
          rule: GCP_ACCESS_TOKEN_IN_STATE,
          field: exec ? "project" : "credentials",
          value: exec ? undefined : credentials,
          message: exec
            ? "data google_client_config is read for the default project; the caller's OAuth access token it also returns lands in the Terraform state (data.google_client_config.access_token). Set the cluster's project to leave it out"
            : "the caller's OAuth access token (data google_client_config.access_token) is passed to the kubernetes and helm providers: it is in the plan and the Terraform state, valid up to an hour with all of the caller's permissions",
          example: 'credentials: "gke-gcloud-auth-plugin", project: "ci-platform-prod"',
        });
      }
      if (!isUnresolved(props.clusterName) && !CLUSTER_NAME.test(props.clusterName)) {
        problems.push({
          rule: GKE_CLUSTER_NAME,
          field: "clusterName",
          value: props.clusterName,
          message:
            "a GKE cluster name is 1–40 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit",
          example: '"ci-cluster"',
        });
      }
      if (!isUnresolved(props.location) && !/^[a-z]+-[a-z]+\d+(-[a-z])?$/.test(props.location)) {
        problems.push({
          rule: GCP_LOCATION,
          field: "location",
          value: props.location,
          message: "must be a Google Cloud region or zone",
          example: '"europe-west1" or "europe-west1-b"',
        });
      }
      if (
        props.project !== undefined &&
        !isUnresolved(props.project) &&
        !PROJECT_ID.test(props.project)
      ) {
        problems.push({
          rule: GCP_PROJECT_ID,
          field: "project",
          value: props.project,
          message: "a project id is 6–30 lower-case letters, digits or '-', starting with a letter",
          example: '"ci-platform-prod"',
        });
      }
      if (
        props.projectNumber !== undefined &&
        !isUnresolved(props.projectNumber) &&
        !/^\d{1,20}$/.test(props.projectNumber)
      ) {
        problems.push({
          rule: GCP_PROJECT_NUMBER,
          field: "projectNumber",
          value: props.projectNumber,
          message: "a project number is digits only (not the project id)",
          example: '"123456789012"',
        });
      }
      return problems;
    });
  }

  /** Project number: as given, else read once with `data google_project` (id `Project`). */
  public get projectNumber(): string {
    if (this.givenProjectNumber !== undefined) return this.givenProjectNumber;
    this.projectLookup ??= new (dataGoogleProjectBinding().DataGoogleProject)(this, "Project", {
      projectId: this.projectId,
    });
    return this.projectLookup.number;
  }
}
