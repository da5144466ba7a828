import { checkDns1123Label, checkDns1123Subdomain, checkMetadataMap } from "../../lib/core/names";

describe("DNS-1123 names", () => {
  test.each(["runners", "a", "ci-runners-01", "x".repeat(63)])("accepts %s", (name) => {
    expect(checkDns1123Label("name", name)).toBeUndefined();
  });
  test("rejects upper case and underscores", () => {
    const problem = checkDns1123Label("name", "Runner_NS");
    expect(problem?.message).toMatch(/DNS-1123 label/);
    expect(problem?.rule.id).toBe("K8S-NAME-DNS1123-LABEL");
  });
  test("rejects 64 characters", () => {
    expect(checkDns1123Label("name", "x".repeat(64))?.message).toBe(
      "must be at most 63 characters (has 64)",
    );
  });
  test("honours a shorter limit (Helm release names: 53)", () => {
    expect(checkDns1123Label("releaseName", "x".repeat(54), 53)?.message).toMatch(/at most 53/);
  });
  test.each(["-runners", "runners-", ""])("rejects %p", (name) => {
    expect(checkDns1123Label("name", name)).toBeDefined();
  });
  test("subdomains allow dots but not upper case", () => {
    expect(checkDns1123Subdomain("name", "gitlab.runner")).toBeUndefined();
    expect(checkDns1123Subdomain("name", "Gitlab.runner")?.rule.id).toBe(
      "K8S-NAME-DNS1123-SUBDOMAIN",
    );
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
    expect(problems.map((p) => [p.field, p.rule.id])).toEqual([
      ["labels.bad key", "K8S-NAME-METADATA-KEY"],
      ["labels.team", "K8S-NAME-LABEL-VALUE"],
    ]);
  });
  test("annotation values are free-form", () => {
    expect(
      checkMetadataMap("annotations", { "example.com/note": "any text at all!" }, "annotation"),
    ).toEqual([]);
  });
});
