// Stack outputs: what users wire into other configurations (role ARNs, GSA emails, managed
// identity client ids, namespaces, service accounts), under names derived from pool ids.
import { Testing } from "cdktf";
import { AksRunnerStack } from "../../stacks/aks-runner-stack";
import { buildDefaultApp } from "../../stacks/default-app";
import { EksRunnerStack } from "../../stacks/eks-runner-stack";
import { GkeRunnerStack } from "../../stacks/gke-runner-stack";
import { outputName } from "../../stacks/runner-stack";
import { boundRunner } from "../support/fixtures";
import { Json, onlyResourceId, synthErrors, synthJson } from "../support/stack";

const app = () => Testing.app({ stackTraces: false });

describe("outputs of the default app", () => {
  const stacks = buildDefaultApp(app());
  const json: Record<string, Json> = Object.fromEntries(
    stacks.map((s) => [s.node.id, synthJson(s)]),
  );

  test("every pool: its namespaces and service accounts, with a description", () => {
    const out = json["runners-kubernetes"].output;
    expect(out["gitlab-runners_namespaces"]).toEqual({
      description: expect.stringContaining("gitlab-runners"),
      value: { runners: "gitlab-runners" },
    });
    expect(out["gitlab-runners_service_accounts"].value).toEqual({
      Runner: { namespace: "gitlab-runners", name: "gitlab-runner" },
    });
    for (const s of Object.values(json))
      for (const o of Object.values(s.output) as Json[]) expect(o.description).toMatch(/\S/);
  });

  test("EKS: the role ARN and name of the pool's identity", () => {
    const j = json["runners-eks"];
    const role = onlyResourceId(j, "aws_iam_role");
    expect(j.output["gitlab-runners_role_arn"].value).toBe(`\${aws_iam_role.${role}.arn}`);
    expect(j.output["gitlab-runners_role_name"].value).toBe(`\${aws_iam_role.${role}.name}`);
  });

  test("GKE: the Google service account email", () => {
    const j = json["runners-gke"];
    const gsa = onlyResourceId(j, "google_service_account");
    expect(j.output["gitlab-runners_gsa_email"].value).toBe(
      `\${google_service_account.${gsa}.email}`,
    );
  });

  test("AKS: the managed identity's client id and principal id", () => {
    const j = json["runners-aks"];
    const id = onlyResourceId(j, "azurerm_user_assigned_identity");
    expect(j.output["gitlab-runners_client_id"].value).toBe(
      `\${azurerm_user_assigned_identity.${id}.client_id}`,
    );
    expect(j.output["gitlab-runners_principal_id"].value).toBe(
      `\${azurerm_user_assigned_identity.${id}.principal_id}`,
    );
  });

  test("no output holds a secret", () => {
    for (const s of Object.values(json))
      for (const o of Object.values(s.output) as Json[]) expect(o.sensitive).toBeUndefined();
  });
});

test("an identity added with addIrsaIdentity(id) and shared by two pools: one output set, named by id", () => {
  const s = new EksRunnerStack(app(), "s", { region: "eu-west-1", cluster: { clusterName: "ci" } });
  const identity = s.addIrsaIdentity("shared", { roleName: "ci-shared" });
  s.addPool("a", { platform: boundRunner(), identity });
  s.addPool("b", { platform: boundRunner(), identity });
  const out = synthJson(s).output;
  expect(Object.keys(out).sort()).toEqual([
    "a_namespaces",
    "a_service_accounts",
    "b_namespaces",
    "b_service_accounts",
    "shared_role_arn",
    "shared_role_name",
  ]);
});

test("GKE direct principal grants: the principal of each bound service account", () => {
  const s = new GkeRunnerStack(app(), "s", {
    project: "p",
    cluster: { clusterName: "c", location: "europe-west1" },
  });
  s.addPool("x", {
    namespaceName: "ci",
    platform: boundRunner(),
    identity: {
      workloadIdentity: { mode: "direct", projectRoles: ["roles/storage.objectViewer"] },
    },
  });
  const value = synthJson(s).output.x_principals.value;
  expect(Object.keys(value)).toEqual(["ci/runner"]);
  expect(value["ci/runner"]).toMatch(
    /^principal:\/\/iam\.googleapis\.com\/projects\/.+\/subject\/ns\/ci\/sa\/runner$/,
  );
});

test("an output name that is taken fails with CORE-CONSTRUCT-ID-UNIQUE", () => {
  const s = new AksRunnerStack(app(), "s", {
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    cluster: { clusterName: "c", resourceGroupName: "rg" },
  });
  s.addPool("a", { namespaceName: "a", platform: boundRunner() });
  expect(() => s.addPool("a_namespaces", { namespaceName: "b", platform: boundRunner() })).toThrow(
    /CORE-CONSTRUCT-ID-UNIQUE/,
  );
  expect(synthErrors(s)).toBe("");
});

test("output names: letters, digits, _ and -; never starting with a digit", () => {
  expect(outputName("gitlab-runners", "role_arn")).toBe("gitlab-runners_role_arn");
  expect(outputName("team.a", "namespaces")).toBe("team_a_namespaces");
  expect(outputName("1pool", "namespaces")).toBe("_1pool_namespaces");
});
