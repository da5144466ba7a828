import { Testing } from "cdktf";
import { AksRunnerStack } from "../../stacks/aks-runner-stack";
import { aksExample } from "../../stacks/example-config";
import { buildDefaultApp, DEFAULT_STACKS } from "../../stacks/default-app";
import { boundRunner } from "../support/fixtures";
import { onlyResource, synthErrors, synthJson } from "../support/stack";

function stack(props = aksExample, id = "runners-aks") {
  return new AksRunnerStack(Testing.app({ stackTraces: false }), id, props);
}

describe("AksRunnerStack", () => {
  test("the example stack synthesizes (snapshot) and passes its validations", () => {
    const s = stack();
    expect(Testing.synth(s)).toMatchSnapshot();
    expect(synthErrors(s)).toBe("");
  });

  test("provider, federated credential and pod label of the example pool", () => {
    const json = synthJson(stack());
    expect(json.provider.azurerm).toEqual([
      { features: [{}], subscription_id: "00000000-0000-0000-0000-000000000000" },
    ]);
    expect(onlyResource(json, "azurerm_federated_identity_credential").subject).toBe(
      "system:serviceaccount:gitlab-runners:gitlab-runner",
    );
    expect(onlyResource(json, "helm_release").values[0]).toContain(
      'azure.workload.identity/use: "true"',
    );
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.runners-aks.tfstate" } });
  });

  test("an azurerm backend authenticates with Entra ID by default", () => {
    const json = synthJson(
      stack({
        ...aksExample,
        backend: {
          kind: "azurerm",
          storageAccountName: "acmetf",
          containerName: "tfstate",
          key: "runners/aks.tfstate",
        },
      }),
    );
    expect(json.terraform.backend).toEqual({
      azurerm: {
        storage_account_name: "acmetf",
        container_name: "tfstate",
        key: "runners/aks.tfstate",
        use_azuread_auth: true,
      },
    });
  });

  test("a bad storage account name is reported", () => {
    const s = stack({
      ...aksExample,
      backend: {
        kind: "azurerm",
        storageAccountName: "Acme-TF",
        containerName: "tfstate",
        key: "k",
      },
    });
    expect(synthErrors(s)).toMatch(
      /backend\.storageAccountName: "Acme-TF" — a storage account name is 3–24 lower-case letters and digits/,
    );
  });

  test("addPool with workload identity options; the identity lives beside the pool", () => {
    const s = stack({
      subscriptionId: "00000000-0000-0000-0000-000000000000",
      cluster: { clusterName: "ci", resourceGroupName: "rg" },
    });
    const pool = s.addPool("builds", {
      platform: boundRunner({ podLabelsValuesPath: "podLabels" }),
      identity: { workloadIdentity: {} },
    });
    expect(s.identities.builds.node.path).toBe("runners-aks/builds-identity");
    expect(pool.identityBindings.Runner.podLabels).toEqual({
      "azure.workload.identity/use": "true",
    });
    expect(synthErrors(s)).toBe("");
  });
});

describe("default app", () => {
  test("has the kubernetes, EKS, GKE and AKS stacks", () => {
    const app = Testing.app({ stackTraces: false });
    const stacks = buildDefaultApp(app);
    expect(stacks.map((s) => s.node.id)).toEqual([...DEFAULT_STACKS]);
    expect(DEFAULT_STACKS).toEqual(
      expect.arrayContaining(["runners-eks", "runners-gke", "runners-aks"]),
    );
  });
});

test("a subscription id that is not a GUID is reported", () => {
  const s = new AksRunnerStack(Testing.app({ stackTraces: false }), "runners-aks", {
    ...aksExample,
    subscriptionId: "acme-prod",
  });
  expect(synthErrors(s)).toMatch(/\[runners-aks\] subscriptionId: "acme-prod" — must be a GUID/);
});
