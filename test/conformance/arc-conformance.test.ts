// Conformance with the upstream ARC charts (../shared/upstream/arc): every object the
// project renders validates against the CRD schemas, and every Helm values key it sets
// exists in the chart's values.yaml.
import { Testing } from "cdktf";
import { ArcLegacyRunnerPlatform } from "../../lib/platforms/arc/legacy/legacy-runner-platform";
import { RunnerRelease } from "../../lib/release/runner-release";
import { buildDefaultApp } from "../../stacks/default-app";
import {
  crdValidators,
  documentedValueKeys,
  templateConsumedKeys,
  setValuePaths,
  toJsonSchema,
} from "../support/arc-upstream";
import { legacyStack, scaleSetStack } from "../support/arc-fixtures";
import { IConstruct } from "constructs";
import { build as buildEksExample } from "../../examples/arc-scale-sets-eks/app";
import { build as buildGkeExample } from "../../examples/arc-legacy-webhook-gke/app";

function releasesOf(scope: IConstruct): RunnerRelease[] {
  return scope.node.findAll().filter((c): c is RunnerRelease => c instanceof RunnerRelease);
}

function allStacks(): IConstruct[] {
  const app = Testing.app({ stackTraces: false });
  return [
    scaleSetStack(),
    legacyStack(),
    ...buildDefaultApp(app),
    buildEksExample(app),
    buildGkeExample(app),
  ];
}

describe("CRD conformance (actions.summerwind.dev)", () => {
  const validators = crdValidators("actions-runner-controller");
  // The fixtures (every option) and the GKE example.
  const pools = [
    ...Object.values(legacyStack().pools),
    ...Object.values(buildGkeExample(Testing.app({ stackTraces: false })).pools),
  ];
  const objects = pools.flatMap((pool) =>
    pool.platform instanceof ArcLegacyRunnerPlatform ? [...pool.platform.manifests] : [],
  );

  test("the fixtures render every kind", () => {
    expect(objects.map((o) => o.kind).sort()).toEqual([
      "HorizontalRunnerAutoscaler",
      "HorizontalRunnerAutoscaler",
      "HorizontalRunnerAutoscaler",
      "RunnerDeployment",
      "RunnerDeployment",
      "RunnerDeployment",
      "RunnerDeployment",
      "RunnerSet",
    ]);
  });

  test.each(["RunnerDeployment", "RunnerSet", "HorizontalRunnerAutoscaler"])(
    "every %s validates against the upstream CRD",
    (kind) => {
      const validate = validators[kind];
      expect(validate).toBeDefined();
      for (const object of objects.filter((o) => o.kind === kind)) {
        const ok = validate(object);
        expect({
          name: (object.metadata as { name: string }).name,
          errors: ok ? null : validate.errors,
        }).toEqual({
          name: (object.metadata as { name: string }).name,
          errors: null,
        });
      }
    },
  );

  test("the validator rejects a misspelt field and a bad enum (the test can fail)", () => {
    const validate = validators.HorizontalRunnerAutoscaler;
    expect(
      validate({
        apiVersion: "actions.summerwind.dev/v1alpha1",
        kind: "HorizontalRunnerAutoscaler",
        spec: { minReplica: 1 },
      }),
    ).toBe(false);
    expect(validate({ spec: { scaleTargetRef: { kind: "Deployment", name: "x" } } })).toBe(false);
    expect(
      validators.RunnerDeployment({ spec: { template: { spec: { dockerMTU: "1400" } } } }),
    ).toBe(false);
  });

  test("int-or-string and nullable are converted", () => {
    expect(toJsonSchema({ "x-kubernetes-int-or-string": true, type: "string" })).toEqual({
      anyOf: [{ type: "integer" }, { type: "string" }],
    });
    expect(toJsonSchema({ type: "integer", nullable: true })).toEqual({
      type: ["integer", "null"],
    });
  });
});

describe("Helm values keys exist in the upstream values.yaml", () => {
  // Below these paths the chart copies the value verbatim into a Kubernetes object
  // (pod template, security contexts, annotations, a PVC spec), so the keys are
  // Kubernetes API fields, not chart values (`template`/`listenerTemplate` are whole
  // PodTemplateSpecs: the chart reads template.metadata.{labels,annotations} and
  // template.spec). Lists are replaced wholesale and not descended.
  const FREE_FORM: Record<string, string[]> = {
    "gha-runner-scale-set-controller": [
      "serviceAccount.annotations",
      "podSecurityContext",
      "securityContext",
      "resources",
      "podAnnotations",
      "podLabels",
      "nodeSelector",
      "affinity",
      "image",
    ],
    "gha-runner-scale-set": [
      "template",
      "listenerTemplate",
      "containerMode.kubernetesModeWorkVolumeClaim",
      "listenerMetrics",
    ],
    "actions-runner-controller": [
      "podSecurityContext",
      "securityContext",
      "serviceAccount.annotations",
      "githubWebhookServer.podSecurityContext",
      "githubWebhookServer.securityContext",
      "githubWebhookServer.service.annotations",
      "githubWebhookServer.ingress.annotations",
      "admissionWebHooks.caBundle",
      "resources",
      "nodeSelector",
      "affinity",
      "githubWebhookServer.resources",
      "githubWebhookServer.nodeSelector",
      "githubWebhookServer.affinity",
    ],
  };
  const charts: Record<string, string[]> = {};
  for (const stack of allStacks()) {
    for (const release of releasesOf(stack)) {
      const chart = release.chart.chart;
      if (!(chart in FREE_FORM)) continue;
      charts[chart] = [
        ...(charts[chart] ?? []),
        ...setValuePaths(release.renderedValues, FREE_FORM[chart]),
      ];
    }
  }

  test("all three charts are covered", () => {
    expect(Object.keys(charts).sort()).toEqual([
      "actions-runner-controller",
      "gha-runner-scale-set",
      "gha-runner-scale-set-controller",
    ]);
  });

  test.each(Object.keys(FREE_FORM))(
    "%s: every key set is documented in values.yaml or read by a template",
    (chart) => {
      const documented = documentedValueKeys(chart);
      const consumed = templateConsumedKeys(chart);
      const unknown = [...new Set(charts[chart] ?? [])]
        .filter((p) => !documented.has(p) && !consumed.has(p))
        .sort();
      expect(unknown).toEqual([]);
    },
  );

  test("keys only a template reads are found (legacy logLevel, deployment.yaml:61-62)", () => {
    expect(documentedValueKeys("actions-runner-controller").has("logLevel")).toBe(false);
    expect(templateConsumedKeys("actions-runner-controller").has("logLevel")).toBe(true);
    expect(
      templateConsumedKeys("actions-runner-controller").has("githubWebhookServer.queueLimit"),
    ).toBe(true);
    expect(templateConsumedKeys("actions-runner-controller").has("nologLevel")).toBe(false);
  });

  test("an unknown key is caught", () => {
    const documented = documentedValueKeys("gha-runner-scale-set");
    expect(documented.has("minRunners")).toBe(true);
    expect(documented.has("controllerServiceAccount.namespace")).toBe(true);
    expect(documented.has("minRunner")).toBe(false);
  });
});
