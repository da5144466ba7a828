// Loaded first by `cdktf-runner-pools/aws` and its stack: fails early, naming the package
// and version to install, when the AWS provider binding (an optional peer) is missing.
import { requirePeerDependency } from "../core/peer-dependency";

/** The AWS provider binding this library is built against (its peerDependencies entry). */
export const BINDING = { name: "@cdktf/provider-aws", version: "21.22.1" } as const;

requirePeerDependency("cdktf-runner-pools/aws", BINDING.name, BINDING.version);
