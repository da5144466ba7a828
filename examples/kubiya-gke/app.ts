// Kubiya runner on GKE: chart kubiya-runner (pinned), credentials from sensitive variables,
// the tool manager on a least-privilege Role, network policies per Kubiya's security guide.
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { KubiyaRunner } from "../../lib/runners/kubiya-runner";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";

/** Builds the example's stacks into `app`. */
export function build(app: App): TerraformStack[] {
  const stack = new KubernetesRunnerStack(app, "kubiya-gke", {
    kubeconfig: { configPath: "~/.kube/config", context: "gke-ci" },
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
