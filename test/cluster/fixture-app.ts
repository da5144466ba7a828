// Stacks built only for the cluster judge: configurations the default app and the examples do
// not contain but users may write, through the public API.
import { App } from "cdktf";
import { ArcGithubCredentials, ArcRunnerScaleSet, ArcScaleSetController } from "../../lib/index";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";

/**
 * ARC scale sets in both kubernetes container modes, at the Pod Security level each supports:
 * `kubernetes` with the restricted job-pod template in a `restricted` namespace, and
 * `kubernetes-novolume` in a `baseline` namespace (its hooks add an fs-init container that a
 * template cannot make restricted). The container-hook job pods must be admitted by the real
 * Pod Security admission; remove the template's securityContext and this stack fails.
 */
export function buildFixtureApp(app: App): void {
  const stack = new KubernetesRunnerStack(app, "judge-arc-kubernetes-mode", {
    kubeconfig: { configPath: "~/.kube/config" },
  });
  const controller = new ArcScaleSetController(stack, "arc-controller", {
    namespace: "judge-arc-systems",
  });
  for (const type of ["kubernetes", "kubernetes-novolume"] as const) {
    const restricted = type === "kubernetes";
    stack.addPool(`judge-${type}`, {
      namespace: {
        podSecurity: restricted
          ? "restricted"
          : { enforce: "baseline", audit: "restricted", warn: "restricted" },
        limitRange: {
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        },
      },
      platform: new ArcRunnerScaleSet({
        controller,
        githubConfigUrl: "https://github.com/example-org",
        githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
        maxRunners: 5,
        runnerScaleSetName: `judge-${type}`,
        containerMode: restricted
          ? {
              type,
              workVolumeClaim: { size: "10Gi", storageClassName: "standard" },
              jobPod: { restricted: true },
            }
          : { type },
      }),
    });
  }
}
