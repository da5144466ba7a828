// Replays a floor plan (floor.json from floor.ts) through the provider bindings and synthesizes:
// `node dist/scripts/bench/floor-run.js DIR/floor.json`. Writes to CDKTF_OUTDIR.
import * as fs from "fs";
import { App } from "cdktf";
import { FloorStack, replayFloor } from "./floor";

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as FloorStack[];
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", stackTraces: false });
replayFloor(app, plan);
app.synth();
