import { Construct } from "constructs";
import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, TerraformBackend } from "cdktf";
import { isUnresolved, Problem } from "../lib/core/rules/problem";
import { addChecks } from "../lib/core/rules/report";
import {
  BACKEND_ABSOLUTE_PATH,
  BACKEND_AZURE_ACCOUNT_NAME,
  BACKEND_AZURE_RESOURCE_GROUP,
  BACKEND_REQUIRED,
  BACKEND_S3_KEY,
} from "./rules";

/** Where a stack keeps its Terraform state. */
export type StateBackend =
  /** A local file, by a path relative to the stack's directory. */
  | {
      readonly kind: "local";
      /** State file path, relative to the stack directory. @default `terraform.<stack id>.tfstate` */
      readonly path?: string;
    }
  /** S3, locked with S3's own lock file (`use_lockfile`, Terraform ≥ 1.10; no DynamoDB table). */
  | {
      readonly kind: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      /** Server-side encryption. @default true */
      readonly encrypt?: boolean;
      /** KMS key for the state object. @default the bucket's default encryption */
      readonly kmsKeyId?: string;
      /** AWS CLI profile. @default the environment's credentials */
      readonly profile?: string;
    }
  /** Google Cloud Storage (locks natively). */
  | {
      readonly kind: "gcs";
      readonly bucket: string;
      readonly prefix: string;
      /** Cloud KMS key that encrypts the state. @default the bucket's encryption */
      readonly kmsEncryptionKey?: string;
      /** Service account to impersonate. @default the caller */
      readonly impersonateServiceAccount?: string;
    }
  /** Azure Blob Storage (locks with blob leases). */
  | {
      readonly kind: "azurerm";
      /** Resource group of the storage account (only needed for access-key auth). @default not set */
      readonly resourceGroupName?: string;
      readonly storageAccountName: string;
      readonly containerName: string;
      readonly key: string;
      /** Authenticate to the blob with Entra ID instead of the account key. @default true */
      readonly useAzureadAuth?: boolean;
      /** Authenticate with OIDC (CI federated credentials). @default false */
      readonly useOidc?: boolean;
      /** Subscription of the storage account. @default the environment's */
      readonly subscriptionId?: string;
      /** Tenant. @default the environment's */
      readonly tenantId?: string;
    };

/**
 * The oldest Terraform a stack's configuration runs on: `>= 1.10` with the S3 backend
 * (`use_lockfile`, S3-native locking, came in Terraform 1.10), else `>= 1.0`: the helm
 * provider 3.x is built on the plugin framework (protocol 6: `kubernetes` is a nested
 * attribute, `set` a list of objects), which Terraform serves from 1.0 on. Nothing else the
 * stacks synthesize (sensitive variables, `depends_on`, data sources) needs more.
 */
export function requiredTerraformVersion(backend?: StateBackend): string {
  return backend?.kind === "s3" ? ">= 1.10" : ">= 1.0";
}

/**
 * Configures the stack's backend. The default is a local state file with a path relative
 * to the stack directory: cdktf's implicit local backend writes an absolute path, which
 * would make the JSON differ between checkouts.
 */
export function configureBackend(
  scope: Construct,
  stackId: string,
  backend?: StateBackend,
): TerraformBackend {
  const b = backend ?? { kind: "local" };
  addChecks(scope, () => checkBackend(b));
  switch (b.kind) {
    case "local":
      return new LocalBackend(scope, { path: b.path ?? `terraform.${stackId}.tfstate` });
    case "s3": {
      const s3 = new S3Backend(scope, {
        bucket: b.bucket,
        key: b.key,
        region: b.region,
        encrypt: b.encrypt ?? true,
        kmsKeyId: b.kmsKeyId,
        profile: b.profile,
      });
      s3.addOverride("use_lockfile", true);
      return s3;
    }
    case "gcs":
      return new GcsBackend(scope, {
        bucket: b.bucket,
        prefix: b.prefix,
        kmsEncryptionKey: b.kmsEncryptionKey,
        impersonateServiceAccount: b.impersonateServiceAccount,
      });
    case "azurerm":
      return new AzurermBackend(scope, {
        resourceGroupName: b.resourceGroupName,
        storageAccountName: b.storageAccountName,
        containerName: b.containerName,
        key: b.key,
        useAzureadAuth: b.useAzureadAuth ?? true,
        useOidc: b.useOidc,
        subscriptionId: b.subscriptionId,
        tenantId: b.tenantId,
      });
  }
}

/** Checks a backend: no absolute local paths (machine-specific JSON), required names set, keys relative. */
export function checkBackend(b: StateBackend): Problem[] {
  const problems: Problem[] = [];
  const required = (field: string, value: string | undefined, example: string) => {
    if (value === undefined || (!isUnresolved(value) && value.trim() === "")) {
      problems.push({
        rule: BACKEND_REQUIRED,
        field: `backend.${field}`,
        value,
        message: "must not be empty",
        example,
      });
    }
  };
  switch (b.kind) {
    case "local":
      if (
        b.path !== undefined &&
        !isUnresolved(b.path) &&
        (b.path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(b.path))
      ) {
        problems.push({
          rule: BACKEND_ABSOLUTE_PATH,
          field: "backend.path",
          value: b.path,
          message:
            "an absolute path makes the synthesized JSON machine-specific; use a path relative to the stack directory",
          example: '"terraform.runners.tfstate"',
        });
      }
      break;
    case "s3":
      required("bucket", b.bucket, '"acme-terraform-state"');
      required("key", b.key, '"runners/eks.tfstate"');
      required("region", b.region, '"eu-west-1"');
      if (b.key && !isUnresolved(b.key) && b.key.startsWith("/")) {
        problems.push({
          rule: BACKEND_S3_KEY,
          field: "backend.key",
          value: b.key,
          message: "an S3 key must not start with '/'",
          example: '"runners/eks.tfstate"',
        });
      }
      break;
    case "gcs":
      required("bucket", b.bucket, '"acme-terraform-state"');
      required("prefix", b.prefix, '"runners/gke"');
      break;
    case "azurerm":
      required("storageAccountName", b.storageAccountName, '"acmetfstate"');
      required("containerName", b.containerName, '"tfstate"');
      required("key", b.key, '"runners/aks.tfstate"');
      if (
        b.storageAccountName &&
        !isUnresolved(b.storageAccountName) &&
        !/^[a-z0-9]{3,24}$/.test(b.storageAccountName)
      ) {
        problems.push({
          rule: BACKEND_AZURE_ACCOUNT_NAME,
          field: "backend.storageAccountName",
          value: b.storageAccountName,
          message: "a storage account name is 3–24 lower-case letters and digits",
          example: '"acmetfstate"',
        });
      }
      if (b.useAzureadAuth === false && b.resourceGroupName === undefined) {
        problems.push({
          rule: BACKEND_AZURE_RESOURCE_GROUP,
          field: "backend.resourceGroupName",
          value: undefined,
          message:
            "access-key auth (useAzureadAuth: false) needs the storage account's resource group",
          example: '"rg-terraform-state"',
        });
      }
      break;
  }
  return problems;
}
