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
} catch (error) {
  // Validation failures list every problem with its construct path; no stack trace needed.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
