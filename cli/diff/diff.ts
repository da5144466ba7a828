// Semantic diff of two synth directories: by resource (added / removed) and by attribute or
// values path (changed), classified and ranked (classify.ts). Secret-bearing values are
// compared by name only.
import { parseAllDocuments } from "yaml";
import { CliError } from "../errors";
import { type Json, type JsonObject, arr, compare, isObject, obj, str } from "../json";
import { type Statement, documentStatements, readPolicy, shortExpr } from "../policy-document";
import { CONTROLLER_CHARTS, leaves } from "../review/releases";
import { type Item, StackIndex, refOf } from "../stack-index";
import { type SynthDir, type SynthStack, readChartFiles } from "../synth-dir";
import {
  CLASS_ALIASES,
  CLASSES,
  type ChangeClass,
  classify,
  expandClasses as expand,
} from "./classify";

export { CLASS_ALIASES, CLASSES };

/** One change. */
export interface Change {
  readonly class: ChangeClass;
  readonly stack: string;
  /** the pool (top-level construct) the resource belongs to, or "" */
  readonly pool: string;
  /** Terraform address, or `terraform`, `provider`, `rules` for stack-level settings */
  readonly address: string;
  /** readable name of the resource (`Role arc-runners/arc-runners-runner`) */
  readonly subject: string;
  readonly kind: "added" | "removed" | "changed";
  /** attribute or values path (`values.maxRunners`); "" for a whole resource */
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
  /** what the reviewer must also do (CRD upgrade) */
  readonly note?: string;
}

export interface DiffResult {
  /** changes per class, in rank order (classes without changes left out) */
  readonly summary: Record<string, number>;
  readonly changes: Change[];
}

/** `--fail-on` values -> classes (CliError on an unknown name). */
export function expandClasses(names: string[]): ChangeClass[] {
  const { classes, unknown } = expand(names);
  if (unknown.length || classes.length === 0)
    throw new CliError(
      `--fail-on: unknown class ${unknown.join(", ") || "(empty)"} (one of ${[...CLASSES, ...Object.keys(CLASS_ALIASES)].join(", ")})`,
    );
  return classes;
}

const SECRET_NAME = /(secret|token|password|credential|access_key|sas|private)/i;
const CRD_NOTE =
  "Helm does not upgrade CRDs: apply the new chart's crds/ (kubectl apply --server-side) before the deploy; keep controller and scale sets on the same version (docs/upgrading.md, CRD upgrades)";

function fmt(v: Json): string {
  if (v === undefined) return "(absent)";
  if (typeof v === "string") return shortExpr(v);
  if (Array.isArray(v) && v.every((x) => !isObject(x) && !Array.isArray(x)))
    return `[${v.map((x) => (typeof x === "string" ? shortExpr(x) : JSON.stringify(x))).join(", ")}]`;
  return JSON.stringify(v);
}

const KIND_NAMES: Record<string, string> = {
  kubernetes_namespace_v1: "Namespace",
  kubernetes_network_policy_v1: "NetworkPolicy",
  kubernetes_role_v1: "Role",
  kubernetes_cluster_role_v1: "ClusterRole",
  kubernetes_role_binding_v1: "RoleBinding",
  kubernetes_cluster_role_binding_v1: "ClusterRoleBinding",
  kubernetes_service_account_v1: "ServiceAccount",
  kubernetes_default_service_account_v1: "ServiceAccount",
  kubernetes_secret_v1: "Secret",
  kubernetes_resource_quota_v1: "ResourceQuota",
  kubernetes_limit_range_v1: "LimitRange",
  aws_iam_role: "IAM role",
  aws_iam_role_policy: "IAM inline policy",
  google_service_account: "Google service account",
  azurerm_user_assigned_identity: "managed identity",
  azurerm_federated_identity_credential: "federated credential",
  azurerm_role_assignment: "role assignment",
};

function subjectOf(index: StackIndex, item: Item): string {
  const meta = obj(item.body.metadata);
  const kind = KIND_NAMES[item.type] ?? item.type;
  if (item.type.startsWith("kubernetes_")) {
    const ns = meta.namespace !== undefined ? index.resolve(meta.namespace) : "";
    const name =
      str(meta.name) ??
      (item.type === "kubernetes_default_service_account_v1" ? "default" : item.id);
    return `${kind} ${ns ? `${ns}/` : ""}${name}`;
  }
  if (item.type === "azurerm_role_assignment")
    return `${kind} ${str(item.body.role_definition_name) ?? item.id}`;
  const name = str(item.body.name) ?? str(item.body.account_id) ?? str(item.body.member) ?? item.id;
  return `${kind} ${shortExpr(name)}`;
}

function parseValues(item: Item, label: string): Json {
  let merged: Json = {};
  const mergeInto = (a: Json, b: Json): Json => {
    if (!isObject(a) || !isObject(b)) return b;
    const out: JsonObject = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeInto(out[k], v) : v;
    return out;
  };
  for (const text of arr(item.body.values)) {
    for (const doc of parseAllDocuments(str(text) ?? "")) {
      if (doc.errors.length)
        throw new CliError(
          `${label}: invalid values YAML (${doc.errors[0].message.split("\n")[0]})`,
        );
      merged = mergeInto(merged, doc.toJS() as Json);
    }
  }
  return merged;
}

interface Leaf {
  readonly value: Json;
  /** a secret-bearing value: compare, never print */
  readonly secret?: boolean;
  readonly manifestKind?: string;
}

/** A policy's statements as leaves: `<prefix>Statement[i].condition StringEquals <key>` and so on. */
function statementLeaves(prefix: string, statements: Statement[], out: Map<string, Leaf>): void {
  statements.forEach((s, i) => {
    const at = `${prefix ? `${prefix}.` : ""}Statement[${i}]`;
    out.set(`${at}.effect`, { value: s.effect });
    for (const key of ["actions", "principals", "resources"] as const)
      if (s[key].length) out.set(`${at}.${key}`, { value: s[key] });
    for (const c of s.conditions) {
      const eq = c.indexOf(" = ");
      out.set(`${at}.condition ${c.slice(0, eq)}`, { value: c.slice(eq + 3) });
    }
  });
}

/** The comparable leaves of a resource: values by path, policies by statement, secrets by name. */
function leavesOf(index: StackIndex, item: Item): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const label = `${index.stack.name}: ${item.address}`;
  const body: JsonObject = { ...item.body };
  if (item.type === "helm_release") {
    const values = parseValues(item, label);
    delete body.values;
    for (const [p, v] of leaves(values, "values")) out.set(p, { value: v });
    const sensitive = arr(body.set_sensitive);
    delete body.set_sensitive;
    for (const s of sensitive)
      out.set(`set_sensitive.${str(obj(s).name) ?? ""}`, { value: obj(s).value, secret: true });
    const set = arr(body.set);
    delete body.set;
    for (const s of set) out.set(`set.${str(obj(s).name) ?? ""}`, { value: obj(s).value });
    const chart = str(body.chart) ?? "";
    if (!str(body.repository) && !/^(oci|https?):\/\//.test(chart)) {
      const files = readChartFiles(index.stack, chart);
      if (files.size) {
        delete body.chart;
        for (const [file, text] of files) {
          if (file.startsWith("templates/")) {
            out.set(`chart:${file}`, { value: text });
            continue;
          }
          const docs = parseAllDocuments(text);
          docs.forEach((doc, i) => {
            if (doc.errors.length)
              throw new CliError(
                `${label}: chart ${file}: invalid YAML (${doc.errors[0].message.split("\n")[0]})`,
              );
            const js = doc.toJS() as Json;
            const prefix = `chart:${file}${docs.length > 1 ? `#${i}` : ""}`;
            const kind = str(obj(js).kind);
            for (const [p, v] of leaves(js, prefix))
              out.set(p, { value: v, ...(kind ? { manifestKind: kind } : {}) });
          });
        }
      }
    }
  }
  if (item.type === "kubernetes_secret_v1") {
    for (const key of ["data", "binary_data", "string_data", "data_wo"]) {
      for (const [k, v] of Object.entries(obj(body[key])))
        out.set(`${key}.${k}`, { value: v, secret: true });
      delete body[key];
    }
  }
  for (const attr of ["assume_role_policy", "policy"]) {
    if (body[attr] === undefined || !item.type.startsWith("aws_")) continue;
    const doc = readPolicy(index, body[attr]);
    if (doc.raw === undefined) {
      const ref = refOf(body[attr]);
      delete body[attr];
      if (ref && index.get(ref.address)?.type === "aws_iam_policy_document") {
        out.set(attr, { value: `document ${ref.address}` });
      } else {
        statementLeaves(attr, doc.statements, out);
      }
    }
  }
  if (item.type === "aws_iam_policy_document") {
    // the document's statements, read as the policy they render (not block indexes)
    statementLeaves("", documentStatements(body), out);
    delete body.statement;
  }
  for (const [p, v] of leaves(body)) out.set(p, { value: v });
  return out;
}

function emptyStack(name: string, dir: string): SynthStack {
  return { name, dir, json: {} };
}

function trustDocuments(index: StackIndex): Set<string> {
  const out = new Set<string>();
  for (const role of index.ofType("aws_iam_role")) {
    const ref = refOf(role.body.assume_role_policy);
    if (ref) out.add(ref.address);
  }
  return out;
}

function lineDiff(before: string, after: string): { before: string; after: string } {
  const a = before.split("\n");
  const b = after.split("\n");
  const removed = a.filter((l) => !b.includes(l));
  const added = b.filter((l) => !a.includes(l));
  return {
    before: removed.join(" ⏎ ") || "(lines reordered)",
    after: added.join(" ⏎ ") || "(lines reordered)",
  };
}

function diffStack(base: StackIndex, head: StackIndex): Change[] {
  const changes: Change[] = [];
  const stack = head.stack.name;
  const trust = new Set([...trustDocuments(base), ...trustDocuments(head)]);
  const addresses = [...new Set([...base.items, ...head.items].map((i) => i.address))].sort(
    compare,
  );
  for (const address of addresses) {
    const b = base.get(address);
    const h = head.get(address);
    const item = (h ?? b) as Item;
    const index = h ? head : base;
    const pool = item.owner;
    const controller =
      item.type === "helm_release" && CONTROLLER_CHARTS.includes(str(item.body.chart) ?? "");
    const ctx = { trustDocuments: trust, controller };
    const subject = subjectOf(index, item);
    if (!b || !h) {
      const kind = b ? "removed" : "added";
      const cls = classify(item.type, address, "", ctx);
      const detail =
        item.type === "helm_release"
          ? `${str(item.body.chart) ?? ""} ${str(item.body.version) ?? ""}`.trim()
          : undefined;
      changes.push({
        class: item.type === "helm_release" ? (controller ? "controller" : "chart") : cls,
        stack,
        pool,
        address,
        subject,
        kind,
        path: "",
        ...(detail ? (kind === "added" ? { after: detail } : { before: detail }) : {}),
      });
      continue;
    }
    const lb = leavesOf(base, b);
    const lh = leavesOf(head, h);
    const paths = [...new Set([...lb.keys(), ...lh.keys()])].sort(compare);
    for (const path of paths) {
      const x = lb.get(path);
      const y = lh.get(path);
      if (x && y && JSON.stringify(x.value) === JSON.stringify(y.value)) continue;
      const cls = classify(item.type, address, path, {
        ...ctx,
        manifestKind: (y ?? x)?.manifestKind,
      });
      const secret = x?.secret || y?.secret;
      const kind = !x ? "added" : !y ? "removed" : "changed";
      let before = x ? (secret ? "(value not shown)" : fmt(x.value)) : undefined;
      let after = y ? (secret ? "(value not shown)" : fmt(y.value)) : undefined;
      if (
        !secret &&
        typeof x?.value === "string" &&
        typeof y?.value === "string" &&
        /\n/.test(x.value + y.value)
      ) {
        ({ before, after } = lineDiff(x.value, y.value));
      }
      const note = controller && path === "version" ? CRD_NOTE : undefined;
      const rule = /^rule\[(\d+)\]/.exec(path);
      const ruleOf =
        rule && /_role_v1$/.test(item.type)
          ? arr((h.body.rule ?? b.body.rule) as Json)[Number(rule[1])]
          : undefined;
      const shown = ruleOf
        ? `${path} (on ${arr(obj(ruleOf).resources).map(str).join(", ")})`
        : path;
      changes.push({
        class: cls,
        stack,
        pool,
        address,
        subject,
        kind,
        path: shortExpr(shown),
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
        ...(note ? { note } : {}),
      });
    }
  }
  return changes;
}

function stackSettings(base: SynthStack, head: SynthStack): Change[] {
  const changes: Change[] = [];
  const stack = head.name;
  const settingLeaves = (
    s: SynthStack,
    key: "terraform" | "provider" | "variable" | "output",
  ): Map<string, Json> => new Map(leaves(obj(s.json[key]), key));
  for (const key of ["terraform", "provider", "variable", "output"] as const) {
    const a = settingLeaves(base, key);
    const b = settingLeaves(head, key);
    for (const path of [...new Set([...a.keys(), ...b.keys()])].sort(compare)) {
      const x = a.get(path);
      const y = b.get(path);
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      const secret = SECRET_NAME.test(path) || (key === "variable" && /\.default(\.|$)/.test(path));
      const cls: ChangeClass =
        key === "variable" && /\.sensitive$/.test(path)
          ? "secrets"
          : key === "terraform" || key === "provider"
            ? "terraform"
            : "other";
      changes.push({
        class: cls,
        stack,
        pool: "",
        address: key,
        subject: key,
        kind: x === undefined ? "added" : y === undefined ? "removed" : "changed",
        path,
        ...(x !== undefined ? { before: secret ? "(value not shown)" : fmt(x) } : {}),
        ...(y !== undefined ? { after: secret ? "(value not shown)" : fmt(y) } : {}),
      });
    }
  }
  // rules metadata: warnings and suppressions, by identity
  const rules = (s: SynthStack) => obj(obj(obj(s.json["//"]).metadata).runnerPoolsRules);
  for (const list of ["suppressed", "warnings"] as const) {
    const key = (e: Json): string =>
      list === "suppressed"
        ? `${str(obj(e).rule)} at ${str(obj(e).path)} (${str(obj(e).field)}): ${str(obj(e).reason)}`
        : `${str(obj(e).rule)} at ${str(obj(e).path)}: ${str(obj(e).message)}`;
    const a = new Set(arr(rules(base)[list]).map(key));
    const b = new Set(arr(rules(head)[list]).map(key));
    for (const entry of [...new Set([...a, ...b])].sort(compare)) {
      if (a.has(entry) && b.has(entry)) continue;
      changes.push({
        class: "rules",
        stack,
        pool: "",
        address: "rules",
        subject: list === "suppressed" ? "suppression" : "warning",
        kind: a.has(entry) ? "removed" : "added",
        path: "",
        ...(a.has(entry) ? { before: entry } : { after: entry }),
      });
    }
  }
  return changes;
}

export function diffDirs(base: SynthDir, head: SynthDir): DiffResult {
  const names = [...new Set([...base.stacks, ...head.stacks].map((s) => s.name))].sort(compare);
  const changes: Change[] = [];
  for (const name of names) {
    const b = base.stacks.find((s) => s.name === name);
    const h = head.stacks.find((s) => s.name === name);
    const bs = b ?? emptyStack(name, h?.dir ?? "");
    const hs = h ?? emptyStack(name, b?.dir ?? "");
    if (!b || !h)
      changes.push({
        class: "other",
        stack: name,
        pool: "",
        address: "stack",
        subject: `stack ${name}`,
        kind: b ? "removed" : "added",
        path: "",
      });
    changes.push(...diffStack(new StackIndex(bs), new StackIndex(hs)), ...stackSettings(bs, hs));
  }
  const rank = (c: Change) => CLASSES.indexOf(c.class);
  changes.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compare(a.stack, b.stack) ||
      compare(a.pool, b.pool) ||
      compare(a.address, b.address) ||
      compare(a.path, b.path) ||
      compare(a.kind, b.kind),
  );
  const summary: Record<string, number> = {};
  for (const c of CLASSES) {
    const n = changes.filter((x) => x.class === c).length;
    if (n) summary[c] = n;
  }
  return { summary, changes };
}
