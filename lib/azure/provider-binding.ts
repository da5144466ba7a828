// Loaded first by `cdktf-runner-pools/azure` and its stack: fails early, naming the package
// and version to install, when the Azure provider binding (an optional peer) is missing.
import { requirePeerDependency } from "../core/peer-dependency";

/** The Azure provider binding this library is built against (its peerDependencies entry). */
export const BINDING = { name: "@cdktf/provider-azurerm", version: "14.23.1" } as const;

requirePeerDependency("cdktf-runner-pools/azure", BINDING.name, BINDING.version);
