import { Testing } from "cdktf";
import { GkeRunnerStack } from "../../stacks/gke-runner-stack";
import { gkeExample } from "../../stacks/example-config";
import { boundRunner } from "../support/fixtures";
import { ofType, onlyResource, synthErrors, synthJson } from "../support/stack";

function stack(props = gkeExample, id = "runners-gke") {
  return new GkeRunnerStack(Testing.app({ stackTraces: false }), id, props);
}

describe("GkeRunnerStack", () => {
  test("the example stack synthesizes (snapshot) and passes its validations", () => {
    const s = stack();
    expect(Testing.synth(s)).toMatchSnapshot();
    expect(synthErrors(s)).toBe("");
  });

  test("providers and the example pool's binding", () => {
    const json = synthJson(stack());
    expect(json.provider.google).toEqual([{ project: "acme-ci", region: "europe-west1" }]);
    expect(onlyResource(json, "google_container_cluster", "data")).toEqual({
      name: "ci-cluster",
      location: "europe-west1",
      project: "acme-ci",
    });
    expect(onlyResource(json, "google_service_account_iam_member").member).toBe(
      "serviceAccount:acme-ci.svc.id.goog[gitlab-runners/gitlab-runner]",
    );
    expect(onlyResource(json, "google_service_account").account_id).toBe("ci-gitlab-runners");
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.runners-gke.tfstate" } });
  });

  test("a GCS backend", () => {
    const json = synthJson(
      stack({ ...gkeExample, backend: { kind: "gcs", bucket: "acme-tf", prefix: "runners/gke" } }),
    );
    expect(json.terraform.backend).toEqual({ gcs: { bucket: "acme-tf", prefix: "runners/gke" } });
  });

  test("direct-mode options through addPool", () => {
    const s = stack({
      project: "acme-ci",
      cluster: { clusterName: "ci", location: "europe-west1", projectNumber: "123" },
    });
    s.addPool("builds", {
      platform: boundRunner(),
      identity: {
        workloadIdentity: { mode: "direct", projectRoles: ["roles/artifactregistry.writer"] },
      },
    });
    const json = synthJson(s);
    expect(ofType(json, "google_service_account")).toEqual({});
    expect(onlyResource(json, "google_project_iam_member").member).toBe(
      "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/acme-ci.svc.id.goog/subject/ns/builds/sa/runner",
    );
    expect(synthErrors(s)).toBe("");
  });
});
