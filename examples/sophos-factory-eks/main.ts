// `cdktf synth` in this directory runs this file (see cdktf.json).
import { App } from "cdktf";
import { build } from "./app";

process.env.CHECKPOINT_DISABLE = "1";
const app = new App({ stackTraces: false });
build(app);
app.synth();
