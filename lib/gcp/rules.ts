// The rules of the Google Cloud bindings (GKE connection, GKE Workload Identity).
import { defineRule } from "../core/rules/rule";

export const GKE_CLUSTER_NAME = defineRule({
  id: "GCP-GKE-CLUSTER-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "GKE cluster names are 1–40 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit; no other name can be looked up.",
  example: '"ci-cluster"',
});

export const GCP_LOCATION = defineRule({
  id: "GCP-LOCATION",
  kind: "validity",
  severity: "error",
  rationale: "A GKE cluster lives in a Google Cloud region (regional) or zone (zonal).",
  example: '"europe-west1" or "europe-west1-b"',
});

export const GCP_PROJECT_ID = defineRule({
  id: "GCP-PROJECT-ID",
  kind: "validity",
  severity: "error",
  rationale:
    "Google Cloud project ids are 6–30 lower-case letters, digits or '-', starting with a letter; the workload pool is named after it.",
  example: '"ci-platform-prod"',
});

export const GCP_PROJECT_NUMBER = defineRule({
  id: "GCP-PROJECT-NUMBER",
  kind: "validity",
  severity: "error",
  rationale:
    "principal:// identifiers name the project by its number (digits), not its id; IAM refuses members built from anything else.",
  example: '"123456789012"',
});

export const GCP_SERVICE_ACCOUNT_ID = defineRule({
  id: "GCP-SERVICE-ACCOUNT-ID",
  kind: "validity",
  severity: "error",
  rationale:
    "IAM refuses Google service account ids that are not 6–30 characters matching `^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$`.",
  example: '"ci-runners-gitlab"',
});

export const GCP_SERVICE_ACCOUNT_EXCLUSIVE = defineRule({
  id: "GCP-SERVICE-ACCOUNT-EXCLUSIVE",
  kind: "validity",
  severity: "error",
  rationale:
    "The identity either creates a Google service account (accountId) or binds an existing one (existingServiceAccountEmail), not both.",
  example: "set only one of them",
});

export const GCP_SERVICE_ACCOUNT_EMAIL = defineRule({
  id: "GCP-SERVICE-ACCOUNT-EMAIL",
  kind: "validity",
  severity: "error",
  rationale:
    "Workload identity user bindings and the iam.gke.io/gcp-service-account annotation need a Google service account email.",
  example: '"ci-runner@my-project.iam.gserviceaccount.com"',
});

export const GCP_DIRECT_MODE_GSA_OPTION = defineRule({
  id: "GCP-DIRECT-MODE-GSA-OPTION",
  kind: "validity",
  severity: "error",
  rationale:
    "Direct mode grants roles to the Kubernetes service account's principal and uses no Google service account; a GSA option would be silently ignored.",
  example: 'remove it, or mode: "service-account"',
});

export const GCP_DIRECT_MODE_NO_ROLES = defineRule({
  id: "GCP-DIRECT-MODE-NO-ROLES",
  kind: "policy",
  severity: "error",
  rationale:
    "A direct-mode identity without project roles grants the pods nothing (suppress it when the principal is granted roles on resources elsewhere).",
  example: '["roles/storage.objectViewer"]',
});

export const GCP_ROLE_NAME = defineRule({
  id: "GCP-ROLE-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "IAM grants only predefined (roles/…), project custom (projects/<id>/roles/…) or organization custom (organizations/<n>/roles/…) roles.",
  example: '"roles/storage.objectViewer"',
});

export const GCP_IDENTITY_UNBOUND = defineRule({
  id: "GCP-IDENTITY-UNBOUND",
  kind: "policy",
  severity: "error",
  rationale:
    "An identity bound to no service account gives no pod credentials: an unused identity, left over from a removed or never wired pool.",
  example: "pass it as a pool's identity, or call bind()",
});

export const GCP_BASIC_ROLE = defineRule({
  id: "GCP-BASIC-ROLE",
  kind: "policy",
  severity: "error",
  rationale:
    "roles/owner and roles/editor are basic roles with thousands of permissions across every service of the project; Google recommends predefined or custom roles instead (IAM basic roles: 'avoid basic roles in production').",
  example: '"roles/storage.objectViewer"',
});

export const GCP_ACCESS_TOKEN_IN_STATE = defineRule({
  id: "GCP-ACCESS-TOKEN-IN-STATE",
  kind: "policy",
  severity: "warning",
  rationale:
    "data google_client_config reads the caller's OAuth access token into the plan and the Terraform state (valid up to an hour, with every permission of the caller); exec auth through gke-gcloud-auth-plugin keeps it out.",
  example: 'credentials: "gke-gcloud-auth-plugin" and the cluster\'s project set',
});
