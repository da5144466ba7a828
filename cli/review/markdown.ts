// The review as Markdown (GitHub-flavoured, with a Mermaid diagram per stack).
import { ruleLine } from "./kubernetes";
import type { Review, StackReview } from "./model";
import { mermaid } from "./mermaid";

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ["(none)", ""];
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    "",
  ];
}

function bullets(items: string[], indent = ""): string[] {
  return items.map((i) => `${indent}- ${i}`);
}

function stackSection(s: StackReview): string[] {
  const out: string[] = [`## Stack ${code(s.name)}`, ""];

  out.push("```mermaid", ...mermaid(s), "```", "");

  out.push("### Pools", "");
  out.push(
    ...table(
      ["pool", "platform", "namespaces", "releases", "service accounts", "identities"],
      s.pools.map((p) => [
        code(p.name),
        p.platforms.join(", "),
        p.namespaces.join(", "),
        p.releases.join(", "),
        p.serviceAccounts.join(", "),
        p.identities.join(", "),
      ]),
    ),
  );

  out.push("### Releases", "");
  out.push(
    ...table(
      ["release", "pool", "namespace", "chart", "version", "source", "after"],
      s.releases.map((r) => [
        code(r.name),
        r.pool,
        r.namespace,
        r.chart + (r.controller ? " (controller)" : ""),
        code(r.version || "(none)"),
        r.source,
        r.after.join(", "),
      ]),
    ),
  );
  for (const r of s.releases) {
    const lines: string[] = [];
    for (const i of r.images) lines.push(`image ${code(i)}`);
    for (const p of r.privileged) lines.push(`privileged: ${code(p)}`);
    for (const n of r.sensitiveValues)
      lines.push(`secret-bearing value ${code(n)} (set_sensitive; value not shown)`);
    for (const n of r.set) lines.push(`set ${code(n)}`);
    for (const c of r.chartRbac) lines.push(`chart RBAC setting ${code(c)}`);
    for (const m of r.manifests)
      lines.push(`generated manifest ${code(m.file)}: ${m.kind} ${m.name}`);
    if (lines.length) out.push(`${code(r.name)}:`, "", ...bullets(lines), "");
  }

  out.push("### Namespaces and Pod Security", "");
  out.push(
    ...table(
      ["namespace", "pool", "enforce", "audit", "warn"],
      s.namespaces.map((n) => [
        code(n.name),
        n.pool,
        n.podSecurity.enforce ?? "(not set)",
        n.podSecurity.audit ?? "(not set)",
        n.podSecurity.warn ?? "(not set)",
      ]),
    ),
  );

  out.push("### Network flows (NetworkPolicies)", "");
  if (s.networkPolicies.length === 0) out.push("(none: every flow is open)", "");
  for (const p of s.networkPolicies) {
    out.push(`- ${code(`${p.namespace}/${p.name}`)} (${p.pods}):`);
    out.push(...bullets(p.flows, "  "));
  }
  if (s.networkPolicies.length) out.push("");

  out.push("### Service accounts and cloud identities", "");
  out.push(
    ...table(
      ["service account", "pool", "token automount", "roles", "identities"],
      s.serviceAccounts.map((a) => [
        code(`${a.namespace}/${a.name}`),
        a.pool,
        a.automountToken,
        a.roles.join(", "),
        a.identities.join(", "),
      ]),
    ),
  );
  for (const i of s.identities) {
    out.push(`- ${code(i.address)} — ${i.kind} ${code(i.name)}`);
    out.push(
      ...bullets(
        i.subjects.map((x) => `subject ${code(x)}`),
        "  ",
      ),
    );
    out.push(
      ...bullets(
        i.trust.map((x) => `trust: ${x}`),
        "  ",
      ),
    );
    out.push(
      ...bullets(
        i.permissions.length ? i.permissions.map((x) => `may: ${x}`) : ["may: (no grants)"],
        "  ",
      ),
    );
  }
  if (s.identities.length) out.push("");

  out.push("### RBAC", "");
  if (s.roles.length === 0) out.push("(none)", "");
  for (const r of s.roles) {
    const where = r.namespace ? `${r.namespace}/${r.name}` : r.name;
    out.push(
      `- ${r.kind} ${code(where)} (pool ${r.pool}), bound to ${r.boundTo.join(", ") || "nothing"}:`,
    );
    out.push(...bullets(r.rules.map(ruleLine), "  "));
    if (r.wildcardsReason) out.push(`  - wildcards reason: ${r.wildcardsReason}`);
  }
  if (s.roles.length) out.push("");
  out.push(
    "Charts from a repository may create RBAC of their own, which the synthesized output does not show; their RBAC settings in the values are listed under Releases.",
    "",
  );

  out.push("### Scaling", "");
  if (s.scaling.length === 0) out.push("(nothing the output declares)", "");
  for (const x of s.scaling) {
    out.push(
      `- ${x.kind} (pool ${x.pool}): min ${x.min ?? "?"}, max ${x.max ?? "?"} — ${code(x.source)}`,
    );
    out.push(...bullets(x.details, "  "));
  }
  if (s.scaling.length) out.push("");

  out.push("### Rules", "");
  if (s.rules.warnings.length === 0 && s.rules.suppressed.length === 0)
    out.push("No warnings, no suppressions.", "");
  for (const w of s.rules.warnings)
    out.push(`- warning ${code(w.rule)} at ${code(w.path)}: ${w.message}`);
  for (const x of s.rules.suppressed)
    out.push(
      `- suppressed ${code(x.rule)} at ${code(x.path)} (${x.field}), declared at ${code(x.suppressedAt)}: ${x.reason}`,
    );
  if (s.rules.warnings.length || s.rules.suppressed.length) out.push("");

  out.push("### Terraform", "");
  out.push(
    `- required_version: ${s.terraform.requiredVersion ? code(s.terraform.requiredVersion) : "(not set)"}`,
  );
  out.push(
    `- backend: ${s.terraform.backend ?? "(none: local state in the working directory)"}${s.terraform.backendSettings.length ? ` (${s.terraform.backendSettings.map(code).join(", ")})` : ""}`,
  );
  out.push(...bullets(s.terraform.providers.map((p) => `provider ${code(p)}`)));
  out.push(...bullets(s.variables.map((v) => `variable ${code(v)}`)));
  out.push(...bullets(s.outputs.map((o) => `output ${code(o)}`)));
  out.push("");
  return out;
}

export function reviewMarkdown(review: Review): string {
  const out: string[] = ["# Runner pools review", ""];
  out.push(
    `${review.stacks.length} stack(s): ${review.stacks.map((s) => code(s.name)).join(", ")}. Read from the synthesized output only; secret-bearing values are shown by name.`,
    "",
  );
  for (const s of review.stacks) out.push(...stackSection(s));
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
