import { checkDns1123Label, checkDns1123Subdomain, checkMetadataMap } from "../../lib/core/names";
import { formatProblem, showValue } from "../../lib/core/validation";

describe("problem formatting", () => {
  test("names the field, the value, the rule and a valid example", () => {
    expect(
      formatProblem({
        field: "namespace.name",
        value: "Runner_NS",
        rule: "must be lower case",
        example: '"runners"',
      }),
    ).toBe('namespace.name: "Runner_NS" — must be lower case. Valid: "runners"');
  });
  test("redacts secret values, showing only their length", () => {
    const text = formatProblem({
      field: "values.token",
      value: "ghp_supersecret",
      rule: "no",
      redact: true,
    });
    expect(text).not.toContain("supersecret");
    expect(text).toContain("<redacted, 15 characters>");
  });
  test("shortens long values", () => {
    expect(showValue("x".repeat(200)).length).toBeLessThanOrEqual(80);
  });
});

describe("DNS-1123 names", () => {
  test.each(["runners", "a", "ci-runners-01", "x".repeat(63)])("accepts %s", (name) => {
    expect(checkDns1123Label("name", name)).toBeUndefined();
  });
  test("rejects upper case and underscores", () => {
    expect(checkDns1123Label("name", "Runner_NS")?.rule).toMatch(/DNS-1123 label/);
  });
  test("rejects 64 characters", () => {
    expect(checkDns1123Label("name", "x".repeat(64))?.rule).toBe(
      "must be at most 63 characters (has 64)",
    );
  });
  test("honours a shorter limit (Helm release names: 53)", () => {
    expect(checkDns1123Label("releaseName", "x".repeat(54), 53)?.rule).toMatch(/at most 53/);
  });
  test.each(["-runners", "runners-", ""])("rejects %p", (name) => {
    expect(checkDns1123Label("name", name)).toBeDefined();
  });
  test("subdomains allow dots but not upper case", () => {
    expect(checkDns1123Subdomain("name", "gitlab.runner")).toBeUndefined();
    expect(checkDns1123Subdomain("name", "Gitlab.runner")).toBeDefined();
  });
});

describe("label and annotation maps", () => {
  test("accepts prefixed keys and valid values", () => {
    expect(
      checkMetadataMap("labels", { "example.com/team": "platform", tier: "ci" }, "label"),
    ).toEqual([]);
  });
  test("rejects a bad key and a bad label value", () => {
    const problems = checkMetadataMap("labels", { "bad key": "ok", team: "has space" }, "label");
    expect(problems.map((p) => p.field)).toEqual(["labels.bad key", "labels.team"]);
  });
  test("annotation values are free-form", () => {
    expect(
      checkMetadataMap("annotations", { "example.com/note": "any text at all!" }, "annotation"),
    ).toEqual([]);
  });
});
