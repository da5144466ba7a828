// An index of one stack's resources: addresses, construct paths, pools, and the resolution of
// the simple `${type.id.attr}` references cdktf writes between them.
import { type Json, type JsonObject, arr, compare, obj, str, withoutMeta } from "./json";
import type { SynthStack } from "./synth-dir";

/** One resource or data source. */
export interface Item {
  /** `resource` or `data` */
  readonly kind: "resource" | "data";
  readonly type: string;
  readonly id: string;
  /** Terraform address: `type.id` (resources) or `data.type.id` */
  readonly address: string;
  /** construct path below the stack (`arc-runners/Release/Resource`) */
  readonly path: string;
  /** the top-level construct the resource belongs to (`arc-runners`), or "" */
  readonly owner: string;
  /** the body without cdktf's `//` metadata */
  readonly body: JsonObject;
}

export class StackIndex {
  readonly items: Item[];
  private readonly byAddress = new Map<string, Item>();

  constructor(readonly stack: SynthStack) {
    const items: Item[] = [];
    for (const kind of ["resource", "data"] as const) {
      for (const [type, byId] of Object.entries(obj(stack.json[kind]))) {
        for (const [id, raw] of Object.entries(obj(byId))) {
          const full = str(obj(obj(obj(raw)["//"]).metadata).path) ?? "";
          const rel = full.startsWith(`${stack.name}/`) ? full.slice(stack.name.length + 1) : full;
          const address = kind === "data" ? `data.${type}.${id}` : `${type}.${id}`;
          items.push({
            kind,
            type,
            id,
            address,
            path: rel,
            owner: rel.split("/")[0] ?? "",
            body: withoutMeta(raw),
          });
        }
      }
    }
    this.items = items.sort((a, b) => compare(a.address, b.address));
    for (const item of this.items) this.byAddress.set(item.address, item);
  }

  /** Resources of one type, sorted by address. */
  ofType(type: string, kind: "resource" | "data" = "resource"): Item[] {
    return this.items.filter((i) => i.type === type && i.kind === kind);
  }

  get(address: string): Item | undefined {
    return this.byAddress.get(address);
  }

  /** The item a whole-string reference `${type.id.attr…}` points to, if any. */
  target(value: Json): Item | undefined {
    const ref = refOf(value);
    return ref ? this.byAddress.get(ref.address) : undefined;
  }

  /**
   * A value with a whole-string reference to a known resource's name resolved
   * (`${kubernetes_namespace_v1.x.metadata[0].name}` -> `arc-runners`); other values as text.
   */
  resolve(value: Json): string {
    const text = str(value) ?? "";
    const ref = refOf(value);
    if (!ref) return text;
    const item = this.byAddress.get(ref.address);
    if (!item) return text;
    if (ref.attribute === "metadata[0].name") return str(obj(item.body.metadata).name) ?? text;
    if (ref.attribute === "name" || ref.attribute === "id") {
      const name = str(item.body.name) ?? str(item.body.account_id);
      if (name) return name;
    }
    return text;
  }
}

/** `${type.id.attr}` (or `${data.type.id.attr}`) as a whole string. */
export function refOf(value: Json): { address: string; attribute: string } | undefined {
  const text = str(value);
  if (!text) return undefined;
  const m = /^\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([^{}]+)\}$/.exec(text);
  return m ? { address: m[1], attribute: m[2] } : undefined;
}

/** Addresses of all references anywhere in a value (`${type.id…}`), sorted. */
export function referencedAddresses(value: Json): string[] {
  const found = new Set<string>();
  const visit = (v: Json): void => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/\b((?:data\.)?[a-z][a-z0-9_-]*_[a-z0-9_-]+\.[A-Za-z0-9_-]+)\./g))
        found.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found].sort(compare);
}

/** Labels of a Kubernetes resource (`metadata.labels`). */
export function labelsOf(item: Item): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(obj(item.body.metadata).labels))) out[k] = str(v) ?? "";
  return out;
}

/** `depends_on` addresses. */
export function dependsOn(item: Item): string[] {
  return arr(item.body.depends_on)
    .map((d) => str(d) ?? "")
    .filter(Boolean)
    .sort(compare);
}
