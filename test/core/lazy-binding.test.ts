// Binding modules a stack may never need are loaded when a construct first creates the resource.
import * as path from "path";
import { spawnSync } from "child_process";
import { lazyBinding } from "../../lib/core/lazy-binding";

test("loads the module on first use, once", () => {
  let loads = 0;
  const load = lazyBinding<typeof import("@cdktf/provider-aws/lib/eks-addon")>(() => {
    loads++;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@cdktf/provider-aws/lib/eks-addon");
  });
  expect(loads).toBe(0);
  const first = load();
  expect(typeof first.EksAddon).toBe("function");
  expect(load()).toBe(first);
  expect(loads).toBe(1);
});

test("the default app loads none of the bindings it never creates (compiled app, own process)", () => {
  const root = path.resolve(__dirname, "..", "..");
  const main = path.join(root, "dist", "stacks", "main.js");
  const probe = [
    "const seen = () => Object.keys(require.cache).filter((m) => /provider-(aws|google|kubernetes)\\/lib\\/(eks-addon|data-aws-region|iam-openid-connect-provider|secret-v1|data-google-project)\\//.test(m));",
    `process.env.CDKTF_OUTDIR = require("fs").mkdtempSync(require("path").join(require("os").tmpdir(), "lazy-"));`,
    `process.on("exit", () => { console.log(JSON.stringify(seen())); require("fs").rmSync(process.env.CDKTF_OUTDIR, { recursive: true, force: true }); });`,
  ].join("\n");
  const r = spawnSync(process.execPath, ["-e", `${probe}\nrequire(${JSON.stringify(main)});`], {
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (r.status !== 0 && /Cannot find module/.test(r.stderr)) {
    throw new Error(`build first (npm run build): ${r.stderr.slice(0, 300)}`);
  }
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout.trim().split("\n").pop() ?? "null")).toEqual([]);
});
