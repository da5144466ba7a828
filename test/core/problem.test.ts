import { formatProblem, showValue } from "../../lib/core/rules/problem";
import { NAME_DNS1123_LABEL } from "../../lib/core/name-rules";

describe("problem formatting", () => {
  test("names the field, the value, the message, a valid example and the rule id", () => {
    expect(
      formatProblem({
        rule: NAME_DNS1123_LABEL,
        field: "namespace.name",
        value: "Runner_NS",
        message: "must be lower case",
        example: '"runners"',
      }),
    ).toBe(
      'namespace.name: "Runner_NS" — must be lower case. Valid: "runners" (K8S-NAME-DNS1123-LABEL)',
    );
  });
  test("falls back to the rule's example", () => {
    expect(
      formatProblem({ rule: NAME_DNS1123_LABEL, field: "name", value: "", message: "empty" }),
    ).toBe('name: "" — empty. Valid: ci-runners (K8S-NAME-DNS1123-LABEL)');
  });
  test("redacts secret values, showing only their length", () => {
    const text = formatProblem({
      rule: NAME_DNS1123_LABEL,
      field: "values.token",
      value: "ghp_supersecret",
      message: "no",
      redact: true,
    });
    expect(text).not.toContain("supersecret");
    expect(text).toContain("<redacted, 15 characters>");
  });
  test("shortens long values", () => {
    expect(showValue("x".repeat(200)).length).toBeLessThanOrEqual(80);
  });
});
