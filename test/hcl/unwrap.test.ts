import { interpolationOnly, unwrapInterpolationOnly } from "../../stacks/hcl";

describe("unwrapping interpolation-only templates (as terraform fmt does)", () => {
  test.each([
    ["${aws_iam_role.r.arn}", "aws_iam_role.r.arn"],
    ['${replace(x.issuer, "https://", "")}', 'replace(x.issuer, "https://", "")'],
    ["${ { a = 1 }.a }", "{ a = 1 }.a"],
    ['${lookup(m, "}")}', 'lookup(m, "}")'],
  ])("%s is the expression %s", (template, expr) => {
    expect(interpolationOnly(template)).toBe(expr);
  });

  test.each([
    ['${replace(x.issuer, "https://", "")}:sub'],
    ["arn:${data.aws_partition.p.partition}:iam"],
    ["${a}-${b}"],
    ["plain"],
    ["${}"],
  ])("%s stays a template", (content) => {
    expect(interpolationOnly(content)).toBeUndefined();
  });

  test("attribute values only; heredoc bodies are left as they are", () => {
    const hcl = [
      'host = "${data.x.endpoint}"',
      'name = "ci-${var.suffix}"',
      "values = [<<EOF",
      'image = "${var.image}"',
      "EOF",
      "]",
      '  role = "${aws_iam_role.r.id}"',
    ].join("\n");
    expect(unwrapInterpolationOnly(hcl).split("\n")).toEqual([
      "host = data.x.endpoint",
      'name = "ci-${var.suffix}"',
      "values = [<<EOF",
      'image = "${var.image}"',
      "EOF",
      "]",
      "  role = aws_iam_role.r.id",
    ]);
  });
});
