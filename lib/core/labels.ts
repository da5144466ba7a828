/** Value of `app.kubernetes.io/managed-by` on every object this library creates. */
export const MANAGED_BY = "cdktf-runner-pools";

/** The standard recommended labels for one part of a runner pool. */
export function standardLabels(pool: string, component: string): Record<string, string> {
  return {
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/managed-by": MANAGED_BY,
    "app.kubernetes.io/part-of": pool,
  };
}

/** Merges label maps left to right and returns them with sorted keys (stable JSON diffs). */
export function mergeSorted(
  ...maps: (Record<string, string> | undefined)[]
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const map of maps) Object.assign(merged, map ?? {});
  return sortKeys(merged);
}

/** A copy of a flat map with its keys in sorted order. */
export function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}
