// HCL written by `cdktf synth --hcl` is valid but writes every reference as a template,
// `x = "${aws_iam_role.r.arn}"`, which `terraform fmt` rewrites to `x = aws_iam_role.r.arn`
// (an interpolation-only template is the expression itself). Unwrapping those attribute
// values here makes the output pass `terraform fmt -check`; heredocs are left alone.

const ATTRIBUTE = /^(\s*[A-Za-z_][A-Za-z0-9_-]*\s*=\s*)"(.*)"\s*$/;
const HEREDOC_START = /<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * The expression of an interpolation-only template (`${expr}` and nothing else), or
 * undefined. Braces and quoted strings inside the expression are matched.
 */
export function interpolationOnly(content: string): string | undefined {
  if (!content.startsWith("${")) return undefined;
  let depth = 1;
  let inString = false;
  for (let i = 2; i < content.length; i++) {
    const c = content[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      if (i !== content.length - 1) return undefined;
      const expr = content.slice(2, i).trim();
      return expr.length ? expr : undefined;
    }
  }
  return undefined;
}

/** Unwraps interpolation-only attribute values, as `terraform fmt` does. */
export function unwrapInterpolationOnly(hcl: string): string {
  let heredoc: string | undefined;
  return hcl
    .split("\n")
    .map((line) => {
      if (heredoc !== undefined) {
        if (line.trim() === heredoc) heredoc = undefined;
        return line;
      }
      const start = HEREDOC_START.exec(line);
      if (start) {
        heredoc = start[1];
        return line;
      }
      const m = ATTRIBUTE.exec(line);
      const expr = m ? interpolationOnly(m[2]) : undefined;
      return m && expr !== undefined ? `${m[1]}${expr}` : line;
    })
    .join("\n");
}
