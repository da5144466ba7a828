// helm_release: chart, source, version, values (parsed with the `yaml` library), images,
// privileged settings, secret-bearing values by name only; local (generated) charts'
// manifests; scaling from the values (ARC scale sets) and the manifests (HRA).
import { parseAllDocuments } from "yaml";
import { CliError } from "../errors";
import { type Json, arr, compare, isObject, obj, str } from "../json";
import { type Item, type StackIndex, dependsOn } from "../stack-index";
import { readChartFiles } from "../synth-dir";

/** Charts whose release is a controller other releases depend on; their CRDs need care. */
export const CONTROLLER_CHARTS = ["actions-runner-controller", "gha-runner-scale-set-controller"];

export interface ManifestObject {
  /** file inside the chart (`manifests/01-….yaml`) */
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  readonly body: Json;
}

export interface ReleaseReview {
  readonly address: string;
  readonly pool: string;
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  /** repository URL, or `local chart` for a chart shipped as a stack asset */
  readonly source: string;
  readonly version: string;
  readonly controller: boolean;
  /** releases this one is ordered after (`depends_on`), by release name */
  readonly after: string[];
  /** `path: image` for every image the values or manifests name */
  readonly images: string[];
  /** `path: value` for privileged/host settings that are on */
  readonly privileged: string[];
  /** `set_sensitive` names (never their values) */
  readonly sensitiveValues: string[];
  /** `set` entries: `name = value` */
  readonly set: string[];
  /** values paths hinting at RBAC the chart itself creates */
  readonly chartRbac: string[];
  /** the merged values (all `values` documents) */
  readonly values: Json;
  /** objects of a local chart's manifests (generated charts) */
  readonly manifests: ManifestObject[];
}

export interface ScalingReview {
  readonly pool: string;
  /** where it was read: the release address or `<release>: <manifest file>` */
  readonly source: string;
  readonly kind: string;
  readonly min?: string;
  readonly max?: string;
  readonly details: string[];
}

function parseYaml(text: string, label: string): Json[] {
  const docs = parseAllDocuments(text);
  const out: Json[] = [];
  for (const doc of docs) {
    if (doc.errors.length)
      throw new CliError(`${label}: invalid YAML (${doc.errors[0].message.split("\n")[0]})`);
    const value = doc.toJS() as Json;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function merge(a: Json, b: Json): Json {
  if (!isObject(a) || !isObject(b)) return b;
  const out: Record<string, Json> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}

/** Every leaf of a value with its dotted path (`template.spec.containers[0].image`). */
export function leaves(value: Json, prefix = ""): [string, Json][] {
  if (Array.isArray(value)) {
    if (value.every((v) => !isObject(v) && !Array.isArray(v))) return [[prefix, value]];
    return value.flatMap((v, i) => leaves(v, `${prefix}[${i}]`));
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compare);
    if (keys.length === 0) return [[prefix, value]];
    return keys.flatMap((k) => leaves(value[k], prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value]];
}

const PRIVILEGED = /(^|\.)(privileged|allowPrivilegeEscalation|hostNetwork|hostPID|hostIPC)$/;

export function imagesIn(value: Json, prefix = ""): string[] {
  const out: string[] = [];
  const visit = (v: Json, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (isObject(v)) {
      for (const k of Object.keys(v).sort(compare)) {
        const p = path ? `${path}.${k}` : k;
        const child = v[k];
        if (k === "image" && typeof child === "string") out.push(`${p}: ${child}`);
        else if (k === "image" && isObject(child) && (child.repository || child.tag)) {
          const repo = [str(child.registry), str(child.repository)].filter(Boolean).join("/");
          out.push(`${p}: ${repo}${child.tag !== undefined ? `:${str(child.tag)}` : ""}`);
        } else if (/IMAGE_(REGISTRY|REPOSITORY|TAG)$/.test(k) && str(child) !== undefined)
          out.push(`${p}: ${str(child)}`);
        else visit(child, p);
      }
    }
  };
  visit(value, prefix);
  return out;
}

export function privilegedIn(value: Json, prefix = ""): string[] {
  const out: string[] = [];
  for (const [path, v] of leaves(value, prefix)) {
    if (PRIVILEGED.test(path) && v === true) out.push(`${path}: true`);
    if (/(^|\.)capabilities\.add$/.test(path) && Array.isArray(v) && v.length)
      out.push(`${path}: ${v.map((x) => str(x)).join(", ")}`);
    if (/(^|\.)containerMode\.type$/.test(path) && v === "dind")
      out.push(`${path}: dind (privileged Docker-in-Docker sidecar)`);
  }
  return out;
}

export function releasesOf(index: StackIndex, poolOf: (i: Item) => string): ReleaseReview[] {
  return index.ofType("helm_release").map((r) => {
    const b = r.body;
    const name = str(b.name) ?? r.id;
    const chart = str(b.chart) ?? "";
    const repository = str(b.repository);
    const label = `${index.stack.name}: ${r.address}`;
    let values: Json = {};
    for (const doc of arr(b.values)) {
      for (const v of parseYaml(str(doc) ?? "", `${label} values`)) values = merge(values, v);
    }
    const manifests: ManifestObject[] = [];
    let local = false;
    let version = str(b.version) ?? "";
    if (!repository && !/^(oci|https?):\/\//.test(chart)) {
      const files = readChartFiles(index.stack, chart);
      local = true;
      for (const [file, text] of files) {
        if (file.startsWith("templates/")) continue;
        const docs = parseYaml(text, `${label} chart ${file}`);
        if (file === "Chart.yaml") {
          version = version || (str(obj(docs[0]).version) ?? "");
          continue;
        }
        if (file === "values.yaml") continue;
        for (const d of docs) {
          const meta = obj(obj(d).metadata);
          if (str(obj(d).kind))
            manifests.push({
              file,
              kind: str(obj(d).kind) ?? "",
              name: str(meta.name) ?? "",
              body: d,
            });
        }
      }
    }
    const chartName = local ? "local chart" : chart;
    const images = [
      ...imagesIn(values, "values"),
      ...manifests.flatMap((m) => imagesIn(m.body, `${m.file}`)),
    ];
    const privileged = [
      ...privilegedIn(values, "values"),
      ...manifests.flatMap((m) => privilegedIn(m.body, `${m.file}`)),
    ];
    const chartRbac = leaves(values)
      .filter(([p]) =>
        /(^|\.)(rbac\.[A-Za-z]+|[A-Za-z]*[Cc]lusterRole[A-Za-z]*(\.create)?|fullAccess|serviceAccount\.create)$/.test(
          p,
        ),
      )
      .map(([p, v]) => `${p}: ${JSON.stringify(v)}`);
    const after = dependsOn(r)
      .filter((d) => d.startsWith("helm_release."))
      .map((d) => str(index.get(d)?.body.name) ?? d)
      .sort(compare);
    return {
      address: r.address,
      pool: poolOf(r),
      name,
      namespace: index.resolve(b.namespace),
      chart: local ? (str(obj(parseChartName(index, chart)).name) ?? chartName) : chart,
      source: local ? `local chart ${chart}` : (repository ?? ""),
      version,
      controller: CONTROLLER_CHARTS.includes(chart),
      after,
      images,
      privileged,
      sensitiveValues: arr(b.set_sensitive)
        .map((s) => str(obj(s).name) ?? "")
        .sort(compare),
      set: arr(b.set)
        .map((s) => `${str(obj(s).name) ?? ""} = ${str(obj(s).value) ?? ""}`)
        .sort(compare),
      chartRbac,
      values,
      manifests,
    };
  });
}

function parseChartName(index: StackIndex, chart: string): Json {
  const text = readChartFiles(index.stack, chart).get("Chart.yaml");
  if (!text) return {};
  return parseYaml(text, `${index.stack.name}: ${chart}/Chart.yaml`)[0] ?? {};
}

const scalar = (v: Json): string =>
  isObject(v) || Array.isArray(v) ? JSON.stringify(v) : (str(v) ?? "");

function hraDetails(spec: Json): string[] {
  const s = obj(spec);
  const out: string[] = [];
  const target = obj(s.scaleTargetRef);
  if (str(target.name))
    out.push(`target ${str(target.kind) ?? "RunnerDeployment"} ${str(target.name)}`);
  for (const m of arr(s.metrics)) {
    const x = obj(m);
    const rest = Object.keys(x)
      .filter((k) => k !== "type")
      .sort(compare)
      .map((k) => `${k} ${scalar(x[k])}`);
    out.push(`metric ${str(x.type) ?? ""}${rest.length ? `: ${rest.join(", ")}` : ""}`);
  }
  for (const t of arr(s.scaleUpTriggers)) {
    const x = obj(t);
    const events = Object.keys(obj(x.githubEvent)).sort(compare).join(", ");
    out.push(
      `trigger on ${events || "webhook"} (+${scalar(x.amount ?? 1)} for ${scalar(x.duration)})`,
    );
  }
  for (const o of arr(s.scheduledOverrides)) {
    const x = obj(o);
    const rule = obj(x.recurrenceRule);
    const recur = str(rule.frequency)
      ? `, ${str(rule.frequency)}${str(rule.untilTime) ? ` until ${str(rule.untilTime)}` : ""}`
      : "";
    out.push(
      `schedule minReplicas ${scalar(x.minReplicas)} from ${scalar(x.startTime)} to ${scalar(x.endTime)}${recur}`,
    );
  }
  if (s.scaleDownDelaySecondsAfterScaleOut !== undefined)
    out.push(`scale-down delay ${scalar(s.scaleDownDelaySecondsAfterScaleOut)}s after scale-out`);
  return out;
}

export function scalingOf(releases: ReleaseReview[]): ScalingReview[] {
  const out: ScalingReview[] = [];
  for (const r of releases) {
    const v = obj(r.values);
    if (v.minRunners !== undefined || v.maxRunners !== undefined) {
      const details: string[] = [];
      if (str(v.runnerScaleSetName)) details.push(`scale set ${str(v.runnerScaleSetName)}`);
      const mode = str(obj(v.containerMode).type);
      if (mode) details.push(`containerMode ${mode}`);
      out.push({
        pool: r.pool,
        source: r.address,
        kind: "ARC runner scale set (listener scales on job demand)",
        ...(v.minRunners !== undefined ? { min: scalar(v.minRunners) } : {}),
        ...(v.maxRunners !== undefined ? { max: scalar(v.maxRunners) } : {}),
        details,
      });
    }
    for (const m of r.manifests) {
      const spec = obj(obj(m.body).spec);
      if (m.kind === "HorizontalRunnerAutoscaler") {
        out.push({
          pool: r.pool,
          source: `${r.address}: ${m.file}`,
          kind: `HorizontalRunnerAutoscaler ${m.name}`,
          ...(spec.minReplicas !== undefined ? { min: scalar(spec.minReplicas) } : {}),
          ...(spec.maxReplicas !== undefined ? { max: scalar(spec.maxReplicas) } : {}),
          details: hraDetails(spec),
        });
      } else if (/^Runner(Deployment|Set)$/.test(m.kind) && spec.replicas !== undefined) {
        out.push({
          pool: r.pool,
          source: `${r.address}: ${m.file}`,
          kind: `${m.kind} ${m.name}`,
          min: scalar(spec.replicas),
          max: scalar(spec.replicas),
          details: ["fixed replicas"],
        });
      }
    }
  }
  return out.sort((a, b) => compare(a.source, b.source));
}
