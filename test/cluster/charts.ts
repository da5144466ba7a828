// Renders a stack's helm_release with the real Helm CLI (`helm template`), when its chart is
// one of the pinned upstream charts in ../shared/upstream/charts (see its PROVENANCE.md) or a
// local chart the stack ships (assets/...). Values: the release's `values` documents, `set`
// entries, and a placeholder for each `set_sensitive`.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, parseAllDocuments, stringify } from "yaml";
import type { Json, Obj } from "./translate";

export const KUBE_VERSION = "1.35.4";

export interface UpstreamChart {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

/** The charts under `dir` (one level), by `name@version`. */
export function upstreamCharts(dir: string): Map<string, UpstreamChart> {
  const out = new Map<string, UpstreamChart>();
  if (!fs.existsSync(dir)) return out;
  for (const d of fs.readdirSync(dir).sort()) {
    const f = path.join(dir, d, "Chart.yaml");
    if (!fs.existsSync(f)) continue;
    const c = parse(fs.readFileSync(f, "utf8"));
    out.set(`${c.name}@${c.version}`, { name: c.name, version: c.version, dir: path.join(dir, d) });
  }
  return out;
}

/**
 * A chart directory helm can render: dependencies with `file://` repositories are copied
 * into charts/, and remote ones that cannot be reached here become stub charts (a Chart.yaml
 * of that name and version) — only allowed when their `condition` is switched off by the
 * values (checked by the caller through the rendered output never naming them).
 */
export function prepareChart(chart: UpstreamChart, work: string): { dir: string; stubs: string[] } {
  const meta = parse(fs.readFileSync(path.join(chart.dir, "Chart.yaml"), "utf8"));
  const deps = (meta.dependencies ?? []) as {
    name: string;
    version: string;
    repository?: string;
  }[];
  if (deps.length === 0) return { dir: chart.dir, stubs: [] };
  const dir = path.join(work, `${chart.name}-${chart.version}`);
  if (!fs.existsSync(dir)) {
    fs.cpSync(chart.dir, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "charts"), { recursive: true });
  }
  const stubs: string[] = [];
  for (const dep of deps) {
    const target = path.join(dir, "charts", dep.name);
    if (fs.existsSync(target)) {
      if (!dep.repository?.startsWith("file://")) stubs.push(`${dep.name}@${dep.version}`);
      continue;
    }
    if (dep.repository?.startsWith("file://")) {
      fs.cpSync(path.resolve(chart.dir, dep.repository.slice("file://".length)), target, {
        recursive: true,
      });
    } else {
      fs.mkdirSync(target, { recursive: true });
      fs.writeFileSync(
        path.join(target, "Chart.yaml"),
        `apiVersion: v2\nname: ${dep.name}\nversion: ${dep.version}\ndescription: stub for test:cluster (remote chart not reachable here)\n`,
      );
      stubs.push(`${dep.name}@${dep.version}`);
    }
  }
  return { dir, stubs };
}

export interface ReleaseInput {
  readonly name: string;
  readonly namespace: string;
  readonly values: Obj; // merged values documents
  readonly sets: { name: string; value: string; type?: string }[];
}

export interface Rendered {
  readonly source: string; // templates/x.yaml
  readonly body: Obj;
}

export interface RenderResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly objects: Rendered[];
  readonly text: string;
}

/** Deep merge of Helm values documents (later wins; maps merge, the rest replaces). */
export function mergeValues(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      v &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      prev &&
      typeof prev === "object" &&
      !Array.isArray(prev)
        ? mergeValues(prev as Obj, v as Obj)
        : v;
  }
  return out;
}

export function helmTemplate(
  helm: string,
  chartDir: string,
  input: ReleaseInput,
  work: string,
): RenderResult {
  fs.mkdirSync(work, { recursive: true });
  const valuesFile = path.join(work, `values-${process.pid}.yaml`);
  fs.writeFileSync(valuesFile, stringify(input.values));
  const args = [
    "template",
    input.name,
    chartDir,
    "--namespace",
    input.namespace,
    "--kube-version",
    KUBE_VERSION,
    "--include-crds",
    "-f",
    valuesFile,
  ];
  for (const s of input.sets) {
    args.push(s.type === "string" ? "--set-string" : "--set", `${s.name}=${s.value}`);
  }
  const home = path.join(work, "helm-home");
  const r = spawnSync(helm, args, {
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      HELM_CACHE_HOME: path.join(home, "cache"),
      HELM_CONFIG_HOME: path.join(home, "config"),
      HELM_DATA_HOME: path.join(home, "data"),
      KUBECONFIG: path.join(home, "no-kubeconfig"),
    },
  });
  if (r.status !== 0)
    return { ok: false, error: (r.stderr || r.error?.message || "").trim(), objects: [], text: "" };
  return { ok: true, objects: splitRendered(r.stdout), text: r.stdout };
}

export function splitRendered(text: string): Rendered[] {
  const out: Rendered[] = [];
  for (const part of text.split(/^---\s*$/m)) {
    const source = /^# Source: (.+)$/m.exec(part)?.[1] ?? "?";
    for (const doc of parseAllDocuments(part)) {
      const body = doc.toJS() as Json;
      if (body && typeof body === "object" && !Array.isArray(body) && body.kind)
        out.push({ source: source.replace(/^[^/]+\//, ""), body: body as Obj });
    }
  }
  return out;
}

/** Leaf paths of a values tree (arrays and empty maps are leaves). */
export function leafPaths(v: Obj, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, x] of Object.entries(v)) {
    const p = [...prefix, k];
    if (x && typeof x === "object" && !Array.isArray(x) && Object.keys(x).length > 0)
      out.push(...leafPaths(x as Obj, p));
    else out.push(p);
  }
  return out;
}

export function withoutPath(v: Obj, p: string[]): Obj {
  const copy = JSON.parse(JSON.stringify(v)) as Obj;
  let cur: Obj = copy;
  for (const k of p.slice(0, -1)) cur = cur[k] as Obj;
  delete cur[p[p.length - 1]];
  return copy;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
