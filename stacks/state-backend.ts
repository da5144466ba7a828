import { Construct } from "constructs";
import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, TerraformBackend } from "cdktf";

/** Where a stack keeps its Terraform state. */
export type StateBackend =
  /** A local file, by a path relative to the stack's directory. */
  | { readonly kind: "local"; readonly path?: string }
  /** S3, locked with S3's own lock file (`use_lockfile`, Terraform ≥ 1.10; no DynamoDB table). */
  | {
      readonly kind: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly encrypt?: boolean;
    }
  /** Google Cloud Storage (locks natively). */
  | { readonly kind: "gcs"; readonly bucket: string; readonly prefix: string }
  /** Azure Blob Storage (locks with blob leases). */
  | {
      readonly kind: "azurerm";
      readonly resourceGroupName: string;
      readonly storageAccountName: string;
      readonly containerName: string;
      readonly key: string;
      readonly useAzureadAuth?: boolean;
    };

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
  switch (b.kind) {
    case "local":
      return new LocalBackend(scope, { path: b.path ?? `terraform.${stackId}.tfstate` });
    case "s3": {
      const s3 = new S3Backend(scope, {
        bucket: b.bucket,
        key: b.key,
        region: b.region,
        encrypt: b.encrypt ?? true,
      });
      s3.addOverride("use_lockfile", true);
      return s3;
    }
    case "gcs":
      return new GcsBackend(scope, { bucket: b.bucket, prefix: b.prefix });
    case "azurerm":
      return new AzurermBackend(scope, {
        resourceGroupName: b.resourceGroupName,
        storageAccountName: b.storageAccountName,
        containerName: b.containerName,
        key: b.key,
        useAzureadAuth: b.useAzureadAuth ?? true,
      });
  }
}
