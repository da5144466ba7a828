// The diff as Markdown, ranked by class (security-relevant first).
import { CLASSES } from "./classify";
import type { Change, DiffResult } from "./diff";

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

const TITLES: Record<string, string> = {
  "identity-trust": "Identity trust",
  "identity-permissions": "Identity permissions",
  rbac: "RBAC",
  "pod-security": "Pod Security",
  flows: "Network flows",
  privileged: "Privileged / security context",
  secrets: "Secret-bearing values (names only)",
  image: "Images",
  chart: "Charts",
  controller: "Controllers",
  rules: "Rule warnings and suppressions",
  scaling: "Scaling",
  terraform: "Terraform settings and providers",
  other: "Other",
};

/** One line: `arc-runners: helm_release arc-runners: values.maxRunners 20 → 10`. */
export function changeLine(c: Change): string {
  const where = `${code(c.stack)} ${c.pool ? `${c.pool}: ` : ""}${c.subject}`;
  const what =
    c.kind === "changed"
      ? `${code(c.path)} ${code(c.before ?? "")} → ${code(c.after ?? "")}`
      : `${c.kind}${c.path ? ` ${code(c.path)}` : ""}${c.after !== undefined ? ` ${code(c.after)}` : c.before !== undefined ? ` ${code(c.before)}` : ""}`;
  return `${where}: ${what}${c.note ? ` — ${c.note}` : ""}`;
}

export function diffMarkdown(result: DiffResult): string {
  const out: string[] = ["# Runner pools diff", ""];
  if (result.changes.length === 0) {
    out.push("No changes.");
    return `${out.join("\n")}\n`;
  }
  out.push(
    `${result.changes.length} change(s): ${Object.entries(result.summary)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}. Security-relevant classes first.`,
    "",
  );
  for (const cls of CLASSES) {
    const changes = result.changes.filter((c) => c.class === cls);
    if (changes.length === 0) continue;
    out.push(`## ${TITLES[cls]} (${code(cls)})`, "");
    for (const c of changes) out.push(`- ${changeLine(c)} (${code(c.address)})`);
    out.push("");
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
