import { Construct } from "constructs";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import {
  GkeClusterConnection,
  GkeClusterInfo,
  GkeWorkloadIdentity,
  GkeWorkloadIdentityProps,
} from "../../lib/gcp";
import { RunnerPool } from "../../lib/pool";
import { Rules } from "../../lib/core/rules/report";
import { boundRunner } from "../support/fixtures";
import {
  newStack,
  ofType,
  onlyResource,
  onlyResourceId,
  synthErrors,
  synthJson,
} from "../support/stack";

const CLUSTER: GkeClusterInfo = {
  projectId: "acme-ci",
  projectNumber: "123456789012",
  workloadPool: "acme-ci.svc.id.goog",
};

function setup(props: Partial<GkeWorkloadIdentityProps> = {}) {
  const stack = newStack("test", { providers: false });
  new GoogleProvider(stack, "google", { project: "acme-ci" });
  new KubernetesProvider(stack, "k8s", {});
  new HelmProvider(stack, "helm", {});
  const identity = new GkeWorkloadIdentity(stack, "Identity", {
    cluster: CLUSTER,
    accountId: "ci-runners",
    ...props,
  });
  return { stack, identity };
}

describe("GkeWorkloadIdentity, service-account mode", () => {
  test("a GSA, a non-authoritative workloadIdentityUser member for exactly <pool>[<ns>/<ksa>], and the annotation", () => {
    const { stack, identity } = setup();
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const gsaId = onlyResourceId(json, "google_service_account");
    expect(onlyResource(json, "google_service_account")).toMatchObject({
      account_id: "ci-runners",
      project: "acme-ci",
    });
    // google_service_account_iam_member (not _binding or _policy): adds one member, removes nothing.
    expect(ofType(json, "google_service_account_iam_binding")).toEqual({});
    expect(ofType(json, "google_service_account_iam_policy")).toEqual({});
    const member = onlyResource(json, "google_service_account_iam_member");
    expect(member).toEqual({
      service_account_id: `\${google_service_account.${gsaId}.name}`,
      role: "roles/iam.workloadIdentityUser",
      member: "serviceAccount:acme-ci.svc.id.goog[ci/runner]",
    });
    expect(onlyResourceId(json, "google_service_account_iam_member")).toMatch(
      /^pool_Identity-Runner_WorkloadIdentityUser_/,
    );
    expect(onlyResource(json, "kubernetes_service_account_v1").metadata.annotations).toEqual({
      "iam.gke.io/gcp-service-account": `\${google_service_account.${gsaId}.email}`,
    });
    expect(synthErrors(stack)).toBe("");
  });

  test("project roles are granted to the GSA once, non-authoritatively", () => {
    const { stack, identity } = setup({
      projectRoles: ["roles/storage.objectViewer", "roles/logging.logWriter"],
    });
    identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    identity.bind(new Construct(stack, "B"), { namespace: "ci", name: "jobs" });
    const json = synthJson(stack);
    const gsaId = onlyResourceId(json, "google_service_account");
    const grants = Object.values(ofType(json, "google_project_iam_member"));
    expect(grants).toEqual([
      {
        project: "acme-ci",
        role: "roles/logging.logWriter",
        member: `serviceAccount:\${google_service_account.${gsaId}.email}`,
      },
      {
        project: "acme-ci",
        role: "roles/storage.objectViewer",
        member: `serviceAccount:\${google_service_account.${gsaId}.email}`,
      },
    ]);
    expect(
      Object.values(ofType(json, "google_service_account_iam_member")).map((m) => m.member),
    ).toEqual([
      "serviceAccount:acme-ci.svc.id.goog[ci/runner]",
      "serviceAccount:acme-ci.svc.id.goog[ci/jobs]",
    ]);
  });

  // An existing GSA may live in another project than the cluster: IAM infers the project
  // from the email with "projects/-/serviceAccounts/{ACCOUNT}" (IAM REST reference,
  // projects.serviceAccounts: "Using - as a wildcard for the PROJECT_ID will infer the project
  // from the account"). Naming the cluster's project would address a GSA that does not exist.
  test.each([
    ["the cluster's project", "runner@acme-ci.iam.gserviceaccount.com"],
    ["another project", "runner@shared-ci-identities.iam.gserviceaccount.com"],
  ])("an existing GSA in %s is bound by projects/-/serviceAccounts/<email>", (_name, email) => {
    const { stack, identity } = setup({
      accountId: undefined,
      existingServiceAccountEmail: email,
    });
    const binding = identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    expect(ofType(json, "google_service_account")).toEqual({});
    expect(onlyResource(json, "google_service_account_iam_member").service_account_id).toBe(
      `projects/-/serviceAccounts/${email}`,
    );
    expect(binding.serviceAccountAnnotations).toEqual({
      "iam.gke.io/gcp-service-account": email,
    });
  });

  test("releases wait for the GSA, its workload identity user member and its role grants", () => {
    const { stack, identity } = setup({ projectRoles: ["roles/storage.objectViewer"] });
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const deps = onlyResource(json, "helm_release").depends_on as string[];
    for (const type of [
      "google_service_account",
      "google_service_account_iam_member",
      "google_project_iam_member",
    ])
      expect(deps).toContain(`${type}.${onlyResourceId(json, type)}`);
  });

  test.each(["roles/owner", "roles/editor"])(
    "%s is a basic role: refused unless suppressed with a reason (GCP-BASIC-ROLE)",
    (role) => {
      // Google: "Basic roles include thousands of permissions across all Google Cloud
      // services. In production environments, do not grant basic roles unless there is no
      // alternative." (IAM roles and permissions, Basic roles)
      const { stack, identity } = setup({ projectRoles: [role] });
      identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
      expect(synthErrors(stack)).toMatch(
        new RegExp(
          `\\[test/Identity\\] projectRoles\\[0\\]: "${role}" — ${role} is a basic role.*\\(GCP-BASIC-ROLE\\)`,
        ),
      );
      Rules.suppress(identity, "GCP-BASIC-ROLE", "throw-away sandbox project, reviewed");
      expect(synthErrors(stack)).toBe("");
    },
  );
});

describe("GkeWorkloadIdentity, direct mode", () => {
  test("roles go to the KSA's principal:// identifier; no GSA, no annotation", () => {
    const { stack, identity } = setup({
      mode: "direct",
      accountId: undefined,
      projectRoles: ["roles/storage.objectViewer"],
    });
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    expect(ofType(json, "google_service_account")).toEqual({});
    expect(ofType(json, "google_service_account_iam_member")).toEqual({});
    expect(onlyResource(json, "google_project_iam_member")).toEqual({
      project: "acme-ci",
      role: "roles/storage.objectViewer",
      member:
        "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-ci.svc.id.goog/subject/ns/ci/sa/runner",
    });
    expect(
      onlyResource(json, "kubernetes_service_account_v1").metadata.annotations,
    ).toBeUndefined();
    expect(synthErrors(stack)).toBe("");
  });

  test("the project number comes from data google_project when the connection was not given it", () => {
    const stack = newStack("test", { providers: false });
    new GoogleProvider(stack, "google", { project: "acme-ci" });
    const cluster = new GkeClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      location: "europe-west1",
      project: "acme-ci",
    });
    const identity = new GkeWorkloadIdentity(stack, "Identity", {
      cluster,
      mode: "direct",
      projectRoles: ["roles/viewer"],
    });
    identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    const projectId = Object.keys(ofType(json, "google_project", "data"))[0];
    expect(onlyResource(json, "google_project", "data")).toEqual({ project_id: "acme-ci" });
    expect(onlyResource(json, "google_project_iam_member").member).toBe(
      `principal://iam.googleapis.com/projects/\${data.google_project.${projectId}.number}/locations/global/workloadIdentityPools/acme-ci.svc.id.goog/subject/ns/ci/sa/runner`,
    );
  });
});

describe("GkeWorkloadIdentity, bad input", () => {
  const bindAndErrors = (
    props: Partial<GkeWorkloadIdentityProps>,
    subject = { namespace: "ci", name: "runner" },
  ) => {
    const { stack, identity } = setup(props);
    identity.bind(new Construct(stack, "Bind"), subject);
    return synthErrors(stack);
  };
  const cases: [
    string,
    Partial<GkeWorkloadIdentityProps>,
    { namespace: string; name: string } | undefined,
    RegExp,
  ][] = [
    [
      "account id too short",
      { accountId: "ci" },
      undefined,
      /accountId: "ci" — a Google service account id is 6–30 characters matching \^\[a-z\].*\(GCP-SERVICE-ACCOUNT-ID\)/,
    ],
    [
      "account id with upper case",
      { accountId: "CI-runners" },
      undefined,
      /accountId: "CI-runners" — a Google service account id.*\(GCP-SERVICE-ACCOUNT-ID\)/,
    ],
    [
      "account id ending in -",
      { accountId: "ci-runners-" },
      undefined,
      /accountId: "ci-runners-" — a Google service account id.*\(GCP-SERVICE-ACCOUNT-ID\)/,
    ],
    [
      "account id of 31",
      { accountId: `a${"b".repeat(30)}` },
      undefined,
      /accountId: "ab{30}" — a Google service account id.*\(GCP-SERVICE-ACCOUNT-ID\)/,
    ],
    [
      "wildcard service account",
      {},
      { namespace: "ci", name: "*" },
      /\[test\/Bind\] subject\.name: "\*" — wildcards are refused/,
    ],
    [
      "empty namespace",
      {},
      { namespace: "", name: "runner" },
      /subject\.namespace: "" — must not be empty/,
    ],
    [
      "restricted namespace",
      { restrictTo: { namespace: "ci" } },
      { namespace: "other", name: "runner" },
      /subject\.namespace: "other" — the identity is restricted to namespace "ci"/,
    ],
    [
      "direct mode with a GSA option",
      { mode: "direct", projectRoles: ["roles/viewer"] },
      undefined,
      /accountId: "ci-runners" — only applies in service-account mode.*\(GCP-DIRECT-MODE-GSA-OPTION\)/,
    ],
    [
      "direct mode without roles",
      { mode: "direct", accountId: undefined },
      undefined,
      /projectRoles: \[\] — direct mode without roles grants nothing.*\(GCP-DIRECT-MODE-NO-ROLES\)/,
    ],
    [
      "bad role",
      { projectRoles: ["storage.admin"] },
      undefined,
      /projectRoles\[0\]: "storage\.admin" — must be a role name.*\(GCP-ROLE-NAME\)/,
    ],
  ];
  test.each(cases)("%s", (_name, props, subject, pattern) => {
    expect(bindAndErrors(props, subject)).toMatch(pattern);
  });

  test("valid account ids pass", () => {
    for (const accountId of ["abcdef", "ci-runners-gitlab", `a${"b".repeat(29)}`])
      expect(bindAndErrors({ accountId })).toBe("");
  });

  test("the default account id derived from a construct id matches the rule", () => {
    const stack = newStack("test", { providers: false });
    new GoogleProvider(stack, "google", { project: "acme-ci" });
    const identity = new GkeWorkloadIdentity(
      stack,
      "9-Very_Long-Pool-Name-For-The-GitLab-Runners-identity",
      { cluster: CLUSTER },
    );
    identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    const accountId = onlyResource(synthJson(stack), "google_service_account").account_id;
    expect(accountId).toMatch(/^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/);
    expect(synthErrors(stack)).toBe("");
  });
});
