// ESLint flat config. The one house rule enforced here that a type checker cannot:
// provider bindings are imported by deep path only (`@cdktf/provider-aws/lib/iam-role`).
// Importing a provider package root costs ~10 s and ~1.8 GB at synth.
import tseslint from "typescript-eslint";

const providerRoot = {
  // the package root, `/lib` and `/lib/index` all load the whole provider
  regex: "^@cdktf/provider-[^/]+(/lib(/index(\\.js)?)?)?/?$",
  message:
    "Import provider bindings by deep path only, e.g. '@cdktf/provider-aws/lib/iam-role'. The package root loads every resource of the provider (~10 s, ~1.8 GB).",
};

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "cdktf.out/**", "**/cdktf.out/**", "**/*.js", "**/*.mjs", "**/*.d.ts"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [providerRoot] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "off",
    },
  },
);
