import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { IRunnerNamespace } from "../../kubernetes/runner-namespace";

/** Where an agent's key pair is, once bound to the namespace the agent runs in. */
export interface AgentKeyBinding {
  /** Name of the Secret holding the private key (in the agent's namespace). */
  readonly secretName: string;
  /** Data key of the private key inside the Secret. */
  readonly secretKey: string;
  /** The public key, PEM (a literal or a Terraform reference). */
  readonly publicKeyPem: string;
  /**
   * What the agent's release must wait for (e.g. a Secret created in the same deploy).
   * @default - nothing: the Secret exists outside this deploy
   */
  readonly dependable?: ITerraformDependable;
}

/**
 * An asymmetric key pair an agent authenticates with: the private key stays in a Kubernetes
 * Secret, the public key is registered with the platform.
 */
export interface IAgentKey {
  /** One line for reviewers. */
  readonly description: string;
  /** Resolves (or creates) the key pair for an agent in `namespace`. */
  bind(scope: Construct, namespace: IRunnerNamespace): AgentKeyBinding;
}

/** Props of {@link AgentKey.fromExistingSecret}. */
export interface ExistingAgentKeyProps {
  /** Name of an existing Secret in the agent's namespace. */
  readonly secretName: string;
  /** Data key of the private key. @default "private_key" */
  readonly secretKey?: string;
  /** The public key, PEM. */
  readonly publicKeyPem: string;
}

/** Agent key pairs that live outside Terraform. */
export class AgentKey {
  /**
   * A key pair whose private key is already in a Secret (created with kubectl, External
   * Secrets, Sealed Secrets, …): it never passes through Terraform. Only the public key is
   * an input.
   */
  public static fromExistingSecret(props: ExistingAgentKeyProps): IAgentKey {
    return {
      description: `existing Secret ${props.secretName}`,
      bind: () => ({
        secretName: props.secretName,
        secretKey: props.secretKey ?? "private_key",
        publicKeyPem: props.publicKeyPem,
      }),
    };
  }
}
