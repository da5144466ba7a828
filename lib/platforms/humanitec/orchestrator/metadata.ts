import type { TerraformProvider } from "cdktf";
import { orchestratorMetadata, PlatformOrchestratorProvider } from "./provider";

/** Generator metadata matching the resource's provider (Humanitec's when unknown). */
export function metadataOfProvider(provider: TerraformProvider | undefined) {
  return orchestratorMetadata(
    provider instanceof PlatformOrchestratorProvider ? provider.orchestrator : "humanitec",
  );
}
