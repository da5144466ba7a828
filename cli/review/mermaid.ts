// A Mermaid flowchart per stack: pools -> namespaces -> service accounts -> identities;
// pools -> releases -> the releases they are ordered after (controllers).
import type { StackReview } from "./model";

function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

export function mermaid(s: StackReview): string[] {
  const ids = new Map<string, string>();
  const lines: string[] = ["flowchart LR"];
  const node = (key: string, text: string, shape: "box" | "round" | "hex" = "box"): string => {
    let id = ids.get(key);
    if (!id) {
      id = `n${ids.size + 1}`;
      ids.set(key, id);
      const l = label(text);
      lines.push(
        `  ${id}${shape === "round" ? `(${l})` : shape === "hex" ? `{{${l}}}` : `[${l}]`}`,
      );
    }
    return id;
  };
  const edges = new Set<string>();
  const edge = (a: string, b: string, text?: string): void => {
    if (!a || !b) return;
    edges.add(`  ${a} -->${text ? `|${text}|` : ""} ${b}`);
  };
  for (const p of s.pools) node(`pool:${p.name}`, `pool ${p.name}`, "round");
  for (const n of s.namespaces)
    node(`ns:${n.name}`, `ns ${n.name} (${n.podSecurity.enforce ?? "no PSA"})`);
  for (const a of s.serviceAccounts)
    node(`sa:${a.namespace}/${a.name}`, `sa ${a.namespace}/${a.name}`);
  for (const i of s.identities)
    node(`id:${i.address}`, `${i.kind.split(" (")[0]}: ${i.name}`, "hex");
  for (const r of s.releases) node(`rel:${r.name}`, `release ${r.name} (${r.chart} ${r.version})`);

  for (const n of s.namespaces)
    if (n.pool) edge(ids.get(`pool:${n.pool}`) ?? "", ids.get(`ns:${n.name}`) ?? "");
  for (const a of s.serviceAccounts) {
    const ns = ids.get(`ns:${a.namespace}`);
    const sa = ids.get(`sa:${a.namespace}/${a.name}`) ?? "";
    if (ns) edge(ns, sa);
    for (const i of a.identities) {
      const id = ids.get(`id:${i}`);
      if (id) edge(sa, id, "assumes");
    }
  }
  for (const r of s.releases) {
    const rel = ids.get(`rel:${r.name}`) ?? "";
    const pool = ids.get(`pool:${r.pool}`);
    if (pool) edge(pool, rel);
    for (const a of r.after) {
      const target = ids.get(`rel:${a}`);
      if (target) edge(rel, target, "after");
    }
  }
  return [...lines, ...edges];
}
