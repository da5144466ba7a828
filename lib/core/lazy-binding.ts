/**
 * A provider binding module, loaded when a construct first creates its resource rather than when
 * the library is imported: most stacks never create most of the optional resource types (an OIDC
 * provider, a region lookup, a Secret), and each binding module costs about half a millisecond to
 * load (docs/performance.md). Type positions keep their `import type`; only the class is loaded
 * late. `path` is the binding's deep path, resolved as a static import would be.
 */
export function lazyBinding<TModule>(path: string): () => TModule {
  // The house rule of deep imports holds here too: a provider root costs seconds to load.
  if (!/^@cdktf\/provider-[a-z0-9-]+\/lib\/[a-z0-9-]+$/.test(path)) {
    throw new Error(
      `lazyBinding needs a binding's deep path (@cdktf/provider-x/lib/y), got ${path}`,
    );
  }
  let loaded: TModule | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (loaded ??= require(path) as TModule);
}
