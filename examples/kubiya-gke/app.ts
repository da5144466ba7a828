// Kubiya runner on GKE: chart kubiya-runner (pinned), credentials from sensitive variables,
// the tool manager on a least-privilege Role, network policies per Kubiya's security guide.
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { KubiyaRunner, SensitiveValue } from "cdktf-runner-pools";
import { GkeRunnerStack } from "cdktf-runner-pools/stacks/gke";

/** Builds the example's stacks into `app`. */
export function build(app: App): TerraformStack[] {
  const stack = new GkeRunnerStack(app, "kubiya-gke", {
    project: "acme-ci",
    region: "europe-west1",
    cluster: { clusterName: "gke-ci", location: "europe-west1" },
  });
  const sensitive = (name: string, description: string) =>
    SensitiveValue.fromVariable(
      new TerraformVariable(stack, name, { type: "string", sensitive: true, description }),
    );
  const certificate = new TerraformVariable(stack, "registry_tls_crt", {
    type: "string",
    description:
      "base64 PEM certificate for the runner's cache registry (your own, not the chart's)",
  });
  stack.addPool("kubiya", {
    namespaceName: "kubiya",
    // Workflow pods run as the tool manager's service account: GKE Workload Identity binds it.
    identity: {
      workloadIdentity: {
        accountId: "kubiya-tool-manager",
        restrictTo: { namespace: "kubiya", serviceAccountName: "kubiya-runner-tool-manager" },
        projectRoles: ["roles/container.developer"],
      },
    },
    // Dagger's engine runs privileged; audit and warn still report against restricted.
    namespace: { podSecurity: { enforce: "privileged", audit: "restricted", warn: "restricted" } },
    platform: new KubiyaRunner({
      organization: "acme",
      uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
      runnerName: "gke-ci-runner",
      nats: {
        jwt: sensitive("nats_jwt", "NATS JWT issued for the runner"),
        secondJwt: sensitive("nats_second_jwt", "second NATS JWT issued for the runner"),
        subject: "kubiya.metrics.acme.gke-ci-runner",
      },
      registryTls: {
        certificateBase64: certificate.stringValue,
        keyBase64: sensitive("registry_tls_key", "base64 PEM private key of the cache registry"),
      },
      metrics: { scrapeFromNamespaces: ["gmp-system"] },
    }),
  });
  return [stack];
}
