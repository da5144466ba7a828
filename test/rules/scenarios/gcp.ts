// Rule scenarios of the Google Cloud bindings: each rule's invalid input, and the same
// input with the rule's "Valid:" example applied.
import { Construct } from "constructs";
import type { TerraformStack } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import {
  GkeClusterConnection,
  GkeClusterConnectionProps,
  GkeClusterInfo,
} from "../../../lib/gcp/gke-cluster-connection";
import {
  GkeWorkloadIdentity,
  GkeWorkloadIdentityProps,
} from "../../../lib/gcp/gke-workload-identity";
import * as rules from "../../../lib/gcp/rules";
import type { Rule } from "../../../lib/core/rules/rule";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

const CLUSTER: GkeClusterInfo = {
  projectId: "ci-platform-prod",
  projectNumber: "123456789012",
  workloadPool: "ci-platform-prod.svc.id.goog",
};

function gcpStack(): TerraformStack {
  const stack = newStack();
  new GoogleProvider(stack, "google", { project: "ci-platform-prod" });
  return stack;
}

function gke(props: Partial<GkeClusterConnectionProps> = {}): TerraformStack {
  const stack = gcpStack();
  new GkeClusterConnection(stack, "Cluster", {
    clusterName: "ci-cluster",
    location: "europe-west1",
    project: "ci-platform-prod",
    projectNumber: "123456789012",
    ...props,
  });
  return stack;
}

/** A GKE workload identity bound to ci/runner unless `bind` is false. */
function identity(props: Partial<GkeWorkloadIdentityProps> = {}, bind = true): TerraformStack {
  const stack = gcpStack();
  const id = new GkeWorkloadIdentity(stack, "Identity", {
    cluster: CLUSTER,
    accountId: "ci-runners-gitlab",
    ...props,
  });
  if (bind) id.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
  return stack;
}

const direct: Partial<GkeWorkloadIdentityProps> = { mode: "direct", accountId: undefined };

const scenario = (
  rule: Rule,
  invalid: () => TerraformStack,
  valid: () => TerraformStack,
): RuleScenario => ({ rule, invalid, valid });

export const scenarios: RuleScenario[] = [
  scenario(
    rules.GKE_CLUSTER_NAME,
    () => gke({ clusterName: "CI_Cluster" }),
    () => gke({ clusterName: "ci-cluster" }),
  ),
  scenario(
    rules.GCP_LOCATION,
    () => gke({ location: "europe" }),
    () => gke({ location: "europe-west1-b" }),
  ),
  scenario(
    rules.GCP_PROJECT_ID,
    () => gke({ project: "ACME" }),
    () => gke({ project: "ci-platform-prod" }),
  ),
  scenario(
    rules.GCP_PROJECT_NUMBER,
    () => gke({ projectNumber: "ci-platform-prod" }),
    () => gke({ projectNumber: "123456789012" }),
  ),
  scenario(
    rules.GCP_SERVICE_ACCOUNT_ID,
    () => identity({ accountId: "ci" }),
    () => identity({ accountId: "ci-runners-gitlab" }),
  ),
  scenario(
    rules.GCP_SERVICE_ACCOUNT_EXCLUSIVE,
    () =>
      identity({
        accountId: "ci-runners-gitlab",
        existingServiceAccountEmail: "ci-runner@my-project.iam.gserviceaccount.com",
      }),
    () =>
      identity({
        accountId: undefined,
        existingServiceAccountEmail: "ci-runner@my-project.iam.gserviceaccount.com",
      }),
  ),
  scenario(
    rules.GCP_SERVICE_ACCOUNT_EMAIL,
    () => identity({ accountId: undefined, existingServiceAccountEmail: "ci-runner@my-project" }),
    () =>
      identity({
        accountId: undefined,
        existingServiceAccountEmail: "ci-runner@my-project.iam.gserviceaccount.com",
      }),
  ),
  scenario(
    rules.GCP_DIRECT_MODE_GSA_OPTION,
    () => identity({ ...direct, accountId: "ci-runners-gitlab", projectRoles: ["roles/viewer"] }),
    () => identity({ ...direct, projectRoles: ["roles/viewer"] }),
  ),
  scenario(
    rules.GCP_DIRECT_MODE_NO_ROLES,
    () => identity({ ...direct }),
    () => identity({ ...direct, projectRoles: ["roles/storage.objectViewer"] }),
  ),
  scenario(
    rules.GCP_ROLE_NAME,
    () => identity({ projectRoles: ["storage.objectViewer"] }),
    () => identity({ projectRoles: ["roles/storage.objectViewer"] }),
  ),
  scenario(
    rules.GCP_IDENTITY_UNBOUND,
    () => identity({}, false),
    () => identity({}, true),
  ),
  scenario(
    rules.GCP_BASIC_ROLE,
    () => identity({ projectRoles: ["roles/editor"] }),
    () => identity({ projectRoles: ["roles/storage.objectViewer"] }),
  ),
  scenario(
    rules.GCP_ACCESS_TOKEN_IN_STATE,
    () => gke({ credentials: "access-token" }),
    () => gke({ credentials: "gke-gcloud-auth-plugin", project: "ci-platform-prod" }),
  ),
];
