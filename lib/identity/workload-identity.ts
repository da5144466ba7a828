import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { NetworkFlow } from "../kubernetes/flows/network-flow";

/** The Kubernetes service account a cloud identity must trust. */
export interface ServiceAccountSubject {
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Service account name. */
  readonly name: string;
}

/** What the Kubernetes side needs once the cloud side of a binding exists. */
export interface WorkloadIdentityBinding {
  /** Annotations for the service account (e.g. `eks.amazonaws.com/role-arn`). */
  readonly serviceAccountAnnotations: Record<string, string>;
  /** Labels for the pods that use the service account (e.g. `azure.workload.identity/use`). */
  readonly podLabels: Record<string, string>;
  /** The cloud principal, for summaries (role ARN, GSA email, client id). @default - not shown */
  readonly principal?: string;
  /**
   * What the pods of the bound service account need in place **at admission**: the cloud
   * side of the binding (Pod Identity association and its agent add-on, IAM members,
   * federated credentials, role policies, attachments and assignments). The pool makes every
   * release depend on them, so no pod starts before its credentials can be issued (EKS
   * injects Pod Identity and IRSA credentials when the pod is admitted; a pod admitted
   * earlier never gets them), and the releases are destroyed before them.
   * @default - none
   */
  readonly dependables?: readonly ITerraformDependable[];
  /**
   * Egress the pods of the bound service account need to get credentials (the GKE metadata
   * server, the EKS Pod Identity Agent, STS or Entra ID on 443). The pool declares them in
   * the account's namespace. @default - none
   */
  readonly flows?: readonly NetworkFlow[];
}

/**
 * Binds a Kubernetes service account to a cloud identity without keys: given the
 * subject, it creates the cloud side (role + trust, GSA + IAM binding, managed identity
 * + federated credential, grants) and returns what the Kubernetes side needs.
 */
export interface WorkloadIdentity {
  /** Short kind, e.g. `aws-irsa`, `gke-workload-identity`. */
  readonly kind: string;
  /**
   * Creates the cloud-side resources under `scope` for one subject.
   * Called once per bound service account.
   */
  bind(scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding;
}
