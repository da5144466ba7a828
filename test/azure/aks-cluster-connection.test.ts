import { TerraformOutput } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AksClusterConnection, AksClusterConnectionProps } from "../../lib/azure";
import {
  newStack,
  ofType,
  onlyResource,
  ruleIdsOf,
  synthErrors,
  synthJson,
  warningsOf,
} from "../support/stack";

function setup(props: Partial<AksClusterConnectionProps> = {}) {
  const stack = newStack("test", { providers: false });
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const connection = new AksClusterConnection(stack, "Cluster", {
    clusterName: "ci-aks",
    resourceGroupName: "rg-ci",
    ...props,
  });
  const json = synthJson(stack);
  const dataId = Object.keys(ofType(json, "azurerm_kubernetes_cluster", "data"))[0];
  return {
    stack,
    connection,
    json,
    ref: (attr: string) => `data.azurerm_kubernetes_cluster.${dataId}.${attr}`,
  };
}

describe("AksClusterConnection", () => {
  test("user credentials: client certificate and key from kube_config, base64-decoded, with a warning", () => {
    const { stack, json, ref } = setup({ credentials: "user" });
    expect(onlyResource(json, "azurerm_kubernetes_cluster", "data")).toEqual({
      name: "ci-aks",
      resource_group_name: "rg-ci",
    });
    const expected = {
      host: `\${${ref("kube_config[0].host")}}`,
      cluster_ca_certificate: `\${base64decode(${ref("kube_config[0].cluster_ca_certificate")})}`,
      client_certificate: `\${base64decode(${ref("kube_config[0].client_certificate")})}`,
      client_key: `\${base64decode(${ref("kube_config[0].client_key")})}`,
    };
    expect(json.provider.kubernetes[0]).toEqual(expected);
    expect(json.provider.helm[0].kubernetes).toEqual(expected);
    expect(synthErrors(stack)).toBe("");
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(
        /\[test\/Cluster\] credentials: the cluster's client certificate and key from kube_config .* they are in the plan and the Terraform state/,
      ),
    ]);
  });

  test("admin credentials come from kube_admin_config, with a warning", () => {
    const { stack, json } = setup({ credentials: "admin" });
    expect(json.provider.kubernetes[0].client_key).toMatch(/kube_admin_config\[0\]\.client_key/);
    expect(json.provider.kubernetes[0].host).toMatch(/kube_admin_config\[0\]\.host/);
    expect(ruleIdsOf(stack, "warning")).toEqual(["AZURE-CLIENT-KEY-IN-STATE"]);
  });

  test("by default Entra ID: kubelogin exec with the Azure CLI login, no client key, no warning", () => {
    const { stack, json } = setup();
    expect(json.provider.kubernetes[0].exec[0].args).toEqual([
      "get-token",
      "--login",
      "azurecli",
      "--server-id",
      "6dae42f8-4368-4678-94ff-3960e28e3630",
    ]);
    expect(json.provider.kubernetes[0].client_key).toBeUndefined();
    expect(json.provider.helm[0].kubernetes.client_key).toBeUndefined();
    expect(ruleIdsOf(stack)).toEqual([]);
  });

  test("Entra ID: kubelogin exec, no client certificate", () => {
    const { json } = setup({
      credentials: "entra-id",
      kubelogin: { loginMode: "workloadidentity" },
    });
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "kubelogin",
      args: [
        "get-token",
        "--login",
        "workloadidentity",
        "--server-id",
        "6dae42f8-4368-4678-94ff-3960e28e3630",
      ],
    };
    expect(json.provider.kubernetes[0].exec).toEqual([exec]);
    expect(json.provider.helm[0].kubernetes.exec).toEqual(exec);
    expect(json.provider.kubernetes[0].client_key).toBeUndefined();
  });

  test("the OIDC issuer URL is the data source attribute, unchanged", () => {
    const { stack, connection, ref } = setup();
    new TerraformOutput(stack, "issuer", { value: connection.oidcIssuerUrl });
    expect(synthJson(stack).output.issuer.value).toBe(`\${${ref("oidc_issuer_url")}}`);
  });

  test("kubelogin options without entra-id credentials are reported", () => {
    const { stack } = setup({ credentials: "user", kubelogin: { loginMode: "azurecli" } });
    expect(synthErrors(stack)).toMatch(
      /\[test\/Cluster\] kubelogin: .* — only applies to credentials: "entra-id".*\(AZURE-KUBELOGIN-CREDENTIALS\)/,
    );
  });
});
