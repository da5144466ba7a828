import "../lib/azure/provider-binding"; // first: a missing binding fails with what to install
import { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { isUnresolved } from "../lib/core/rules/problem";
import { addChecks } from "../lib/core/rules/report";
import {
  AksClusterConnection,
  AksClusterConnectionProps,
} from "../lib/azure/aks-cluster-connection";
import {
  AksWorkloadIdentity,
  AksWorkloadIdentityOptions,
} from "../lib/azure/aks-workload-identity";
import type { WorkloadIdentity } from "../lib/identity/workload-identity";
import { RunnerPoolProps } from "../lib/pool";
import { RunnerStack } from "./runner-stack";
import { AZURE_GUID } from "./rules";
import { StateBackend } from "./state-backend";

/** Options from which an {@link AksRunnerStack} creates a pool's identity. */
export interface AksPoolIdentity {
  /** AKS Workload Identity (user-assigned identity + federated credentials). */
  readonly workloadIdentity: AksWorkloadIdentityOptions;
}

/** A pool of an {@link AksRunnerStack}. */
export interface AksRunnerPoolProps extends Omit<RunnerPoolProps, "identity"> {
  /**
   * The pool's cloud identity: a {@link WorkloadIdentity} you created, or Workload Identity
   * options from which the stack creates one (construct id `<pool id>-identity`).
   * @default none
   */
  readonly identity?: WorkloadIdentity | AksPoolIdentity;
}

/** Props of {@link AksRunnerStack}. */
export interface AksRunnerStackProps {
  /** Subscription of the cluster (the azurerm provider needs it). */
  readonly subscriptionId: string;
  /** Entra ID tenant. @default the environment's */
  readonly tenantId?: string;
  /** Authenticate the azurerm provider with OIDC (CI federated credentials). @default false (Azure CLI or environment) */
  readonly useOidc?: boolean;
  /** The cluster. */
  readonly cluster: AksClusterConnectionProps;
  /** Where the state lives. @default local file `terraform.<stack>.tfstate` in the stack directory */
  readonly backend?: StateBackend;
  /** Pools to create, by construct id. More can be added with {@link AksRunnerStack.addPool}. @default none */
  readonly pools?: Record<string, AksRunnerPoolProps>;
}

/** A stack for runner pools on an AKS cluster, with Workload Identity for their pods. */
export class AksRunnerStack extends RunnerStack<AksPoolIdentity, AksWorkloadIdentity> {
  /** The azurerm provider. */
  public readonly azurermProvider: AzurermProvider;
  /** The cluster connection (kubernetes + helm providers, OIDC issuer). */
  public readonly connection: AksClusterConnection;

  constructor(scope: Construct, id: string, props: AksRunnerStackProps) {
    super(scope, id, props.backend);
    this.azurermProvider = new AzurermProvider(this, "Azurerm", {
      features: [{}],
      subscriptionId: props.subscriptionId,
      tenantId: props.tenantId,
      useOidc: props.useOidc,
    });
    this.connection = new AksClusterConnection(this, "Cluster", props.cluster);
    addChecks(this, () =>
      (
        [
          ["subscriptionId", props.subscriptionId],
          ["tenantId", props.tenantId],
        ] as const
      )
        .filter(([, v]) => v !== undefined && !isUnresolved(v) && !GUID.test(v))
        .map(([field, value]) => ({
          rule: AZURE_GUID,
          field,
          value,
          message: "must be a GUID",
          example: '"00000000-0000-0000-0000-000000000000"',
        })),
    );
    this.addPools(props.pools);
  }

  protected identityFromOptions(
    id: string,
    options: AksPoolIdentity,
    poolId: string,
  ): AksWorkloadIdentity {
    this.assertNewChild(id, "id");
    return this.workloadIdentity(id, options.workloadIdentity, poolId);
  }

  /** Creates a Workload Identity for this stack's cluster. */
  public addWorkloadIdentity(
    id: string,
    options: AksWorkloadIdentityOptions = {},
  ): AksWorkloadIdentity {
    this.assertNewChild(id, "id");
    return this.workloadIdentity(id, options, id);
  }

  private workloadIdentity(id: string, options: AksWorkloadIdentityOptions, base: string) {
    const identity = new AksWorkloadIdentity(this, id, { ...options, cluster: this.connection });
    this.addOutput(
      base,
      "client_id",
      identity.clientId,
      `Client id of the user-assigned managed identity of ${base} (AKS Workload Identity)`,
    );
    this.addOutput(
      base,
      "principal_id",
      identity.principalId,
      `Principal (object) id of the user-assigned managed identity of ${base}, for role assignments`,
    );
    return identity;
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export { RunnerStack } from "./runner-stack";
export type { RunnerStackPoolProps } from "./runner-stack";
export type { StateBackend } from "./state-backend";
