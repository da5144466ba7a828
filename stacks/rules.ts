import { defineRule } from "../lib/core/rules/rule";

// Rules of the per-cloud runner stacks and their state backends.

/** A required state backend setting left empty. */
export const BACKEND_REQUIRED = defineRule({
  id: "STACK-BACKEND-REQUIRED",
  kind: "validity",
  severity: "error",
  rationale:
    "Terraform cannot initialise a remote state backend without its bucket, key or container.",
  example: '"acme-terraform-state"',
});

/** An absolute local state path. */
export const BACKEND_ABSOLUTE_PATH = defineRule({
  id: "STACK-BACKEND-ABSOLUTE-PATH",
  kind: "policy",
  severity: "error",
  rationale:
    "The state path is written into the synthesized JSON; an absolute path makes the output differ between machines and checkouts.",
  example: '"terraform.runners.tfstate"',
});

/** An S3 state key with a leading '/'. */
export const BACKEND_S3_KEY = defineRule({
  id: "STACK-BACKEND-S3-KEY",
  kind: "validity",
  severity: "error",
  rationale: "Terraform's S3 backend rejects keys that start with '/'.",
  example: '"runners/eks.tfstate"',
});

/** An Azure storage account name Azure rejects. */
export const BACKEND_AZURE_ACCOUNT_NAME = defineRule({
  id: "STACK-BACKEND-AZURE-ACCOUNT-NAME",
  kind: "validity",
  severity: "error",
  rationale: "Azure storage account names are 3–24 lower-case letters and digits.",
  example: '"acmetfstate"',
});

/** Access-key auth to an azurerm backend without the account's resource group. */
export const BACKEND_AZURE_RESOURCE_GROUP = defineRule({
  id: "STACK-BACKEND-AZURE-RESOURCE-GROUP",
  kind: "validity",
  severity: "error",
  rationale:
    "Without Azure AD auth the azurerm backend looks the access key up, which needs the storage account's resource group.",
  example: '"rg-terraform-state"',
});

/** An Azure subscription or tenant id that is not a GUID. */
export const AZURE_GUID = defineRule({
  id: "STACK-AZURE-GUID",
  kind: "validity",
  severity: "error",
  rationale:
    "Azure subscription and tenant ids are GUIDs; anything else fails at provider configuration.",
  example: '"00000000-0000-0000-0000-000000000000"',
});

/** An EKS pool identity that asks for both IRSA and Pod Identity. */
export const EKS_IDENTITY_ONE_OF = defineRule({
  id: "STACK-EKS-IDENTITY-ONE-OF",
  kind: "validity",
  severity: "error",
  rationale: "A pool's service account gets its AWS credentials one way: IRSA or EKS Pod Identity.",
  example: "identity: { irsa: { … } }",
});

/** Identity options given to a stack that cannot create identities. */
export const IDENTITY_OBJECT = defineRule({
  id: "STACK-IDENTITY-OBJECT",
  kind: "validity",
  severity: "error",
  rationale:
    "A KubernetesRunnerStack has no cloud to create an identity in; it takes WorkloadIdentity objects (e.g. made by a cloud stack) only.",
  example: 'identity: stack.addIrsaIdentity("runners") (an object with bind())',
});
