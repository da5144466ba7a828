// Legacy ARC (RunnerDeployment + HorizontalRunnerAutoscaler) on GKE, scaled by GitHub
// webhooks: the github webhook server behind a GKE Ingress with a managed TLS secret,
// runners that scale from zero on `workflow_job` events, a queued-jobs metric as a
// safety net, office-hours warm runners, and GKE Workload Identity for job steps.
import { App, TerraformVariable } from "cdktf";
import {
  ArcGithubCredentials,
  ArcLegacyController,
  ArcRunnerDeployment,
  SensitiveValue,
} from "cdktf-runner-pools";
import { ArcSelfSignedWebhookCertificates } from "cdktf-runner-pools/tls";
import { GkeRunnerStack } from "cdktf-runner-pools/stacks/gke";

/** Adds the example stack `arc-legacy-webhook-gke` to an app. */
export function build(app: App): GkeRunnerStack {
  const stack = new GkeRunnerStack(app, "arc-legacy-webhook-gke", {
    project: "acme-ci",
    region: "europe-west1",
    cluster: { clusterName: "ci-cluster", location: "europe-west1" },
    backend: { kind: "gcs", bucket: "acme-terraform-state", prefix: "ci/arc-legacy" },
  });

  // GitHub signs webhook deliveries with this token; the Secret is created from the variable.
  const webhookToken = new TerraformVariable(stack, "github_webhook_secret", {
    type: "string",
    sensitive: true,
  });

  const controller = new ArcLegacyController(stack, "arc", {
    // the cluster's API server ports and DNS path (GKE: Cloud DNS, NodeLocal DNSCache)
    cluster: stack.connection.networkFlows,
    // The controller's GitHub App secret is managed outside Terraform (e.g. External Secrets).
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
    syncPeriod: "1m",
    defaultScaleDownDelay: "10m",
    // No cert-manager on this cluster: a CA generated once and kept in the state.
    certificates: new ArcSelfSignedWebhookCertificates(),
    githubWebhookServer: {
      secretToken: { value: SensitiveValue.fromVariable(webhookToken) },
      // GKE's Ingress needs a NodePort (or NEG) backend.
      serviceType: "NodePort",
      ingress: {
        className: "gce",
        hosts: ["arc-webhook.ci.acme.example"],
        tlsSecretName: "arc-webhook-tls",
        path: "/*",
        pathType: "ImplementationSpecific",
      },
      // Traffic arrives from Google's load balancers and health checkers.
      allowFrom: [{ cidr: "130.211.0.0/22" }, { cidr: "35.191.0.0/16" }],
    },
  });

  stack.addPool("arc-runners", {
    namespace: {
      podSecurity: "privileged",
      resourceQuota: { "requests.cpu": "64", pods: "80" },
      // Sidecars and hook-created job pods set no requests; defaults keep them under the quota.
      limitRange: {
        defaultRequests: { cpu: "250m", memory: "512Mi" },
        defaultLimits: { cpu: "2", memory: "4Gi" },
      },
    },
    identity: {
      workloadIdentity: {
        accountId: "ci-arc-runners",
        restrictTo: { namespace: "arc-runners" },
        projectRoles: ["roles/artifactregistry.writer", "roles/storage.objectUser"],
      },
    },
    platform: new ArcRunnerDeployment({
      controller,
      organization: "acme",
      labels: ["gke", "linux"],
      group: "default",
      ephemeral: true,
      dockerEnabled: true,
      dockerMTU: 1460, // GKE's VPC MTU
      resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
      tolerations: [
        {
          key: "cloud.google.com/gke-spot",
          operator: "Equal",
          value: "true",
          effect: "NoSchedule",
        },
      ],
      nodeSelector: { "cloud.google.com/gke-nodepool": "ci-runners" },
      terminationGracePeriodSeconds: 110,
      gracefulStopTimeoutSeconds: 90,
      autoscaling: {
        minReplicas: 0,
        maxReplicas: 30,
        metrics: [
          {
            type: "PercentageRunnersBusy",
            scaleUpThreshold: "0.75",
            scaleDownThreshold: "0.25",
            scaleUpFactor: "2",
            scaleDownFactor: "0.5",
          },
          {
            type: "TotalNumberOfQueuedAndInProgressWorkflowRuns",
            repositoryNames: ["web", "api"],
          },
        ],
        scaleUpTriggers: [{ githubEvent: { workflowJob: {} }, duration: "30m" }],
        scheduledOverrides: [
          {
            // Every day 08:00–18:00 CET: keep three runners warm.
            startTime: "2025-01-06T08:00:00+01:00",
            endTime: "2025-01-06T18:00:00+01:00",
            minReplicas: 3,
            recurrenceRule: { frequency: "Daily" },
          },
        ],
        scaleDownDelaySecondsAfterScaleOut: 300,
      },
    }),
  });
  return stack;
}
