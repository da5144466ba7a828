// Small, total accessors for parsed JSON, and deterministic ordering helpers.

/** Parsed JSON of unknown shape. */
export type Json = unknown;
/** A JSON object. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value as an object, or an empty one. */
export function obj(value: Json): JsonObject {
  return isObject(value) ? value : {};
}

/** The value as an array, or an empty one. */
export function arr(value: Json): Json[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a string, or undefined. */
export function str(value: Json): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Code-unit order, independent of the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy, by a string key. */
export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compare(key(a), key(b)));
}

/** Sorted unique strings. */
export function uniqSorted(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compare);
}

/** The object without its `//` (cdktf metadata) key. */
export function withoutMeta(value: Json): JsonObject {
  const copy = { ...obj(value) };
  delete copy["//"];
  return copy;
}

/** JSON with object keys sorted at every level (stable text for equal values). */
export function canonical(value: Json): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort(compare)) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}
