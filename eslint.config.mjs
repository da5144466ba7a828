// ESLint flat config. The one house rule enforced here that a type checker cannot:
// provider bindings are imported by deep path only (`@cdktf/provider-aws/lib/iam-role`).
// Importing a provider package root costs ~10 s and ~1.8 GB at synth.
import tseslint from "typescript-eslint";

const providerRoot = {
  // A regex, not a gitignore group: a negated gitignore pattern cannot re-include a path
  // whose parent ("@cdktf/provider-aws") is excluded, so deep imports were flagged too.
  regex: "^@cdktf/provider-[^/]+$",
  message:
    "Import provider bindings by deep path only, e.g. '@cdktf/provider-aws/lib/iam-role'. The package root loads every resource of the provider (~10 s, ~1.8 GB).",
};

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "cdktf.out/**", "**/cdktf.out/**", "**/*.js", "**/*.d.ts"] },
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
