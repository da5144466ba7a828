// ESLint flat config. The house rules enforced here that a type checker cannot:
// 1. provider bindings are imported by deep path only (`@cdktf/provider-aws/lib/iam-role`):
//    importing a provider package root costs ~10 s and ~1.8 GB at synth;
// 2. layers: dependencies flow one way (stacks -> pool -> platforms -> release/kubernetes/
//    identity -> core), a platform never imports a cloud folder, a cloud folder never another
//    cloud's, lib never imports stacks/examples/test (eslint/layers.mjs);
// 3. every optional property of an exported interface documents its default (`@default`).
import tseslint from "typescript-eslint";
import layers from "./eslint/layers.mjs";
import requireDefaultDoc from "./eslint/require-default-doc.mjs";

const providerRoot = {
  // the package root, `/lib` and `/lib/index` all load the whole provider
  regex: "^@cdktf/provider-[^/]+(/lib(/index(\\.js)?)?)?/?$",
  message:
    "Import provider bindings by deep path only, e.g. '@cdktf/provider-aws/lib/iam-role'. The package root loads every resource of the provider (~10 s, ~1.8 GB).",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "cdktf.out/**",
      "**/cdktf.out/**",
      "**/*.js",
      "**/*.mjs",
      "**/*.d.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [providerRoot] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "off",
    },
  },
  {
    files: ["lib/**/*.ts", "stacks/**/*.ts", "examples/**/*.ts"],
    plugins: { local: { rules: { layers, "require-default-doc": requireDefaultDoc } } },
    rules: { "local/layers": "error" },
  },
  {
    files: ["lib/**/*.ts", "stacks/**/*.ts"],
    rules: { "local/require-default-doc": "error" },
  },
);
