import "../lib/aws/provider-binding"; // first: a missing binding fails with what to install
import { Construct } from "constructs";
import { AwsProvider, AwsProviderDefaultTags } from "@cdktf/provider-aws/lib/provider";
import type { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type * as EksAddonModule from "@cdktf/provider-aws/lib/eks-addon";
import { EksClusterConnection, EksClusterConnectionProps } from "../lib/aws/eks-cluster-connection";
import { AwsIrsaIdentity, AwsIrsaIdentityOptions } from "../lib/aws/irsa-identity";
import { AwsPodIdentity, AwsPodIdentityOptions } from "../lib/aws/pod-identity";
import type { AwsRoleIdentity } from "../lib/aws/runner-role";
import { report } from "../lib/core/rules/report";
import type { WorkloadIdentity } from "../lib/identity/workload-identity";
import { RunnerPoolProps } from "../lib/pool";
import { RunnerStack } from "./runner-stack";
import { EKS_IDENTITY_ONE_OF } from "./rules";
import { StateBackend } from "./state-backend";
import { lazyBinding } from "../lib/core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const eksAddonBinding = lazyBinding<typeof EksAddonModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-aws/lib/eks-addon"),
);

/** Options from which an {@link EksRunnerStack} creates a pool's identity. */
export type EksPoolIdentity =
  /** IAM roles for service accounts. */
  | { readonly irsa: AwsIrsaIdentityOptions }
  /** EKS Pod Identity (the cluster needs the Pod Identity agent add-on). */
  | { readonly podIdentity: AwsPodIdentityOptions };

/** A pool of an {@link EksRunnerStack}. */
export interface EksRunnerPoolProps extends Omit<RunnerPoolProps, "identity"> {
  /**
   * The pool's cloud identity: a {@link WorkloadIdentity} you created, or IRSA / Pod
   * Identity options from which the stack creates one (construct id `<pool id>-identity`).
   * @default none
   */
  readonly identity?: WorkloadIdentity | EksPoolIdentity;
}

/** Props of {@link EksRunnerStack}. */
export interface EksRunnerStackProps {
  /** AWS region of the cluster (provider, data source, `aws eks get-token`). */
  readonly region: string;
  /** The cluster. Its `region` defaults to the stack's. */
  readonly cluster: Omit<EksClusterConnectionProps, "region"> & {
    /** Region of the cluster. @default the stack's `region` */
    readonly region?: string;
  };
  /** AWS provider options. @default credentials from the environment */
  readonly aws?: {
    /** AWS CLI profile. @default the environment's */
    readonly profile?: string;
    /** Refuse to run against any other account. @default any account */
    readonly allowedAccountIds?: string[];
    /** Tags on every AWS resource. @default none */
    readonly defaultTags?: Record<string, string>;
    /** Role the provider assumes. @default none */
    readonly assumeRoleArn?: string;
  };
  /**
   * Install the EKS Pod Identity Agent add-on (`eks-pod-identity-agent`), which Pod
   * Identity needs on every node. Leave off when the cluster already has it (creating an
   * installed add-on fails). @default false
   */
  readonly installPodIdentityAgent?: boolean;
  /** Where the state lives. @default local file `terraform.<stack>.tfstate` in the stack directory */
  readonly backend?: StateBackend;
  /** Pools to create, by construct id. More can be added with {@link EksRunnerStack.addPool}. @default none */
  readonly pools?: Record<string, EksRunnerPoolProps>;
}

/** A stack for runner pools on an EKS cluster, with IRSA or Pod Identity for their pods. */
export class EksRunnerStack extends RunnerStack<EksPoolIdentity, AwsIrsaIdentity | AwsPodIdentity> {
  /** The AWS provider. */
  public readonly awsProvider: AwsProvider;
  /** The cluster connection (kubernetes + helm providers, OIDC issuer). */
  public readonly connection: EksClusterConnection;
  /** The Pod Identity Agent add-on, when `installPodIdentityAgent` is set. */
  public readonly podIdentityAgent?: EksAddon;

  constructor(scope: Construct, id: string, props: EksRunnerStackProps) {
    super(scope, id, props.backend);
    const tags = props.aws?.defaultTags;
    this.awsProvider = new AwsProvider(this, "Aws", {
      region: props.region,
      profile: props.aws?.profile,
      allowedAccountIds: props.aws?.allowedAccountIds,
      defaultTags: tags ? [{ tags: sortedTags(tags) } as AwsProviderDefaultTags] : undefined,
      assumeRole: props.aws?.assumeRoleArn ? [{ roleArn: props.aws.assumeRoleArn }] : undefined,
    });
    // The providers' `aws eks get-token` runs as the same principal as the AWS provider
    // (its profile and assumed role), unless the cluster props say otherwise.
    this.connection = new EksClusterConnection(this, "Cluster", {
      ...props.cluster,
      region: props.cluster.region ?? props.region,
      awsProfile: props.cluster.awsProfile ?? props.aws?.profile,
      roleArn: props.cluster.roleArn ?? props.aws?.assumeRoleArn,
    });
    if (props.installPodIdentityAgent) {
      this.podIdentityAgent = new (eksAddonBinding().EksAddon)(this, "PodIdentityAgent", {
        clusterName: this.connection.clusterName,
        addonName: "eks-pod-identity-agent",
      });
    }
    this.addPools(props.pools);
  }

  protected identityFromOptions(
    id: string,
    options: EksPoolIdentity,
    poolId: string,
  ): AwsIrsaIdentity | AwsPodIdentity {
    if ("irsa" in options && "podIdentity" in options) {
      // Reported with every other problem of the synth; the pool goes on with IRSA.
      report(this, {
        rule: EKS_IDENTITY_ONE_OF,
        field: `pools.${poolId}.identity`,
        value: Object.keys(options),
        message: "choose one of irsa and podIdentity",
        example: "identity: { irsa: { … } }",
      });
    }
    this.assertNewChild(id, "id");
    return "irsa" in options
      ? this.irsaIdentity(id, options.irsa, poolId)
      : this.podIdentity(id, options.podIdentity, poolId);
  }

  /** Creates an IRSA identity for this stack's cluster (outputs `<id>_role_arn`, `<id>_role_name`). */
  public addIrsaIdentity(id: string, options: AwsIrsaIdentityOptions = {}): AwsIrsaIdentity {
    this.assertNewChild(id, "id");
    return this.irsaIdentity(id, options, id);
  }

  /**
   * Creates a Pod Identity role for this stack's cluster. Releases of the pools that use it
   * wait for their associations and, when this stack installs it, the Pod Identity Agent.
   * Outputs `<id>_role_arn` and `<id>_role_name`.
   */
  public addPodIdentity(id: string, options: AwsPodIdentityOptions = {}): AwsPodIdentity {
    this.assertNewChild(id, "id");
    return this.podIdentity(id, options, id);
  }

  private irsaIdentity(id: string, options: AwsIrsaIdentityOptions, base: string) {
    const identity = new AwsIrsaIdentity(this, id, { ...options, cluster: this.connection });
    this.addRoleOutputs(base, identity, "IRSA");
    return identity;
  }

  private podIdentity(id: string, options: AwsPodIdentityOptions, base: string) {
    const identity = new AwsPodIdentity(this, id, {
      ...options,
      cluster: this.connection,
      podIdentityAgent: this.podIdentityAgent,
    });
    this.addRoleOutputs(base, identity, "EKS Pod Identity");
    return identity;
  }

  private addRoleOutputs(base: string, identity: AwsRoleIdentity, kind: string): void {
    this.addOutput(base, "role_arn", identity.roleArn, `ARN of the IAM role of ${base} (${kind})`);
    this.addOutput(
      base,
      "role_name",
      identity.role.name,
      `Name of the IAM role of ${base} (${kind})`,
    );
  }
}

function sortedTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(tags)
      .sort()
      .map((k) => [k, tags[k]]),
  );
}

export { RunnerStack } from "./runner-stack";
export type { RunnerStackPoolProps } from "./runner-stack";
export type { StateBackend } from "./state-backend";
