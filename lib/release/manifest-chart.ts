import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { IConstruct } from "constructs";
import type { Problem } from "../core/rules/problem";
import { detectSecrets } from "../core/secrets/detectors";
import { SECRET_IN_OUTPUT } from "../core/secrets/rules";
import { secretlintSync } from "../core/secrets/secretlint-bridge";
import { allowedSecret } from "../core/secrets/allow-list";
import { renderYaml } from "../core/yaml";
import { ChartSource } from "./chart-source";

/** A Kubernetes object as plain data (`apiVersion`, `kind`, `metadata`, …). */
export type KubernetesObject = { [key: string]: unknown };

/** Props of {@link ManifestChart.write}. */
export interface ManifestChartProps {
  /** Chart name (DNS-1123). */
  readonly name: string;
  /** One-line chart description. */
  readonly description: string;
  /** The objects the chart installs, in order. */
  readonly objects: readonly KubernetesObject[];
}

/** A generated local chart: where it is, what it holds, and the source to release it. */
export interface ManifestChart {
  /**
   * Absolute directory of the chart, under the app's output directory (never in the
   * synthesized JSON: the asset copy is relative).
   */
  readonly directory: string;
  /** The objects, as written (keys sorted, `undefined` dropped). */
  readonly objects: readonly KubernetesObject[];
  /** `ChartSource.fromLocalPath(directory)`. */
  readonly source: ChartSource;
  /** The files of the chart by relative path, exactly as written. */
  readonly files: Readonly<Record<string, string>>;
  /**
   * Secrets found in the objects (`CORE-SECRET-IN-OUTPUT`, values redacted). The chart is
   * written with each of them replaced by `<redacted: rule>`, so no secret reaches the output
   * directory even though the synth then fails; the caller reports these problems.
   */
  readonly problems: readonly Problem[];
}

/**
 * Replaces every secret in the files (built-in detectors and secretlint's recommended preset)
 * with a marker, and returns one problem per file and rule.
 */
function redactFiles(name: string, files: Record<string, string>): Problem[] {
  const problems: Problem[] = [];
  const names = Object.keys(files).sort();
  const lint = secretlintSync(names.map((n) => files[n]));
  names.forEach((file, index) => {
    const text = files[file];
    const ranges = [
      ...detectSecrets(text).map((m) => ({ rule: m.rule, start: m.start, end: m.end })),
      ...lint
        .filter((h) => h.source === index)
        .map((h) => ({
          rule: `secretlint:${h.ruleId.replace(/^@secretlint\/secretlint-rule-/, "")}`,
          start: h.range[0],
          end: h.range[1],
        })),
    ]
      .filter((r) => !allowedSecret(text.slice(r.start, r.end)))
      .sort((a, b) => a.start - b.start);
    if (ranges.length === 0) return;
    let out = "";
    let at = 0;
    const rules = new Set<string>();
    for (const r of ranges) {
      rules.add(r.rule);
      if (r.start < at) continue;
      out += `${text.slice(at, r.start)}<redacted: ${r.rule}>`;
      at = r.end;
    }
    files[file] = out + text.slice(at);
    for (const rule of [...rules].sort()) {
      problems.push({
        rule: SECRET_IN_OUTPUT,
        field: `chart ${name}: ${file}`,
        value: "<secret>",
        redact: true,
        message: `a secret (${rule}) would be written into the generated chart; it was replaced by a marker, and the value must be passed by reference (a Secret, EnvValue.fromSecret)`,
      });
    }
  });
  return problems;
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = normalise(member);
    }
    return out;
  }
  return value;
}

/** The folder under the app's output directory that holds the generated charts. */
export const CHARTS_FOLDER = ".runner-pools-charts";

function chartsRoot(scope: IConstruct | undefined): string {
  const outdir = scope ? App.of(scope).outdir : (process.env.CDKTF_OUTDIR ?? "cdktf.out");
  return path.resolve(outdir);
}

// The template only copies files: manifests never pass through Go templating, so a `{{`
// in an env value or label stays literal.
const TEMPLATE = `{{- range $path, $_ := .Files.Glob "manifests/*.yaml" }}
---
{{ $.Files.Get $path }}
{{- end }}
`;

/**
 * Custom resources (RunnerDeployment, HorizontalRunnerAutoscaler, …) cannot be
 * `kubernetes_manifest` resources on a first deploy: the kubernetes provider needs their
 * CRD at plan time, and the CRD comes from a chart installed by the same apply. Instead
 * the objects go into a small chart generated at synth time and released after the
 * chart that installs the CRDs; Helm resolves kinds only at install time.
 *
 * The directory's content is byte-deterministic (sorted keys, fixed chart version, no
 * timestamps), so the asset hash — and the synthesized JSON — is stable. The directory is
 * `<outdir>/.runner-pools-charts/<content hash>/<name>`, where `<outdir>` is the output
 * directory of `scope`'s app (`cdktf.out`): it goes away with the synth output, belongs to the
 * user who synthesizes, and never collides (same hash, same bytes). Only the asset's relative
 * copy appears in the JSON.
 *
 * @param scope - any construct of the app; without one, the directory the app would use by
 *   default (`$CDKTF_OUTDIR`, else `cdktf.out` in the working directory)
 */
export function writeManifestChart(props: ManifestChartProps, scope?: IConstruct): ManifestChart {
  const objects = props.objects.map((o) => normalise(o) as KubernetesObject);
  const files: Record<string, string> = {
    "Chart.yaml": renderYaml({
      apiVersion: "v2",
      name: props.name,
      description: props.description,
      type: "application",
      version: "0.1.0",
    }),
    ".helmignore": "",
    "templates/manifests.yaml": TEMPLATE,
  };
  objects.forEach((object, i) => {
    const metadata = (object.metadata ?? {}) as { name?: string };
    const kind = String(object.kind ?? "object").toLowerCase();
    files[`manifests/${String(i).padStart(2, "0")}-${kind}-${metadata.name ?? "unnamed"}.yaml`] =
      renderYaml(object);
  });
  const problems = redactFiles(props.name, files);
  const hash = crypto.createHash("sha256");
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  const directory = path.join(
    chartsRoot(scope),
    CHARTS_FOLDER,
    hash.digest("hex").slice(0, 20),
    props.name,
  );
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(directory, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== content)
      fs.writeFileSync(file, content);
  }
  return {
    directory,
    objects,
    files,
    problems,
    source: ChartSource.fromLocalPath(directory),
  };
}
