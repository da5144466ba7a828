import {
  escapeTerraformTemplate,
  mergeValues,
  toDeterministicYaml,
  valuesAt,
} from "../../lib/core";
import { Lazy } from "cdktf";

describe("deterministic Helm values YAML", () => {
  test("sorts keys at every level regardless of insertion order", () => {
    const a = toDeterministicYaml({ b: 1, a: { z: 1, y: [{ d: 1, c: 2 }] } });
    const b = toDeterministicYaml({ a: { y: [{ c: 2, d: 1 }], z: 1 }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe("a:\n  y:\n    - c: 2\n      d: 1\n  z: 1\nb: 1\n");
  });
  test("drops undefined members and keeps long strings on one line", () => {
    const long = "word ".repeat(40).trim();
    const text = toDeterministicYaml({ keep: long, drop: undefined });
    expect(text).toBe(`keep: ${long}\n`);
  });
  test("escapes literal Terraform template sequences but not tokens", () => {
    expect(escapeTerraformTemplate("${{ github.ref }} and %{x}")).toBe(
      "$${{ github.ref }} and %%{x}",
    );
    const token = Lazy.stringValue({ produce: () => "x" });
    expect(escapeTerraformTemplate(token)).toBe(token);
  });
});

describe("values helpers", () => {
  test("mergeValues merges objects deeply and replaces arrays", () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] } }, { a: { c: [3], d: 4 } })).toEqual({
      a: { b: 1, c: [3], d: 4 },
    });
  });
  test("valuesAt builds a nested tree from a dotted path", () => {
    expect(valuesAt("serviceAccount.name", "runner")).toEqual({
      serviceAccount: { name: "runner" },
    });
  });
});
