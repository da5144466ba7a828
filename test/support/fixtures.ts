// Shared test fixtures: a fake workload identity and a runner platform bound to an identity.
import type { Construct } from "constructs";
import { ChartSource } from "../../lib/release/chart-source";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";
import type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "../../lib/identity/workload-identity";

/** A fake identity that records the subjects it was asked to bind. */
export class FakeIdentity implements WorkloadIdentity {
  public readonly kind = "fake";
  public readonly subjects: ServiceAccountSubject[] = [];
  constructor(private readonly podLabels: Record<string, string> = {}) {}
  public bind(_scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    this.subjects.push(subject);
    return {
      serviceAccountAnnotations: { "example.com/identity": `${subject.namespace}.${subject.name}` },
      podLabels: this.podLabels,
    };
  }
}

/** A runner platform whose one service account (`runner`) is bound to the pool's identity. */
export function boundRunner(
  options: { podLabelsValuesPath?: string; name?: string } = {},
): CustomChartRunner {
  return new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    values: { rbac: { create: false }, serviceAccount: { create: false } },
    podLabelsValuesPath: options.podLabelsValuesPath,
    serviceAccounts: [
      {
        id: "Runner",
        name: options.name ?? "runner",
        valuesPath: "serviceAccount.name",
        bindIdentity: true,
      },
    ],
  });
}
