// Optional peer dependencies (the cloud provider bindings): a subpath entry point checks its
// binding first, so a missing one fails with what to install instead of a bare
// `Cannot find module '@cdktf/provider-aws/lib/provider'` from deep inside the library.

/**
 * Throws when `pkg` cannot be resolved from the library, naming the exact version to
 * install. `probe` is a module path inside the package that the entry point loads.
 */
export function requirePeerDependency(
  entryPoint: string,
  pkg: string,
  version: string,
  probe = "lib/provider",
): void {
  try {
    require.resolve(`${pkg}/${probe}`);
  } catch (error) {
    if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
    throw new Error(
      `${entryPoint} needs the optional peer dependency ${pkg}, which is not installed. ` +
        `Install the version this library is built against: npm install ${pkg}@${version}`,
    );
  }
}
