// Deterministic JSON output: keys sorted at every level, two-space indent, final newline.
import { sortKeys } from "./json";

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
