import { TerraformStack, Testing } from "cdktf";
import { formatProblem } from "../../lib/core/rules/problem";
import {
  checkBackend,
  configureBackend,
  requiredTerraformVersion,
  StateBackend,
} from "../../stacks/state-backend";
import { kubernetesExample } from "../../stacks/example-config";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { synthJson } from "../support/stack";

function backendJson(backend: StateBackend) {
  const stack = new TerraformStack(Testing.app(), "s");
  configureBackend(stack, "s", backend);
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

describe("configureBackend options", () => {
  test("S3 passes the KMS key and profile, and always locks with the lock file", () => {
    expect(
      backendJson({
        kind: "s3",
        bucket: "b",
        key: "k.tfstate",
        region: "eu-west-1",
        kmsKeyId: "alias/tf",
        profile: "ci",
      }),
    ).toEqual({
      s3: {
        bucket: "b",
        key: "k.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "alias/tf",
        profile: "ci",
        use_lockfile: true,
      },
    });
  });

  test("GCS passes the KMS key and the impersonated service account", () => {
    expect(
      backendJson({
        kind: "gcs",
        bucket: "b",
        prefix: "p",
        kmsEncryptionKey: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
        impersonateServiceAccount: "tf@p.iam.gserviceaccount.com",
      }),
    ).toEqual({
      gcs: {
        bucket: "b",
        prefix: "p",
        kms_encryption_key: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
        impersonate_service_account: "tf@p.iam.gserviceaccount.com",
      },
    });
  });

  test("azurerm needs no resource group with Entra ID auth, and takes OIDC, subscription and tenant", () => {
    expect(
      backendJson({
        kind: "azurerm",
        storageAccountName: "acmetf",
        containerName: "tfstate",
        key: "k",
        useOidc: true,
        subscriptionId: "s",
        tenantId: "t",
      }),
    ).toEqual({
      azurerm: {
        storage_account_name: "acmetf",
        container_name: "tfstate",
        key: "k",
        use_azuread_auth: true,
        use_oidc: true,
        subscription_id: "s",
        tenant_id: "t",
      },
    });
  });
});

describe("checkBackend", () => {
  const cases: [string, StateBackend, RegExp, string][] = [
    [
      "absolute local path",
      { kind: "local", path: "/tmp/x.tfstate" },
      /backend\.path: "\/tmp\/x\.tfstate" — an absolute path/,
      "STACK-BACKEND-ABSOLUTE-PATH",
    ],
    [
      "Windows local path",
      { kind: "local", path: "C:\\state\\x.tfstate" },
      /backend\.path: .* — an absolute path/,
      "STACK-BACKEND-ABSOLUTE-PATH",
    ],
    [
      "empty S3 bucket",
      { kind: "s3", bucket: "", key: "k", region: "eu-west-1" },
      /backend\.bucket: "" — must not be empty/,
      "STACK-BACKEND-REQUIRED",
    ],
    [
      "S3 key with a leading slash",
      { kind: "s3", bucket: "b", key: "/k", region: "eu-west-1" },
      /backend\.key: "\/k" — an S3 key must not start with '\/'/,
      "STACK-BACKEND-S3-KEY",
    ],
    [
      "empty GCS prefix",
      { kind: "gcs", bucket: "b", prefix: " " },
      /backend\.prefix: " " — must not be empty/,
      "STACK-BACKEND-REQUIRED",
    ],
    [
      "storage account with upper case",
      { kind: "azurerm", storageAccountName: "AcmeTF", containerName: "c", key: "k" },
      /backend\.storageAccountName: "AcmeTF" — a storage account name is 3–24 lower-case letters and digits/,
      "STACK-BACKEND-AZURE-ACCOUNT-NAME",
    ],
    [
      "access-key auth without a resource group",
      {
        kind: "azurerm",
        storageAccountName: "acmetf",
        containerName: "c",
        key: "k",
        useAzureadAuth: false,
      },
      /backend\.resourceGroupName: \(not set\) — access-key auth \(useAzureadAuth: false\) needs the storage account's resource group/,
      "STACK-BACKEND-AZURE-RESOURCE-GROUP",
    ],
  ];
  test.each(cases)("%s", (_name, backend, pattern, ruleId) => {
    const problems = checkBackend(backend);
    expect(problems.map(formatProblem).join("\n")).toMatch(pattern);
    expect(problems.map((p) => p.rule.id)).toContain(ruleId);
  });

  test("valid backends have no problems", () => {
    expect(checkBackend({ kind: "local" })).toEqual([]);
    expect(checkBackend({ kind: "local", path: "state/runners.tfstate" })).toEqual([]);
    expect(
      checkBackend({ kind: "s3", bucket: "b", key: "runners/eks.tfstate", region: "eu-west-1" }),
    ).toEqual([]);
    expect(
      checkBackend({ kind: "azurerm", storageAccountName: "acmetf", containerName: "c", key: "k" }),
    ).toEqual([]);
  });
});

describe("required_version", () => {
  const app = () => Testing.app({ stackTraces: false });
  test("an S3 backend (use_lockfile) needs Terraform 1.10; others 1.0", () => {
    const s3 = new KubernetesRunnerStack(app(), "s3", {
      ...kubernetesExample,
      backend: { kind: "s3", bucket: "b", key: "k", region: "eu-west-1" },
    });
    expect(synthJson(s3).terraform.required_version).toBe(">= 1.10");
    const local = new KubernetesRunnerStack(app(), "local", kubernetesExample);
    expect(synthJson(local).terraform.required_version).toBe(">= 1.0");
    expect(requiredTerraformVersion({ kind: "gcs", bucket: "b", prefix: "p" })).toBe(">= 1.0");
  });
});
