import { escapeTerraformTemplate } from "./yaml";

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === "string") return escapeTerraformTemplate(value);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sorted(member);
    }
    return out;
  }
  return value;
}

/**
 * JSON-encodes a value deterministically: keys sorted at every level, `undefined` dropped,
 * no whitespace, literal `${`/`%{` escaped for Terraform (tokens are left alone). Use it for
 * attributes that take a JSON string (e.g. a pod template), so equal input gives equal bytes.
 */
export function toDeterministicJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}
