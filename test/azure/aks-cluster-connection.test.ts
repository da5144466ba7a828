import { TerraformOutput } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AksClusterConnection, AksClusterConnectionProps } from "../../lib/azure";
import { newStack, ofType, onlyResource, synthErrors, synthJson } from "../support/stack";

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
  test("user credentials: client certificate and key from kube_config, base64-decoded", () => {
    const { json, ref } = setup();
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
  });

  test("admin credentials come from kube_admin_config", () => {
    const { json } = setup({ credentials: "admin" });
    expect(json.provider.kubernetes[0].client_key).toMatch(/kube_admin_config\[0\]\.client_key/);
    expect(json.provider.kubernetes[0].host).toMatch(/kube_admin_config\[0\]\.host/);
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
    const { stack } = setup({ kubelogin: { loginMode: "azurecli" } });
    expect(synthErrors(stack)).toMatch(
      /\[test\/Cluster\] kubelogin: .* — only applies to credentials: "entra-id".*\(AZURE-KUBELOGIN-CREDENTIALS\)/,
    );
  });
});
