import { spawnSync } from "child_process";
import * as path from "path";

// The project's own lint rules (eslint.config.mjs): layers (eslint/layers.mjs) and `@default`
// on optional properties of exported interfaces (eslint/require-default-doc.mjs). Fixture
// sources are linted with ESLint's API (`lintText`) as if they were files at the given path;
// nothing is written. ESLint loads its ESM config by dynamic import, which Jest's VM does not
// allow, so the API runs in a child node process.
const root = path.resolve(__dirname, "../..");

type Message = { ruleId: string | null; line: number };

function lint(filePath: string, code: string): Message[] {
  const script = `
    const { ESLint } = require("eslint");
    const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
    new ESLint({ cwd: input.root })
      .lintText(input.code, { filePath: input.filePath })
      .then(([r]) => console.log(JSON.stringify(r.messages.map((m) => ({ ruleId: m.ruleId, line: m.line })))))
      .catch((e) => { console.error(e); process.exit(1); });`;
  const run = spawnSync(process.execPath, ["-e", script], {
    cwd: root,
    input: JSON.stringify({ root, code, filePath: path.join(root, filePath) }),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Message[];
}

describe("layers", () => {
  test("core importing upward (the pool) is an error", () => {
    const code = 'import { RunnerPool } from "../pool";\nexport const pool = RunnerPool;\n';
    expect(lint("lib/core/probe.ts", code)).toEqual([{ ruleId: "local/layers", line: 1 }]);
  });

  test("kubernetes/ importing a platform is an error", () => {
    const code =
      'import { KubiyaRunner } from "../platforms/kubiya/kubiya-runner";\nexport const k = KubiyaRunner;\n';
    expect(lint("lib/kubernetes/probe.ts", code)).toEqual([{ ruleId: "local/layers", line: 1 }]);
  });

  test("a platform importing a cloud folder or stacks is an error; core and kubernetes are fine", () => {
    const code = [
      'import { AwsIrsaIdentity } from "../../aws/irsa-identity";',
      'import { RunnerNamespace } from "../../kubernetes/runner-namespace";',
      'import { standardLabels } from "../../core/labels";',
      'export { GkeRunnerStack } from "../../../stacks/gke-runner-stack";',
      "export const all = [AwsIrsaIdentity, RunnerNamespace, standardLabels];",
      "",
    ].join("\n");
    expect(lint("lib/platforms/kubiya/probe.ts", code)).toEqual([
      { ruleId: "local/layers", line: 1 },
      { ruleId: "local/layers", line: 4 },
    ]);
  });

  test("a cloud folder importing another cloud's folder or the pool is an error", () => {
    const code =
      'import { GkeWorkloadIdentity } from "../gcp/gke-workload-identity";\nimport { RunnerPool } from "../pool";\nimport type { WorkloadIdentity } from "../identity/workload-identity";\nexport type X = [GkeWorkloadIdentity, RunnerPool, WorkloadIdentity];\n';
    expect(lint("lib/aws/probe.ts", code)).toEqual([
      { ruleId: "local/layers", line: 1 },
      { ruleId: "local/layers", line: 2 },
    ]);
  });

  test("a platform importing another platform's folder is an error; its own folder is fine", () => {
    const code = [
      'import { SophosFactoryRunner } from "../sophos-factory/sophos-factory-runner";',
      'import { KUBIYA_CHART_NAME } from "./kubiya-runner-props";',
      "export const all = [SophosFactoryRunner, KUBIYA_CHART_NAME];",
      "",
    ].join("\n");
    expect(lint("lib/platforms/kubiya/probe.ts", code)).toEqual([
      { ruleId: "local/layers", line: 1 },
    ]);
    const arc =
      'import { ArcGithubCredentials } from "../shared/github-credentials";\nexport const c = ArcGithubCredentials;\n';
    expect(lint("lib/platforms/arc/scale-set/probe.ts", arc)).toEqual([]);
  });

  test("lib and stacks importing the package by its own name is an error (it would bypass the layers)", () => {
    const code =
      'import { AwsIrsaIdentity } from "cdktf-runner-pools/aws";\nexport const a = AwsIrsaIdentity;\n';
    expect(lint("lib/platforms/kubiya/probe.ts", code)).toEqual([
      { ruleId: "local/layers", line: 1 },
    ]);
    expect(lint("stacks/probe.ts", code)).toEqual([{ ruleId: "local/layers", line: 1 }]);
  });

  test("an example importing the library by relative path is an error (use the package name)", () => {
    const code =
      'import { RunnerPool } from "../../lib/pool";\nimport { KubiyaRunner } from "cdktf-runner-pools";\nexport const all = [RunnerPool, KubiyaRunner];\n';
    expect(lint("examples/probe/app.ts", code)).toEqual([{ ruleId: "local/layers", line: 1 }]);
  });
});

describe("@default on optional properties of exported interfaces", () => {
  test("a missing @default is an error, also in a nested type literal; internal interfaces are not checked", () => {
    const code = [
      "export interface ProbeProps {",
      "  /** Name. */",
      "  readonly name: string;",
      "  /** Labels, documented but without a default. */",
      "  readonly labels?: Record<string, string>;",
      "  /** Replicas. @default 1 */",
      "  readonly replicas?: number;",
      "  /**",
      "   * Nested options.",
      "   * @default - none",
      "   */",
      "  readonly nested?: { readonly depth?: number };",
      "}",
      "interface Internal {",
      "  readonly hidden?: string;",
      "}",
      "export type Alias = Internal;",
      "",
    ].join("\n");
    expect(lint("lib/kubernetes/probe.ts", code)).toEqual([
      { ruleId: "local/require-default-doc", line: 5 },
      { ruleId: "local/require-default-doc", line: 12 },
    ]);
  });
});
