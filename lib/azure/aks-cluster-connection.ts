import { Construct } from "constructs";
import { Fn } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { helmRegistriesOf, HelmRegistryLogin } from "../kubernetes/kubeconfig-connection";
import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import type { ClusterConnection } from "../kubernetes/cluster-connection";
import type { ClusterNetworkFlows } from "../kubernetes/flows/network-flow";
import { aksClusterNetworkFlows } from "./aks-flows";
import {
  AKS_CLUSTER_NAME,
  AZURE_CLIENT_KEY_IN_STATE,
  AZURE_KUBELOGIN_CREDENTIALS,
  AZURE_RESOURCE_GROUP_NAME,
} from "./rules";

/** What AKS identity bindings need to know about a cluster. */
export interface AksClusterInfo {
  /** The cluster's OIDC issuer URL, exactly as AKS reports it (trailing slash included). */
  readonly oidcIssuerUrl: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** Azure region of the cluster. */
  readonly location: string;
}

/**
 * Which credentials the providers use:
 * - `entra-id`: host and CA from `kube_config`, token from `kubelogin get-token` (exec), for
 *   clusters with Entra ID integration (no client key passed to the providers);
 * - `user`: the cluster user's client certificate and key from `kube_config` (local
 *   accounts; cluster-admin on clusters without Entra ID), in the plan and the state;
 * - `admin`: the cluster admin's client certificate and key from `kube_admin_config`, in the
 *   plan and the state.
 * `user` and `admin` are reported as AZURE-CLIENT-KEY-IN-STATE (a warning).
 */
export type AksCredentials = "user" | "admin" | "entra-id";

/** How `kubelogin` gets an Entra ID token (`entra-id` credentials). */
export interface KubeloginOptions {
  /** `--login` mode. @default "azurecli" */
  readonly loginMode?: "azurecli" | "workloadidentity" | "msi" | "spn" | "azd";
  /** `--server-id`: the AKS Entra ID server application. @default "6dae42f8-4368-4678-94ff-3960e28e3630" */
  readonly serverId?: string;
}

/** Props of {@link AksClusterConnection}. */
export interface AksClusterConnectionProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** Credentials the kubernetes and helm providers use. @default "entra-id" */
  readonly credentials?: AksCredentials;
  /** kubelogin settings for `entra-id` credentials. @default Azure CLI login */
  readonly kubelogin?: KubeloginOptions;
  /** OCI registries the helm provider logs in to (the password only as a SensitiveValue). @default none */
  readonly helmRegistries?: HelmRegistryLogin[];
}

/** The AKS Entra ID server application id, the same for every tenant. */
export const AKS_ENTRA_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/**
 * Connects the `kubernetes` and `helm` providers to an AKS cluster from
 * `data azurerm_kubernetes_cluster` (kube config, admin kube config, or Entra ID through
 * kubelogin), and exposes the OIDC issuer URL unchanged for federated credentials.
 */
export class AksClusterConnection extends Construct implements ClusterConnection, AksClusterInfo {
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;
  public readonly clusterName: string;
  public readonly networkFlows: ClusterNetworkFlows = aksClusterNetworkFlows();
  /** The `data azurerm_kubernetes_cluster` lookup. */
  public readonly cluster: DataAzurermKubernetesCluster;
  public readonly oidcIssuerUrl: string;
  public readonly resourceGroupName: string;
  public readonly location: string;

  constructor(scope: Construct, id: string, props: AksClusterConnectionProps) {
    super(scope, id);
    this.clusterName = props.clusterName;
    this.resourceGroupName = props.resourceGroupName;
    this.cluster = new DataAzurermKubernetesCluster(this, "Cluster", {
      name: props.clusterName,
      resourceGroupName: props.resourceGroupName,
    });
    // Passed through unchanged: the federated credential's issuer must equal the token's `iss`.
    this.oidcIssuerUrl = this.cluster.oidcIssuerUrl;
    this.location = this.cluster.location;

    const credentials = props.credentials ?? "entra-id";
    const config =
      credentials === "admin"
        ? this.cluster.kubeAdminConfig.get(0)
        : this.cluster.kubeConfig.get(0);
    const host = config.host;
    const clusterCaCertificate = Fn.base64decode(config.clusterCaCertificate);
    let auth: {
      clientCertificate?: string;
      clientKey?: string;
      exec?: { apiVersion: string; command: string; args: string[] };
    };
    if (credentials === "entra-id") {
      auth = {
        exec: {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "kubelogin",
          args: [
            "get-token",
            "--login",
            props.kubelogin?.loginMode ?? "azurecli",
            "--server-id",
            props.kubelogin?.serverId ?? AKS_ENTRA_SERVER_ID,
          ],
        },
      };
    } else {
      auth = {
        clientCertificate: Fn.base64decode(config.clientCertificate),
        clientKey: Fn.base64decode(config.clientKey),
      };
    }
    this.kubernetesProvider = new KubernetesProvider(this, "Kubernetes", {
      host,
      clusterCaCertificate,
      clientCertificate: auth.clientCertificate,
      clientKey: auth.clientKey,
      exec: auth.exec ? [auth.exec] : undefined,
    });
    this.helmProvider = new HelmProvider(this, "Helm", {
      kubernetes: { host, clusterCaCertificate, ...auth },
      registries: helmRegistriesOf(this, props.helmRegistries),
    });

    addChecks(this, () => {
      const problems: (Problem | undefined)[] = [];
      if (
        !isUnresolved(props.clusterName) &&
        !/^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]$|^[A-Za-z0-9]$/.test(props.clusterName)
      ) {
        problems.push({
          rule: AKS_CLUSTER_NAME,
          field: "clusterName",
          value: props.clusterName,
          message:
            "an AKS cluster name is 1–63 letters, digits, '-' or '_', starting and ending with a letter or digit",
          example: '"ci-aks"',
        });
      }
      if (
        !isUnresolved(props.resourceGroupName) &&
        !/^[-\w._()]{1,90}$/.test(props.resourceGroupName)
      ) {
        problems.push({
          rule: AZURE_RESOURCE_GROUP_NAME,
          field: "resourceGroupName",
          value: props.resourceGroupName,
          message: "a resource group name is 1–90 letters, digits, '-', '_', '.', '(' or ')'",
          example: '"rg-ci"',
        });
      } else if (!isUnresolved(props.resourceGroupName) && props.resourceGroupName.endsWith(".")) {
        problems.push({
          rule: AZURE_RESOURCE_GROUP_NAME,
          field: "resourceGroupName",
          value: props.resourceGroupName,
          message: "a resource group name must not end with '.'",
          example: '"rg-ci"',
        });
      }
      if (credentials !== "entra-id") {
        problems.push({
          rule: AZURE_CLIENT_KEY_IN_STATE,
          field: "credentials",
          value: credentials,
          message: `the cluster's client certificate and key from ${credentials === "admin" ? "kube_admin_config (cluster-admin)" : "kube_config (cluster-admin on clusters without Entra ID)"} are passed to the kubernetes and helm providers: they are in the plan and the Terraform state, and stay valid until the cluster certificates are rotated`,
          example: 'credentials: "entra-id"',
        });
      }
      if (props.kubelogin && credentials !== "entra-id") {
        problems.push({
          rule: AZURE_KUBELOGIN_CREDENTIALS,
          field: "kubelogin",
          value: props.kubelogin,
          message: `only applies to credentials: "entra-id" (credentials is "${credentials}")`,
          example: 'credentials: "entra-id"',
        });
      }
      return problems;
    });
  }
}
