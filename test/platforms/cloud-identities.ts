import type { Construct } from "constructs";
import type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "../../lib/identity/workload-identity";

/** The three clouds' binding shapes, as fakes: what lands on the service account and the pods. */
export type Cloud = "eks" | "gke" | "aks";

const SHAPES: Record<Cloud, (s: ServiceAccountSubject) => WorkloadIdentityBinding> = {
  eks: (s) => ({
    serviceAccountAnnotations: {
      "eks.amazonaws.com/role-arn": `arn:aws:iam::123456789012:role/${s.namespace}-${s.name}`,
    },
    podLabels: {},
  }),
  gke: (s) => ({
    serviceAccountAnnotations: {
      "iam.gke.io/gcp-service-account": `${s.name}@my-project.iam.gserviceaccount.com`,
    },
    podLabels: {},
  }),
  aks: (s) => ({
    serviceAccountAnnotations: {
      "azure.workload.identity/client-id": `client-${s.namespace}-${s.name}`,
    },
    podLabels: { "azure.workload.identity/use": "true" },
  }),
};

/** A fake cloud identity that records the subjects it binds. */
export class FakeCloudIdentity implements WorkloadIdentity {
  public readonly kind: string;
  public readonly subjects: ServiceAccountSubject[] = [];
  constructor(public readonly cloud: Cloud) {
    this.kind = `fake-${cloud}`;
  }
  public bind(_scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    this.subjects.push(subject);
    return SHAPES[this.cloud](subject);
  }
}

/** A recognizable fake secret; tests assert it never reaches the synthesized JSON. */
export const PLANTED_SECRET = "PLANTED-FAKE-SECRET-7f3a9c";
