import { parse } from "yaml";
import {
  escapeTerraformTemplate,
  findNonFiniteNumbers,
  mergeValues,
  renderYaml,
  toDeterministicYaml,
  valuesAt,
} from "../../lib/core/yaml";
import { Lazy } from "cdktf";

describe("deterministic Helm values YAML", () => {
  test("sorts keys at every level regardless of insertion order", () => {
    const a = toDeterministicYaml({ b: 1, a: { z: 1, y: [{ d: 1, c: 2 }] } });
    const b = toDeterministicYaml({ a: { y: [{ c: 2, d: 1 }], z: 1 }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('a:\n  "y":\n    - c: 2\n      d: 1\n  z: 1\nb: 1\n');
  });
  test("drops undefined members and keeps long strings on one line", () => {
    const long = "word ".repeat(40).trim();
    const text = toDeterministicYaml({ keep: long, drop: undefined });
    expect(text).toBe(`keep: "${long}"\n`);
  });
  test("escapes literal Terraform template sequences but not tokens", () => {
    expect(escapeTerraformTemplate("${{ github.ref }} and %{x}")).toBe(
      "$${{ github.ref }} and %%{x}",
    );
    const token = Lazy.stringValue({ produce: () => "x" });
    expect(escapeTerraformTemplate(token)).toBe(token);
  });
});

describe("non-finite numbers", () => {
  test("are found with their path, and the renderer names the path", () => {
    const values = { a: { b: [1, NaN] }, c: -Infinity, d: undefined };
    expect(findNonFiniteNumbers(values, "values")).toEqual([
      { path: "values.a.b[1]", value: NaN },
      { path: "values.c", value: -Infinity },
    ]);
    expect(() => renderYaml(values)).toThrow(
      new RangeError("a.b[1]: cannot render NaN in YAML (not a finite number)"),
    );
    expect(findNonFiniteNumbers({ a: 1, b: "NaN" })).toEqual([]);
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

describe("renderYaml round-trips through a YAML parser (YAML 1.1, as Helm reads it, and 1.2)", () => {
  // A small seeded generator: the same cases every run.
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const strings = [
    "plain",
    "with space",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "N",
    "true",
    "null",
    "~",
    "0755",
    "1e3",
    "0x1F",
    "-1",
    ".5",
    "https://example.com:8443/x",
    "a: b",
    "#comment",
    "key # not comment",
    "'single'",
    '"double"',
    "tab\there",
    "multi\nline\n",
    "multi\nline",
    "trailing\n\n",
    "  leading space\nx",
    "ünïcödé ☃",
    "",
    "@at",
    "- dash",
    "[x]",
    "{y}",
    "${{ github.ref }}",
    "%{x}",
    "back\\slash",
    "cr\r\nlf",
    "*alias",
    "&anchor",
    "!tag",
    "|pipe",
    ">fold",
    "=",
    "?q",
  ];
  const scalar = (): unknown =>
    pick<() => unknown>([
      () => pick(strings),
      () => Math.floor(rand() * 2000) - 1000,
      () => rand() * 10,
      () => rand() > 0.5,
      () => null,
    ])();
  const gen = (depth: number): unknown => {
    if (depth === 0 || rand() < 0.3) return scalar();
    if (rand() < 0.4) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth - 1));
    const out: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 5); i > 0; i--) out[pick(strings) || "k"] = gen(depth - 1);
    return out;
  };

  test.each(Array.from({ length: 300 }, (_, i) => [i]))("random case %i", () => {
    const value = { root: gen(4) };
    const text = renderYaml(value);
    expect(parse(text, { version: "1.2" })).toEqual(value);
    expect(parse(text, { version: "1.1" })).toEqual(value);
  });

  test("YAML 1.1 booleans and numeric-looking strings are quoted", () => {
    expect(renderYaml({ a: "yes", b: "on", c: "0755", d: "1e3", e: "word" })).toBe(
      'a: "yes"\nb: "on"\nc: "0755"\nd: "1e3"\ne: word\n',
    );
  });

  test("multi-line strings become literal blocks with the right chomping", () => {
    expect(renderYaml({ a: "x\ny\n", b: "x\ny", c: "x\n\n" })).toBe(
      "a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\n",
    );
  });

  test("arrays of objects and empty collections", () => {
    expect(renderYaml({ list: [{ b: 1, a: [1, 2] }, [], {}], empty: {} })).toBe(
      "empty: {}\nlist:\n  - a:\n      - 1\n      - 2\n    b: 1\n  - []\n  - {}\n",
    );
  });
});
