// The floor generator: from a synthesized cdktf output directory, the same resources written
// against the provider bindings with literal values, no library. Two forms of one plan:
//   floor.json  the constructor calls as data (binding module, class, id, camelCase config),
//               replayed by floor-run.ts — the timed floor, no code to parse beyond the bindings
//   floor.ts    the same calls as a typed TypeScript program — the cdktf-only program that the
//               consumer type-check is compared with
// The binding's own generated `xxxToTerraform` functions say how each Terraform key maps back
// to a config key, and whether a value is a nested block, a list of blocks or a plain value;
// keys no binding maps (raw overrides) become `addOverride` calls. `checkFloor` proves the
// floor synthesizes the same resources as the output it was generated from.
import * as fs from "fs";
import * as path from "path";
import * as cdktf from "cdktf";

/** One Terraform key of a block or resource: its config key and how its value is built. */
interface Field {
  readonly config: string;
  readonly block?: string; // name of the nested block's `xxxToTerraform` function
  readonly list?: boolean; // a list of blocks
}

interface BindingModule {
  readonly module: string; // e.g. @cdktf/provider-kubernetes/lib/namespace-v1
  readonly className: string;
  readonly top: Map<string, Field>;
  readonly blocks: Map<string, Map<string, Field>>;
}

/** A constructor call of the floor. */
export interface FloorCall {
  readonly module: string;
  readonly className: string;
  readonly id: string;
  readonly config: Record<string, unknown>;
  readonly overrides: [string, unknown][];
  readonly logicalId?: string;
}

export interface FloorStack {
  readonly name: string;
  readonly calls: FloorCall[];
  readonly backend?: { readonly className: string; readonly config: Record<string, unknown> };
  readonly requiredVersion?: string;
}

const META_KEYS = new Set(["//", "depends_on", "provider", "lifecycle", "count", "for_each"]);

const BACKENDS: Record<string, string> = {
  local: "LocalBackend",
  s3: "S3Backend",
  gcs: "GcsBackend",
  azurerm: "AzurermBackend",
  remote: "RemoteBackend",
  http: "HttpBackend",
  kubernetes: "KubernetesBackend",
};

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function classify(expr: string): Pick<Field, "block" | "list"> {
  const list = /^cdktf\.listMapper\((\w+),/.exec(expr);
  if (list) return { block: list[1], list: true };
  if (/^\w+ToTerraform$/.test(expr)) return { block: expr };
  return {}; // scalars, lists of scalars, maps: literal values
}

const modules = new Map<string, BindingModule>();

/** Reads a binding module's generated mapping functions (cached). */
function loadBinding(root: string, module: string, tfType: string): BindingModule {
  const cached = modules.get(module);
  if (cached) return cached;
  const file = require.resolve(`${module}/index.js`, { paths: [root] });
  const source = fs.readFileSync(file, "utf8");
  const blocks = new Map<string, Map<string, Field>>();
  for (const fn of source.matchAll(/^function (\w+)ToTerraform\(struct\) \{\n([\s\S]*?)\n\}/gm)) {
    const fields = new Map<string, Field>();
    for (const m of fn[2].matchAll(/^\s+(\w+): (.+)\(struct\.(\w+)\),?$/gm))
      fields.set(m[1], { config: m[3], ...classify(m[2]) });
    blocks.set(`${fn[1]}ToTerraform`, fields);
  }
  const privateToConfig = new Map<string, string>();
  for (const m of source.matchAll(/this\._(\w+)(?:\.internalValue)? = config\.(\w+);/g))
    privateToConfig.set(m[1], m[2]);
  const synth = /synthesizeAttributes\(\) \{\n\s+return \{\n([\s\S]*?)\n\s+\};/.exec(source);
  if (!synth) throw new Error(`${module}: no synthesizeAttributes()`);
  const top = new Map<string, Field>();
  for (const m of synth[1].matchAll(/^\s+(\w+): (.+)\(this\._(\w+)(?:\.internalValue)?\),?$/gm))
    top.set(m[1], { config: privateToConfig.get(m[3]) ?? m[3], ...classify(m[2]) });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(file) as Record<string, { tfResourceType?: string }>;
  const className = Object.keys(exported).find((k) => exported[k]?.tfResourceType === tfType);
  if (!className) throw new Error(`${module}: no class for ${tfType}`);
  const binding = { module, className, top, blocks };
  modules.set(module, binding);
  return binding;
}

function bindingFor(root: string, kind: "resource" | "data" | "provider", tfType: string) {
  const provider = tfType.split("_")[0];
  const rest = tfType.slice(provider.length + 1).replace(/_/g, "-");
  const lib = `@cdktf/provider-${provider}/lib`;
  const module =
    kind === "provider"
      ? `${lib}/provider`
      : kind === "data"
        ? `${lib}/data-${tfType.replace(/_/g, "-")}`
        : `${lib}/${rest}`;
  return loadBinding(root, module, tfType);
}

/** Converts a synthesized block to binding config; keys no binding maps go to `overrides`. */
function toConfig(
  binding: BindingModule,
  fields: Map<string, Field>,
  json: Record<string, unknown>,
  prefix: string,
  overrides: [string, unknown][],
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const field = fields.get(key);
    if (!field) {
      overrides.push([`${prefix}${key}`, value]);
      continue;
    }
    const nested = field.block ? binding.blocks.get(field.block) : undefined;
    if (!nested) config[field.config] = value;
    else if (field.list && Array.isArray(value))
      config[field.config] = value.map((item, i) =>
        toConfig(
          binding,
          nested,
          item as Record<string, unknown>,
          `${prefix}${key}.${i}.`,
          overrides,
        ),
      );
    else
      config[field.config] = toConfig(
        binding,
        nested,
        value as Record<string, unknown>,
        `${prefix}${key}.`,
        overrides,
      );
  }
  return config;
}

function metaArguments(json: Record<string, unknown>): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (Array.isArray(json.depends_on))
    meta.dependsOn = (json.depends_on as string[]).map((fqn) => ({ fqn }));
  if (typeof json.provider === "string") meta.provider = { fqn: json.provider };
  if (json.lifecycle && typeof json.lifecycle === "object")
    meta.lifecycle = Object.fromEntries(
      Object.entries(json.lifecycle).map(([k, v]) => [camel(k), v]),
    );
  if (json.count !== undefined) meta.count = json.count;
  return meta;
}

function callsOf(
  root: string,
  kind: "resource" | "data",
  section: Record<string, Record<string, Record<string, unknown>>> | undefined,
): FloorCall[] {
  const calls: FloorCall[] = [];
  for (const [tfType, byName] of Object.entries(section ?? {})) {
    const binding = bindingFor(root, kind, tfType);
    for (const [name, json] of Object.entries(byName)) {
      const plain = Object.fromEntries(Object.entries(json).filter(([k]) => !META_KEYS.has(k)));
      const overrides: [string, unknown][] = [];
      const config = {
        ...toConfig(binding, binding.top, plain, "", overrides),
        ...metaArguments(json),
      };
      calls.push({
        module: binding.module,
        className: binding.className,
        id: name,
        config,
        overrides,
        logicalId: name,
      });
    }
  }
  return calls;
}

/** The floor plan of one synthesized stack (`cdk.tf.json`). */
/** The parts of `cdk.tf.json` the floor reads. */
interface TerraformJson {
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly terraform?: {
    readonly backend?: Record<string, unknown>;
    readonly required_version?: string;
  };
}

export function planStack(root: string, name: string, tf: TerraformJson): FloorStack {
  const calls: FloorCall[] = [];
  for (const [tfType, blocks] of Object.entries(tf.provider ?? {}) as [
    string,
    Record<string, unknown>[],
  ][]) {
    const binding = bindingFor(root, "provider", tfType);
    blocks.forEach((json, i) => {
      const overrides: [string, unknown][] = [];
      const config = toConfig(binding, binding.top, json, "", overrides);
      calls.push({
        module: binding.module,
        className: binding.className,
        id: `${tfType}${i}`,
        config,
        overrides,
      });
    });
  }
  calls.push(...callsOf(root, "data", tf.data));
  calls.push(...callsOf(root, "resource", tf.resource));
  for (const [id, json] of Object.entries(tf.variable ?? {}) as [string, Record<string, unknown>][])
    calls.push({
      module: "cdktf",
      className: "TerraformVariable",
      id,
      config: camelKeys(json),
      overrides: [],
    });
  for (const [id, json] of Object.entries(tf.output ?? {}) as [string, Record<string, unknown>][])
    calls.push({
      module: "cdktf",
      className: "TerraformOutput",
      id,
      config: camelKeys(json),
      overrides: [],
    });
  const [backendType, backendConfig] = Object.entries(tf.terraform?.backend ?? {})[0] ?? [];
  const backend = backendType
    ? {
        className: BACKENDS[backendType],
        config: camelKeys(backendConfig as Record<string, unknown>),
      }
    : undefined;
  if (backendType && !backend?.className) throw new Error(`floor: backend ${backendType}`);
  return { name, calls, backend, requiredVersion: tf.terraform?.required_version };
}

function camelKeys(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    if (k === "depends_on") out.dependsOn = (v as string[]).map((fqn) => ({ fqn }));
    else out[camel(k)] = v;
  }
  return out;
}

/** Stack names and paths of a cdktf output directory, from its manifest. */
export function stacksOf(synthDir: string): [string, string][] {
  const manifest = JSON.parse(fs.readFileSync(path.join(synthDir, "manifest.json"), "utf8"));
  return Object.entries(manifest.stacks as Record<string, { synthesizedStackPath: string }>).map(
    ([name, s]) => [name, path.join(synthDir, s.synthesizedStackPath)],
  );
}

/** Writes floor.json (and with `typescript`, floor.ts) for a synthesized output into `outDir`. */
export function generateFloor(
  root: string,
  synthDir: string,
  outDir: string,
  typescript = false,
): FloorStack[] {
  const plan = stacksOf(synthDir).map(([name, file]) =>
    planStack(root, name, JSON.parse(fs.readFileSync(file, "utf8"))),
  );
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "floor.json"), JSON.stringify(plan));
  if (typescript) fs.writeFileSync(path.join(outDir, "floor.ts"), floorProgram(plan));
  return plan;
}

/** The plan as a typed cdktf program (one function per stack, literal values). */
export function floorProgram(plan: FloorStack[]): string {
  const imports = new Map<string, Set<string>>([["cdktf", new Set(["App", "TerraformStack"])]]);
  const use = (module: string, name: string) =>
    (imports.get(module) ?? imports.set(module, new Set()).get(module)!).add(name);
  const body: string[] = [];
  plan.forEach((stack, s) => {
    body.push(`function stack${s}(app: App): void {`);
    body.push(`  const stack = new TerraformStack(app, ${JSON.stringify(stack.name)});`);
    if (stack.backend) {
      // Backends snake-case every config key; an assertion lets keys their types lack through.
      const { className, config } = stack.backend;
      use("cdktf", className);
      use("cdktf", `${className}Config`);
      body.push(`  new ${className}(stack, ${JSON.stringify(config)} as ${className}Config);`);
    }
    if (stack.requiredVersion)
      body.push(
        `  stack.addOverride("terraform.required_version", ${JSON.stringify(stack.requiredVersion)});`,
      );
    stack.calls.forEach((call, i) => {
      use(call.module, call.className);
      const needsRef = call.logicalId !== undefined || call.overrides.length > 0;
      const decl = needsRef ? `  const r${i} = ` : "  ";
      body.push(
        `${decl}new ${call.className}(stack, ${JSON.stringify(call.id)}, ${JSON.stringify(call.config)});`,
      );
      if (call.logicalId !== undefined)
        body.push(`  r${i}.overrideLogicalId(${JSON.stringify(call.logicalId)});`);
      for (const [k, v] of call.overrides)
        body.push(`  r${i}.addOverride(${JSON.stringify(k)}, ${JSON.stringify(v)});`);
    });
    body.push("}");
  });
  const head = [...imports].map(
    ([m, names]) => `import { ${[...names].sort().join(", ")} } from ${JSON.stringify(m)};`,
  );
  const run = [
    `const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", stackTraces: false });`,
    ...plan.map((_, s) => `stack${s}(app);`),
    "app.synth();",
  ];
  return [...head, "", ...body, "", ...run, ""].join("\n");
}

/** Differences between two synthesized outputs, ignoring construct metadata ("//"). */
export function compareOutputs(a: string, b: string): string[] {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => k !== "//")
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([k, v]) => [k, strip(v)]),
      );
    return value;
  };
  const problems: string[] = [];
  const stacksB = new Map(stacksOf(b));
  for (const [name, fileA] of stacksOf(a)) {
    const fileB = stacksB.get(name);
    if (!fileB) {
      problems.push(`${name}: missing`);
      continue;
    }
    const ja = strip(JSON.parse(fs.readFileSync(fileA, "utf8"))) as Record<string, unknown>;
    const jb = strip(JSON.parse(fs.readFileSync(fileB, "utf8"))) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ja), ...Object.keys(jb)]))
      if (JSON.stringify(ja[key]) !== JSON.stringify(jb[key]))
        problems.push(`${name}: ${key} differs`);
  }
  return problems;
}

type Ctor = new (scope: unknown, id: string, config: unknown) => cdktf.TerraformElement;

/** Creates a floor plan's stacks and resources in an app, through the bindings. */
export function replayFloor(app: cdktf.App, plan: readonly FloorStack[]): void {
  const classes = cdktf as unknown as Record<string, unknown>;
  for (const stack of plan) {
    const scope = new cdktf.TerraformStack(app, stack.name);
    if (stack.backend) {
      const Backend = classes[stack.backend.className] as new (s: unknown, c: unknown) => unknown;
      new Backend(scope, stack.backend.config);
    }
    if (stack.requiredVersion)
      scope.addOverride("terraform.required_version", stack.requiredVersion);
    for (const call of stack.calls) {
      const exported =
        call.module === "cdktf" ? classes : (require(call.module) as Record<string, unknown>); // eslint-disable-line @typescript-eslint/no-require-imports
      const element = new (exported[call.className] as Ctor)(scope, call.id, call.config);
      if (call.logicalId !== undefined) element.overrideLogicalId(call.logicalId);
      for (const [key, value] of call.overrides) element.addOverride(key, value);
    }
  }
}
