// mayHoldToken decides strings as cdktf's Token.isUnresolved does, without its regex for most.
import fc from "fast-check";
import { Lazy, TerraformVariable, Token } from "cdktf";
import { mayHoldToken } from "../../lib/core/tokens";
import { newStack } from "../support/stack";

test("agrees with Token.isUnresolved on strings with and without tokens", () => {
  const stack = newStack();
  const variable = new TerraformVariable(stack, "v", { type: "string" });
  const tokens = [
    variable.stringValue,
    Token.asString(Lazy.stringValue({ produce: () => "x" })),
    Token.asList(variable.value)[0],
    Token.asString(Token.asAny({ a: variable.stringValue })),
  ];
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string(), fc.constantFrom(...tokens, "TfToken[", "${TfToken[x")), {
        maxLength: 4,
      }),
      (parts) => {
        const text = parts.join("");
        expect(mayHoldToken(text)).toBe(Token.isUnresolved(text));
      },
    ),
    { numRuns: 300 },
  );
  for (const t of tokens)
    expect(mayHoldToken(`pre-${t}-post`)).toBe(Token.isUnresolved(`pre-${t}-post`));
  expect(mayHoldToken(`pre-${variable.stringValue}-post`)).toBe(true);
  expect(mayHoldToken("plain text with ${var.x}")).toBe(false);
});
