import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { WorkloadIdentity } from "../lib/identity/workload-identity";
import type { ClusterConnection } from "../lib/kubernetes/cluster-connection";
import { CONSTRUCT_ID_UNIQUE } from "../lib/core/rules/core-rules";
import { assertUniqueChildId } from "../lib/core/rules/report";
import { prepareStackTokens, renderStackTokens } from "../lib/core/stack-synthesis";
import { useLazyTokenStackTraces } from "../lib/core/token-stack-traces";
import { RunnerPool, RunnerPoolProps } from "../lib/pool";
import { unwrapInterpolationOnly } from "./hcl";
import { configureBackend, requiredTerraformVersion, StateBackend } from "./state-backend";

/** A Terraform output name from a pool or identity id: letters, digits, `_` and `-`. */
export function outputName(base: string, attribute: string): string {
  const cleaned = base.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${/^[A-Za-z_]/.test(cleaned) ? "" : "_"}${cleaned}_${attribute}`;
}

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
  /**
   * The stack's outputs by name: per pool `<pool>_namespaces` and `<pool>_service_accounts`;
   * per identity the stack creates, what other configurations wire (`<pool>_role_arn`,
   * `<pool>_gsa_email`, `<pool>_client_id`, …; `<id>_…` for `add…Identity(id)`).
   */
  public readonly outputs: Record<string, TerraformOutput> = {};
  /** The Terraform version constraint (`terraform.required_version`). */
  public readonly requiredVersion: string;
  /** The cluster connection (its API server and DNS paths become the pools' flows). */
  public abstract readonly connection: ClusterConnection;

  constructor(scope: Construct, id: string, backend?: StateBackend) {
    useLazyTokenStackTraces();
    super(scope, id);
    configureBackend(this, id, backend);
    this.requiredVersion = requiredTerraformVersion(backend);
  }

  /**
   * cdktf's preparing pass (cross-stack references, lazy values), resolving only the values
   * that hold a token: same tokens, same order, without walking the literal rest.
   */
  public prepareStack(): void {
    prepareStackTokens(this);
  }

  /**
   * The stack's Terraform JSON, with `terraform.required_version`: cdktf's render, resolving
   * only the values that hold a token.
   */
  public toTerraform(): { [key: string]: unknown } {
    const tf = renderStackTokens(this) as { terraform?: Record<string, unknown> };
    tf.terraform = { required_version: this.requiredVersion, ...tf.terraform };
    return tf;
  }

  /**
   * The stack as HCL (`cdktf synth --hcl`), with `required_version`. Not set through
   * `addOverride`: cdktf 0.21's HCL writer renders extra attributes of the `terraform` block
   * by index (`0 = "required_version"`), which is not valid HCL.
   */
  public toHclTerraform(): { [key: string]: unknown } {
    const out = super.toHclTerraform() as { hcl: string };
    const hcl = out.hcl.replace(
      /^terraform \{\n/m,
      `terraform {\nrequired_version = ${JSON.stringify(this.requiredVersion)}\n`,
    );
    if (hcl === out.hcl) throw new Error("cdktf's HCL output has no terraform block");
    return { ...out, hcl: unwrapInterpolationOnly(hcl) };
  }

  /**
   * Adds a stack output (construct id and Terraform name `<base>_<attribute>`). A name that
   * is taken fails with CORE-CONSTRUCT-ID-UNIQUE.
   */
  protected addOutput(
    base: string,
    attribute: string,
    value: unknown,
    description: string,
  ): TerraformOutput {
    const name = outputName(base, attribute);
    this.assertNewChild(name, `outputs.${name}`);
    const output = new TerraformOutput(this, name, { value, description });
    output.overrideLogicalId(name);
    this.outputs[name] = output;
    return output;
  }

  /** The outputs of a pool: its namespaces and the service accounts it created. */
  private addPoolOutputs(id: string, pool: RunnerPool): void {
    const namespaces = Object.fromEntries(
      Object.keys(pool.namespaces)
        .sort()
        .map((role) => [role, pool.namespaces[role].name]),
    );
    this.addOutput(
      id,
      "namespaces",
      namespaces,
      `Namespaces of runner pool ${id}, by role (runners: where the runner pods run)`,
    );
    const accounts = Object.fromEntries(
      Object.keys(pool.serviceAccounts)
        .sort()
        .map((request) => {
          const sa = pool.serviceAccounts[request];
          return [request, { namespace: sa.namespaceName, name: sa.name }];
        }),
    );
    this.addOutput(
      id,
      "service_accounts",
      accounts,
      `Kubernetes service accounts of runner pool ${id}, by purpose: namespace and name`,
    );
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
    const pool = new RunnerPool(this, id, {
      ...rest,
      identity: resolved,
      cluster: rest.cluster ?? this.connection.networkFlows,
    });
    this.pools[id] = pool;
    this.addPoolOutputs(id, pool);
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
