import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { build as buildEks } from "../../examples/arc-scale-sets-eks/app";
import { build as buildGke } from "../../examples/arc-legacy-webhook-gke/app";

const root = path.resolve(__dirname, "..", "..");

describe.each([
  ["arc-scale-sets-eks", buildEks],
  ["arc-legacy-webhook-gke", buildGke],
] as const)("example %s", (name, build) => {
  test("has its own cdktf.json running main.ts", () => {
    const config = JSON.parse(
      fs.readFileSync(path.join(root, "examples", name, "cdktf.json"), "utf8"),
    );
    expect(config.app).toContain("main.ts");
  });

  test("synthesizes without validation errors", () => {
    expect(() => Testing.synth(build(Testing.app()), true)).not.toThrow();
  });
});

test("EKS example: IRSA annotates each runner service account; dind pool is privileged", () => {
  const json = JSON.parse(Testing.synth(buildEks(Testing.app())));
  const accounts = Object.values(json.resource.kubernetes_service_account_v1) as {
    metadata: { name: string; annotations?: Record<string, string> };
  }[];
  for (const name of ["arc-docker-runner", "arc-general-runner"]) {
    const sa = accounts.find((a) => a.metadata.name === name);
    expect(sa?.metadata.annotations?.["eks.amazonaws.com/role-arn"]).toMatch(/aws_iam_role\./);
  }
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
  }[];
  const docker = parse(releases.find((r) => r.name === "arc-docker")!.values[0]);
  expect(docker.template.spec.serviceAccountName).toBe("arc-docker-runner");
  expect(JSON.stringify(json)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
});

test("GKE example: Workload Identity on the runner account; webhook server behind an Ingress", () => {
  const stack = buildGke(Testing.app());
  const json = JSON.parse(Testing.synth(stack));
  const accounts = Object.values(json.resource.kubernetes_service_account_v1) as {
    metadata: { name: string; annotations?: Record<string, string> };
  }[];
  const sa = accounts.find((a) => a.metadata.name === "arc-runners-runner");
  expect(sa?.metadata.annotations?.["iam.gke.io/gcp-service-account"]).toBeDefined();
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
  }[];
  const controller = parse(releases.find((r) => r.name === "actions-runner-controller")!.values[0]);
  expect(controller.githubWebhookServer.ingress).toMatchObject({
    enabled: true,
    ingressClassName: "gce",
  });
  expect(controller.githubWebhookServer.service.type).toBe("NodePort");
});
