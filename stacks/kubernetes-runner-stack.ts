import { Construct } from "constructs";
import {
  KubeconfigConnection,
  KubeconfigConnectionProps,
} from "../lib/kubernetes/kubeconfig-connection";
import { RunnerPoolProps } from "../lib/pool";
import type { WorkloadIdentity } from "../lib/identity/workload-identity";
import { RunnerStack } from "./runner-stack";
import { report } from "../lib/core/rules/report";
import { IDENTITY_OBJECT } from "./rules";
import { StateBackend } from "./state-backend";

/** Props of {@link KubernetesRunnerStack}. */
export interface KubernetesRunnerStackProps {
  /** How to reach the cluster. @default `~/.kube/config`, current context */
  readonly kubeconfig?: KubeconfigConnectionProps;
  /** Where the state lives. @default local file `terraform.<stack>.tfstate` in the stack directory */
  readonly backend?: StateBackend;
  /** Pools to create, by construct id. More can be added with {@link addPool}. @default - none */
  readonly pools?: Record<string, RunnerPoolProps>;
}

/** A stack for runner pools on any cluster reachable by kubeconfig. */
export class KubernetesRunnerStack extends RunnerStack<never, WorkloadIdentity> {
  /** The cluster connection (kubernetes + helm providers). */
  public readonly connection: KubeconfigConnection;

  constructor(scope: Construct, id: string, props: KubernetesRunnerStackProps = {}) {
    super(scope, id, props.backend);
    this.connection = new KubeconfigConnection(this, "Cluster", props.kubeconfig);
    this.addPools(props.pools);
  }

  /** Identity options need a cloud stack; here identities are passed as objects (options are reported). */
  protected identityFromOptions(_id: string, options: never, poolId: string): undefined {
    report(this, {
      rule: IDENTITY_OBJECT,
      field: `pools.${poolId}.identity`,
      value: Object.keys(options as object),
      message: "KubernetesRunnerStack takes identities as WorkloadIdentity objects only",
    });
    return undefined;
  }
}

export { RunnerStack } from "./runner-stack";
export type { RunnerStackPoolProps } from "./runner-stack";
export type { StateBackend } from "./state-backend";
