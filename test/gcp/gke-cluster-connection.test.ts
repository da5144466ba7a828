import { TerraformOutput } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { GkeClusterConnection } from "../../lib/gcp";
import {
  findingsOf,
  newStack,
  ofType,
  onlyResource,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../support/stack";

describe("GkeClusterConnection", () => {
  test("access-token credentials: the caller's token from google_client_config, with a warning that it lands in the state", () => {
    const stack = newStack("test", { providers: false });
    new GoogleProvider(stack, "google", { project: "acme-ci" });
    const c = new GkeClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      location: "europe-west1",
      project: "acme-ci",
      credentials: "access-token",
    });
    const json = synthJson(stack);
    const clusterId = Object.keys(ofType(json, "google_container_cluster", "data"))[0];
    const configId = Object.keys(ofType(json, "google_client_config", "data"))[0];
    expect(onlyResource(json, "google_container_cluster", "data")).toEqual({
      name: "ci",
      location: "europe-west1",
      project: "acme-ci",
    });
    const expected = {
      host: `https://\${data.google_container_cluster.${clusterId}.endpoint}`,
      cluster_ca_certificate: `\${base64decode(data.google_container_cluster.${clusterId}.master_auth[0].cluster_ca_certificate)}`,
      token: `\${data.google_client_config.${configId}.access_token}`,
    };
    expect(json.provider.kubernetes[0]).toEqual(expected);
    expect(json.provider.helm[0].kubernetes).toEqual(expected);
    expect(c.projectId).toBe("acme-ci");
    expect(c.workloadPool).toBe("acme-ci.svc.id.goog");
    // No project lookup unless something asks for the number.
    expect(ofType(json, "google_project", "data")).toEqual({});
    expect(ruleIdsOf(stack, "warning")).toEqual(["GCP-ACCESS-TOKEN-IN-STATE"]);
    expect(synthErrors(stack)).toBe("");
  });

  test("a given project number is used as is", () => {
    const stack = newStack("test", { providers: false });
    new GoogleProvider(stack, "google", { project: "acme-ci" });
    const c = new GkeClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      location: "europe-west1-b",
      project: "acme-ci",
      projectNumber: "42",
    });
    expect(c.projectNumber).toBe("42");
    expect(ofType(synthJson(stack), "google_project", "data")).toEqual({});
  });

  test("without a project the workload pool follows the provider's project (and the client config's token is in the state: warned)", () => {
    const stack = newStack("test", { providers: false });
    new GoogleProvider(stack, "google", { project: "acme-ci" });
    const c = new GkeClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      location: "europe-west1",
    });
    new TerraformOutput(stack, "pool", { value: c.workloadPool });
    expect(synthJson(stack).output.pool.value).toMatch(
      /^\$\{data\.google_client_config\.[^.]+\.project\}\.svc\.id\.goog$/,
    );
    expect(findingsOf(stack, "GCP-ACCESS-TOKEN-IN-STATE").map((f) => f.problem.field)).toEqual([
      "project",
    ]);
  });

  test("bad names are reported", () => {
    const stack = newStack("test", { providers: false });
    new GoogleProvider(stack, "google", { project: "acme-ci" });
    new GkeClusterConnection(stack, "Cluster", {
      clusterName: "CI",
      location: "europe",
      project: "ACME",
      projectNumber: "acme-ci",
    });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Cluster\] clusterName: "CI" — a GKE cluster name/);
    expect(errors).toMatch(/location: "europe" — must be a Google Cloud region or zone/);
    expect(errors).toMatch(/project: "ACME" — a project id is 6–30/);
    expect(errors).toMatch(/projectNumber: "acme-ci" — a project number is digits only/);
    expect(ruleIdsOf(stack, "error")).toEqual([
      "GCP-GKE-CLUSTER-NAME",
      "GCP-LOCATION",
      "GCP-PROJECT-ID",
      "GCP-PROJECT-NUMBER",
    ]);
  });
});

test("by default gke-gcloud-auth-plugin: exec auth, no token, no client config lookup, no warning", () => {
  const stack = newStack("test", { providers: false });
  new GoogleProvider(stack, "google", { project: "acme-ci" });
  new GkeClusterConnection(stack, "Cluster", {
    clusterName: "ci",
    location: "europe-west1",
    project: "acme-ci",
  });
  const json = synthJson(stack);
  const exec = {
    api_version: "client.authentication.k8s.io/v1beta1",
    command: "gke-gcloud-auth-plugin",
  };
  expect(json.provider.kubernetes[0].exec).toEqual([exec]);
  expect(json.provider.helm[0].kubernetes.exec).toEqual(exec);
  expect(json.provider.kubernetes[0].token).toBeUndefined();
  expect(ofType(json, "google_client_config", "data")).toEqual({});
  expect(ruleIdsOf(stack)).toEqual([]);
});
