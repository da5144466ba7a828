// Loaded first by `cdktf-runner-pools/gcp` and its stack: fails early, naming the package
// and version to install, when the Google provider binding (an optional peer) is missing.
import { requirePeerDependency } from "../core/peer-dependency";

/** The Google provider binding this library is built against (its peerDependencies entry). */
export const BINDING = { name: "@cdktf/provider-google", version: "16.12.1" } as const;

requirePeerDependency("cdktf-runner-pools/gcp", BINDING.name, BINDING.version);
