import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import type { WorkloadIdentity } from "../lib/identity/workload-identity";
import { CONSTRUCT_ID_UNIQUE } from "../lib/core/rules/core-rules";
import { assertUniqueChildId } from "../lib/core/rules/report";
import { RunnerPool, RunnerPoolProps } from "../lib/pool";
import { configureBackend, StateBackend } from "./state-backend";

/**
 * A pool of a runner stack: its identity is a {@link WorkloadIdentity} you created, or the
 * stack's identity options, from which the stack creates one (construct id `<pool id>-identity`).
 */
export type RunnerStackPoolProps<TIdentityOptions> = Omit<RunnerPoolProps, "identity"> & {
  /** The pool's cloud identity, or options for the stack to create it. @default none */
  readonly identity?: WorkloadIdentity | TIdentityOptions;
};

/** True for an identity object (it can `bind`), false for identity options. */
export function isWorkloadIdentity(value: object): value is WorkloadIdentity {
  return typeof (value as Partial<WorkloadIdentity>).bind === "function";
}

/**
 * What every runner stack shares: its state backend, its pools by construct id, and the
 * identities it creates from pool options. Cloud stacks say how options become an identity.
 */
export abstract class RunnerStack<
  TIdentityOptions extends object,
  TIdentity extends WorkloadIdentity,
> extends TerraformStack {
  /** Pools by construct id. */
  public readonly pools: Record<string, RunnerPool> = {};
  /** Identities the stack created from pool options, by pool id. */
  public readonly identities: Record<string, TIdentity> = {};

  constructor(scope: Construct, id: string, backend?: StateBackend) {
    super(scope, id);
    configureBackend(this, id, backend);
  }

  /**
   * Adds a runner pool; identity options make the stack create the pool's identity.
   * A pool id already used in this stack fails with CORE-CONSTRUCT-ID-UNIQUE.
   */
  public addPool(id: string, props: RunnerStackPoolProps<TIdentityOptions>): RunnerPool {
    const { identity, ...rest } = props;
    this.assertNewChild(id, `pools.${id}`);
    let resolved: WorkloadIdentity | undefined;
    if (identity === undefined || isWorkloadIdentity(identity)) {
      resolved = identity;
    } else {
      this.assertNewChild(`${id}-identity`, `pools.${id}.identity`);
      const created = this.identityFromOptions(`${id}-identity`, identity, id);
      if (created) this.identities[id] = created;
      resolved = created;
    }
    const pool = new RunnerPool(this, id, { ...rest, identity: resolved });
    this.pools[id] = pool;
    return pool;
  }

  /** Fails with CORE-CONSTRUCT-ID-UNIQUE (not the constructs library's bare error) on a taken id. */
  protected assertNewChild(childId: string, field: string): void {
    assertUniqueChildId(this, childId, {
      rule: CONSTRUCT_ID_UNIQUE,
      field,
      value: childId,
      message: `this stack already has a construct with the id "${childId}"; construct ids become Terraform addresses and must be unique`,
    });
  }

  /** Adds the pools of the stack's props (call once the connection exists). */
  protected addPools(
    pools: Record<string, RunnerStackPoolProps<TIdentityOptions>> | undefined,
  ): void {
    for (const [poolId, poolProps] of Object.entries(pools ?? {})) this.addPool(poolId, poolProps);
  }

  /**
   * Creates the identity a pool's options describe; options it cannot turn into an
   * identity are reported (and the pool is built without one).
   */
  protected abstract identityFromOptions(
    id: string,
    options: TIdentityOptions,
    poolId: string,
  ): TIdentity | undefined;
}
