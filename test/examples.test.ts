import { App, Testing, TerraformStack } from "cdktf";
import { spawnSync } from "child_process";
import { build as humanitecAks } from "../examples/humanitec-agent-aks/app";
import { build as sophosEks } from "../examples/sophos-factory-eks/app";
import { build as kubiyaGke } from "../examples/kubiya-gke/app";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { trustOf } from "./aws/policy-json";

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
  devDependencies: Record<string, string>;
};
const exampleDirs = fs
  .readdirSync(path.join(root, "examples"), { withFileTypes: true })
  .filter(
    (e) => e.isDirectory() && fs.existsSync(path.join(root, "examples", e.name, "cdktf.json")),
  )
  .map((e) => e.name)
  .sort();

const examples: [string, (app: App) => TerraformStack[]][] = [
  ["humanitec-agent-aks", humanitecAks],
  ["sophos-factory-eks", sophosEks],
  ["kubiya-gke", kubiyaGke],
];

describe.each(exampleDirs)("example %s, as a consumer uses it", (name) => {
  const dir = path.join(root, "examples", name);
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"));

  test("imports the library by package name only (public entry points, no ../../lib)", () => {
    const imports = sources.flatMap((f) =>
      [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/from\s+"([^"]+)"/g)].map(
        (m) => m[1],
      ),
    );
    expect(imports.filter((i) => i.startsWith("../") || /\/(lib|stacks)\/.*\.ts$/.test(i))).toEqual(
      [],
    );
    const own = imports.filter((i) => i === pkg.name || i.startsWith(`${pkg.name}/`));
    expect(own.length).toBeGreaterThan(0);
    for (const i of own) expect(Object.keys(pkg.exports)).toContain(`.${i.slice(pkg.name.length)}`);
  });

  test("its cdktf.json app runs with what the lock file installs (tsx, pinned) and synthesizes", () => {
    const cdktf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8"));
    expect(cdktf.app).toBe("npx tsx main.ts");
    expect(pkg.devDependencies.tsx).toMatch(/^\d+\.\d+\.\d+$/);
    // what `npx tsx main.ts` runs, without npx's registry fallback
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
    try {
      const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["main.ts"], {
        cwd: dir,
        env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const stacks = fs.readdirSync(path.join(outdir, "stacks"));
      expect(stacks).toEqual([name]);
      expect(fs.existsSync(path.join(outdir, "stacks", name, "cdk.tf.json"))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe.each(examples)("example %s", (name, build) => {
  test("synthesizes with validations, no errors, nothing secret", () => {
    const app = Testing.app();
    const stacks = build(app);
    expect(stacks.map((s) => s.node.id)).toEqual([name]);
    for (const stack of stacks) {
      expect(() => Testing.synth(stack, true)).not.toThrow();
      const text = Testing.synth(stack);
      expect(text).not.toMatch(/PRIVATE KEY|\/work\/|\/tmp\//);
      expect(JSON.parse(text).resource.helm_release).toBeDefined();
    }
  });
});

function synth(build: (app: App) => TerraformStack[]) {
  const [stack] = build(Testing.app());
  return JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };
}

function only(json: ReturnType<typeof synth>, type: string): Record<string, unknown> {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe("examples bind the cloud identity to the right service account", () => {
  test("humanitec-agent-aks: the federated credential trusts the JOB account; jobs get the AKS label", () => {
    const json = synth(humanitecAks);
    expect(only(json, "azurerm_federated_identity_credential")).toMatchObject({
      subject: "system:serviceaccount:humanitec-agent-jobs:humanitec-kubernetes-agent-runner-job",
      audience: ["api://AzureADTokenExchange"],
    });
    const accounts = Object.values(json.resource.kubernetes_service_account_v1) as {
      metadata: { name: string; annotations?: Record<string, string> };
    }[];
    const annotated = accounts.filter((a) => a.metadata.annotations);
    expect(annotated.map((a) => a.metadata.name)).toEqual([
      "humanitec-kubernetes-agent-runner-job",
    ]);
    const registration = only(json, "platform-orchestrator_kubernetes_agent_runner") as {
      runner_configuration: { job: { pod_template: string } };
    };
    expect(JSON.parse(registration.runner_configuration.job.pod_template).metadata.labels).toEqual({
      "app.kubernetes.io/name": "humanitec-runner",
      "azure.workload.identity/use": "true",
    });
  });

  test("sophos-factory-eks: IRSA trusts the runner pods' default account in the runner namespace", () => {
    const json = synth(sophosEks);
    const role = only(json, "aws_iam_role") as { assume_role_policy: string };
    const trust = trustOf(json, role).Statement[0].Condition.StringEquals;
    expect(Object.values(trust)).toContain("system:serviceaccount:factory-runners:default");
    const sa = only(json, "kubernetes_default_service_account_v1") as {
      metadata: { annotations: Record<string, string> };
    };
    expect(sa.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(/aws_iam_role\./);
  });

  test("kubiya-gke: Workload Identity binds the tool manager's account", () => {
    const json = synth(kubiyaGke);
    expect(only(json, "google_service_account_iam_member")).toMatchObject({
      member: "serviceAccount:acme-ci.svc.id.goog[kubiya/kubiya-runner-tool-manager]",
      role: "roles/iam.workloadIdentityUser",
    });
    const sa = only(json, "kubernetes_service_account_v1") as {
      metadata: { name: string; annotations: Record<string, string> };
    };
    expect(sa.metadata.name).toBe("kubiya-runner-tool-manager");
    expect(Object.keys(sa.metadata.annotations)).toEqual(["iam.gke.io/gcp-service-account"]);
  });
});
