// Local ESLint rule `local/require-default-doc`: every optional property of an exported
// interface or object type (nested type literals included) documents its default with a
// `@default` TSDoc tag (house rule: "Props are readonly, documented with TSDoc and @default").
//
// Not eslint-cdk-plugin's `require-props-default-doc`: that one only looks at interfaces whose
// name ends in `Props` (ours are also `...Options`, `...Request` and nested types), ignores
// whether the interface is exported, and its only published version (3.4.9) ships no ESM entry.

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Require a @default TSDoc tag on optional properties of exported interfaces and types",
    },
    schema: [],
    messages: {
      missing:
        "Optional property '{{name}}' of exported type '{{type}}' has no @default in its TSDoc: say what happens when it is not set (e.g. `@default - no quota`).",
    },
  },
  create(context) {
    const source = context.sourceCode;
    const exportedByList = new Set();
    const candidates = [];

    /** The interface or type alias a property belongs to (through nested type literals). */
    function owner(node) {
      for (let n = node.parent; n; n = n.parent) {
        if (n.type === "TSInterfaceDeclaration" || n.type === "TSTypeAliasDeclaration") return n;
        // a property of an object type inside a function or method signature is not a prop
        if (
          n.type === "TSFunctionType" ||
          n.type === "TSMethodSignature" ||
          n.type === "TSConstructorType"
        )
          return undefined;
      }
      return undefined;
    }

    const isExported = (decl) =>
      decl.parent?.type === "ExportNamedDeclaration" || exportedByList.has(decl.id.name);

    const hasDefault = (node) =>
      source
        .getCommentsBefore(node)
        .some((c) => c.type === "Block" && c.value.startsWith("*") && /@default\b/.test(c.value));

    return {
      ExportNamedDeclaration(node) {
        if (node.source) return;
        for (const s of node.specifiers ?? [])
          if (s.local.type === "Identifier") exportedByList.add(s.local.name);
      },
      TSPropertySignature(node) {
        if (!node.optional) return;
        const decl = owner(node);
        if (decl) candidates.push({ node, decl });
      },
      "Program:exit"() {
        for (const { node, decl } of candidates) {
          if (!isExported(decl) || hasDefault(node)) continue;
          const name = node.key.type === "Identifier" ? node.key.name : source.getText(node.key);
          context.report({ node, messageId: "missing", data: { name, type: decl.id.name } });
        }
      },
    };
  },
};
