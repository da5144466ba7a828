import { App } from "cdktf";
import { build } from "./app";

const app = new App({ stackTraces: false });
build(app);
app.synth();
