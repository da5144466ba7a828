import type { IConstruct } from "constructs";

/**
 * Compares two constructs of one tree by the order of a pre-order walk (`node.findAll()`):
 * negative when `a` comes first. Lets a per-stack index replace a walk of the whole stack
 * (which, done once per construct, makes synth quadratic in the number of pools).
 */
export function compareTreeOrder(a: IConstruct, b: IConstruct): number {
  if (a === b) return 0;
  const pa = a.node.scopes;
  const pb = b.node.scopes;
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  if (i === pa.length) return -1; // a is an ancestor of b
  if (i === pb.length) return 1;
  const siblings = pa[i - 1].node.children;
  return siblings.indexOf(pa[i]) - siblings.indexOf(pb[i]);
}

/** The first of some constructs in tree order (undefined for none). */
export function firstInTreeOrder<T extends IConstruct>(constructs: readonly T[]): T | undefined {
  return constructs.reduce<T | undefined>(
    (first, c) => (first === undefined || compareTreeOrder(c, first) < 0 ? c : first),
    undefined,
  );
}

/**
 * Constructs of one kind per stack (or other scope), by a key, in creation order: filled by
 * their constructors, read by checks that used to search the whole stack.
 */
export class ScopeIndex<T extends IConstruct> {
  private readonly byScope = new WeakMap<IConstruct, Map<string, T[]>>();

  public add(scope: IConstruct, key: string, construct: T): void {
    let byKey = this.byScope.get(scope);
    if (!byKey) this.byScope.set(scope, (byKey = new Map()));
    const list = byKey.get(key);
    if (list) list.push(construct);
    else byKey.set(key, [construct]);
  }

  public get(scope: IConstruct, key: string): readonly T[] {
    return this.byScope.get(scope)?.get(key) ?? [];
  }

  public all(scope: IConstruct): T[] {
    return [...(this.byScope.get(scope)?.values() ?? [])].flat();
  }
}
