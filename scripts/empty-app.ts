// The benchmark's baseline: an empty cdktf app with one empty stack, synthesized.
import { App, TerraformStack } from "cdktf";

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", stackTraces: false });
new TerraformStack(app, "empty");
app.synth();
