// The default app: `npm run synth` (or `cdktf synth`) writes cdktf.out/stacks/<name>/cdk.tf.json
// from the embedded example configuration. No credentials or network needed.
import { App } from "cdktf";
import { buildDefaultApp } from "./default-app";

process.env.CHECKPOINT_DISABLE = "1";
// stackTraces: false keeps absolute source paths out of the JSON's metadata.
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", stackTraces: false });
buildDefaultApp(app);
try {
  app.synth();
  // Print synth-time warnings the way `cdktf synth` does (this app also runs without the CLI).
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === "@cdktf/warn")
        console.warn(`Warning: [${construct.node.path}] ${String(entry.data)}`);
    }
  }
} catch (error) {
  // Validation failures list every problem with its construct path; no stack trace needed.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
