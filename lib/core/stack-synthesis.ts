// A stack's preparing pass and its render, resolving only the values that hold a token.
//
// cdktf 0.21 resolves a stack's whole configuration through its token resolver: the preparing
// pass (`TerraformStack.prepareStack`, terraform-stack.js:94-98) resolves every element's
// `toTerraform()` and throws the result away; the render (`toTerraform`, terraform-stack.js:
// 247-287) resolves every element's metadata and configuration, merges them, and resolves the
// merged whole once more. The resolver builds a context, a path and closures for every key and
// value, literal or not; at 500 pools that walk was over half of synth, where the floor (the same
// resources with literal values) pays it too but has far fewer tokens.
//
// Here the same values are walked in the same order with plain JavaScript, the literal rest is
// copied as cdktf's resolve copies it (an object's `undefined` values and an array's `undefined`
// items dropped), and each value that may hold a token is handed, whole, to cdktf's own resolver
// with its path (as `Tokenization.resolve` with the default resolver would, plus the path). So
// every token resolves exactly as it did, in the same order, with the same side effects (a
// `Reference` from another stack registering a cross-stack output, tfExpression.js:139-152; a
// `Lazy` running its producer), errors are cdktf's with the same path, and the render is byte for
// byte cdktf's (tested against `TerraformStack.prototype` on random configurations).
import * as path from "path";
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Token,
} from "cdktf";
import type { IConstruct } from "constructs";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** The two cdktf 0.21.0 internals the passes use. */
interface CdktfInternals {
  /**
   * cdktf's resolver itself (tokens/private/resolve.js:19), which `Tokenization.resolve` calls
   * without a path: called with the value's path, its errors name the place inside the element
   * and its depth limit counts from the element, exactly as in cdktf's own passes.
   */
  readonly resolveAt: (
    value: unknown,
    options: {
      scope: IConstruct;
      prefix: string[];
      resolver: DefaultTokenResolver;
      preparing: boolean;
    },
  ) => unknown;
  /** cdktf's merge of configuration fragments (util.js:19-61): the same merge, not a copy. */
  readonly deepMerge: (target: object, ...sources: unknown[]) => object;
}

let loaded: CdktfInternals | null | undefined;

/**
 * cdktf's internals, resolved from cdktf's own entry point (cdktf has no `exports` map that
 * hides them); `undefined` where they cannot be had (a bundle, another layout): the runner
 * stacks then run cdktf's own passes.
 */
function cdktfInternals(): CdktfInternals | undefined {
  if (loaded === undefined) {
    try {
      const lib = path.dirname(require.resolve("cdktf"));
      /* eslint-disable @typescript-eslint/no-require-imports */
      const resolveAt = require(path.join(lib, "tokens", "private", "resolve.js"))?.resolve;
      const deepMerge = require(path.join(lib, "util.js"))?.deepMerge;
      /* eslint-enable @typescript-eslint/no-require-imports */
      loaded =
        typeof resolveAt === "function" && typeof deepMerge === "function"
          ? { resolveAt, deepMerge }
          : null;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** Deeper than this, cdktf's resolve reports a circular reference (resolve.js:56-58). */
const MAX_DEPTH = 200;

/** What cdktf keeps private on a stack and its render reads. */
interface StackInternals {
  readonly cdktfVersion: string;
  readonly rawOverrides: Record<string, unknown>;
}

/** The stack's elements in cdktf's order: depth first, not into nested stacks. */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) elementsOf(child, into);
  }
  return into;
}

/**
 * Where cdktf's number-token pattern (encoding.js:32, `[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`) can
 * match: one of its characters, `e`, one of its characters. cdktf looks such a match up as an
 * encoded number token.
 */
const NUMBER_TOKEN_AT = /[-|\d.+]e[-|\d.eE+]/;

/**
 * Whether cdktf's resolve could run a token (or throw) on this string: every token marker
 * contains `TfToken[` (tokens/private/encoding.js:20-22), a number token may be written in it,
 * and two strings stand for map tokens in scalar context (token.js:141,149).
 */
function stringMayResolve(s: string): boolean {
  return (
    s.includes("TfToken[") ||
    NUMBER_TOKEN_AT.test(s) ||
    s === Token.STRING_MAP_TOKEN_VALUE ||
    s === Token.ANY_MAP_TOKEN_VALUE
  );
}

/** The same for a number: token doubles are not safe integers; one integer marks a number map. */
function scalarMayResolve(value: unknown): boolean {
  if (typeof value === "string") return stringMayResolve(value);
  return (
    typeof value === "number" &&
    (!Number.isSafeInteger(value) || value === Token.NUMBER_MAP_TOKEN_VALUE)
  );
}

/** Objects cdktf resolves as a whole: a token, or a construct (it throws). */
function resolvesWhole(value: object): boolean {
  const o = value as Record<string, unknown>;
  return (
    typeof o.resolve === "function" || (o._children !== undefined && o._metadata !== undefined)
  );
}

/** Resolves one value that may hold a token, at its path. */
type ResolveAt = (value: unknown, path: readonly string[]) => unknown;

/**
 * `value` resolved as cdktf's resolve (tokens/private/resolve.js:19-170) resolves it: each part
 * that may hold a token — a string or number, an array with such an item (cdktf resolves list
 * tokens over the whole array), an object that is a token or a construct or has such a key, or
 * anything deeper than cdktf's limit — goes to `resolveHere` whole, with its path, in the order
 * cdktf reaches it; the rest is copied as cdktf copies it (no `undefined`, no array holes).
 * `path` is the value's path (mutated while walking, restored on return).
 */
function resolveTokenHolders(value: unknown, resolveHere: ResolveAt, path: string[] = []): unknown {
  if (path.length > MAX_DEPTH) return resolveHere(value, path);
  if (value === null || value === undefined) return value;
  if (typeof value !== "object") {
    return typeof value === "function" || scalarMayResolve(value)
      ? resolveHere(value, path)
      : value;
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) {
    if (value.some(scalarMayResolve)) return resolveHere(value, path);
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue;
      path.push(String(i));
      const resolved = resolveTokenHolders(value[i], resolveHere, path);
      path.pop();
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }
  if (resolvesWhole(value)) return resolveHere(value, path);
  const keys = Object.keys(value);
  if (keys.some(stringMayResolve)) return resolveHere(value, path);
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const resolved = resolveTokenHolders(
      (value as Record<string, unknown>)[key],
      resolveHere,
      path,
    );
    path.pop();
    if (resolved !== undefined) copy[key] = resolved;
  }
  return copy;
}

function resolverFor(
  { resolveAt }: CdktfInternals,
  stack: TerraformStack,
  preparing: boolean,
): (value: unknown) => unknown {
  const resolveHere: ResolveAt = (value, at) =>
    resolveAt(value, { scope: stack, prefix: [...at], resolver: RESOLVER, preparing });
  return (value) => resolveTokenHolders(value, resolveHere);
}

/**
 * The preparing pass of `stack`, as cdktf's `prepareStack` does it: a backend ensured, then each
 * element's configuration resolved in preparing mode (the result unused).
 */
export function prepareStackTokens(stack: TerraformStack): void {
  const cdktf = cdktfInternals();
  if (!cdktf) return TerraformStack.prototype.prepareStack.call(stack);
  stack.ensureBackendExists();
  const resolve = resolverFor(cdktf, stack, true);
  for (const element of elementsOf(stack)) resolve(element.toTerraform());
}

/** `{ a: { b: { c: leaf } } }` for the path `a/b/c`. */
function nested(path: readonly string[], leaf: string): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown> | string>(
    (inner, part) => ({ [part]: inner }),
    leaf,
  ) as Record<string, unknown>;
}

/**
 * The stack's Terraform JSON, as cdktf's `TerraformStack.toTerraform` renders it: the metadata
 * (cdktf's, then each element's), the outputs' ids by construct path, each element's
 * configuration, the stack's overrides — merged with cdktf's merge, in that order.
 */
export function renderStackTokens(stack: TerraformStack): Record<string, unknown> {
  const cdktf = cdktfInternals();
  const internals = stack as unknown as StackInternals;
  if (!cdktf || typeof internals.rawOverrides !== "object" || internals.rawOverrides === null) {
    return TerraformStack.prototype.toTerraform.call(stack) as Record<string, unknown>;
  }
  const { deepMerge } = cdktf;
  const resolve = resolverFor(cdktf, stack, false);
  const overrides = Object.keys(internals.rawOverrides);
  const metadata: Record<string, unknown> = {
    version: internals.cdktfVersion,
    stackName: stack.node.id,
    backend: "local",
    cloud: undefined,
    ...(overrides.length > 0 ? { overrides: { stack: overrides } } : {}),
  };
  const elements = elementsOf(stack);
  for (const meta of elements.map((e) => resolve(e.toMetadata()))) deepMerge(metadata, meta);
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (TerraformOutput.isTerraformOutput(e)) {
      deepMerge(outputs, nested(e.node.path.split("/"), e.friendlyUniqueId));
    }
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const fragment of elements.map((e) => resolve(e.toTerraform()))) deepMerge(tf, fragment);
  deepMerge(tf, internals.rawOverrides);
  return resolve(tf) as Record<string, unknown>;
}
