import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import {
  KubeconfigConnection,
  KubeconfigConnectionProps,
} from "../lib/kubernetes/kubeconfig-connection";
import { RunnerPool, RunnerPoolProps } from "../lib/pool";
import { configureBackend, StateBackend } from "./state-backend";

/** Props of {@link KubernetesRunnerStack}. */
export interface KubernetesRunnerStackProps {
  /** How to reach the cluster. @default `~/.kube/config`, current context */
  readonly kubeconfig?: KubeconfigConnectionProps;
  /** Where the state lives. @default local file `terraform.<stack>.tfstate` in the stack directory */
  readonly backend?: StateBackend;
  /** Pools to create, by construct id. More can be added with {@link addPool}. */
  readonly pools?: Record<string, RunnerPoolProps>;
}

/** A stack for runner pools on any cluster reachable by kubeconfig. */
export class KubernetesRunnerStack extends TerraformStack {
  /** The cluster connection (kubernetes + helm providers). */
  public readonly connection: KubeconfigConnection;
  /** Pools by construct id. */
  public readonly pools: Record<string, RunnerPool> = {};

  constructor(scope: Construct, id: string, props: KubernetesRunnerStackProps = {}) {
    super(scope, id);
    configureBackend(this, id, props.backend);
    this.connection = new KubeconfigConnection(this, "Cluster", props.kubeconfig);
    for (const [poolId, poolProps] of Object.entries(props.pools ?? {}))
      this.addPool(poolId, poolProps);
  }

  /** Adds a runner pool to the stack. */
  public addPool(id: string, props: RunnerPoolProps): RunnerPool {
    const pool = new RunnerPool(this, id, props);
    this.pools[id] = pool;
    return pool;
  }
}
