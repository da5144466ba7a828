/**
 * A provider binding module, loaded when a construct first creates its resource rather than when
 * the library is imported: most stacks never create most of the optional resource types (an OIDC
 * provider, a region lookup, a Secret), and each binding module costs about half a millisecond to
 * load (docs/performance.md). Type positions keep their `import type`; only the class is loaded
 * late. `load` is `() => require("<the binding's deep path>")`, written out at the call site so
 * that bundlers and the deep-import rule see the path.
 */
export function lazyBinding<TModule>(load: () => unknown): () => TModule {
  let loaded: TModule | undefined;
  return () => (loaded ??= load() as TModule);
}
