// IAM policy documents as the synth writes them: a JSON string, a reference to a
// `data.aws_iam_policy_document`, or (fallback) any other expression, shown as text.
import { type Json, arr, compare, isObject, obj, str } from "./json";
import { type StackIndex, refOf } from "./stack-index";

/** One statement, normalized for reading and diffing. */
export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly principals: string[];
  readonly resources: string[];
  /** `StringEquals <key> = <value>` */
  readonly conditions: string[];
}

/** A parsed policy document; `raw` is set when it could not be read as structured data. */
export interface PolicyDocument {
  readonly statements: Statement[];
  readonly raw?: string;
}

const list = (v: Json): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) =>
    shortExpr(str(x) ?? JSON.stringify(x)),
  );

/** Makes cdktf's long expressions readable: the OIDC issuer, account and partition lookups. */
export function shortExpr(text: string): string {
  return text
    .replace(/\$\{replace\([^{}]*oidc[^{}]*issuer[^{}]*\)\}/g, "<cluster OIDC issuer>")
    .replace(/\$\{[^{}]*oidc[^{}]*issuer[^{}]*\}/g, "<cluster OIDC issuer>")
    .replace(/\$\{data\.aws_partition\.[^{}]+\.partition\}/g, "<partition>")
    .replace(/\$\{data\.aws_caller_identity\.[^{}]+\.account_id\}/g, "<account>");
}

function fromJsonStatements(doc: Json): Statement[] {
  const raw = obj(doc).Statement;
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s) => {
    const st = obj(s);
    const principals: string[] = [];
    const principal = st.Principal;
    if (typeof principal === "string") principals.push(principal);
    for (const [type, ids] of Object.entries(obj(principal)))
      for (const id of list(ids)) principals.push(`${type} ${id}`);
    const conditions: string[] = [];
    for (const [op, entries] of Object.entries(obj(st.Condition)))
      for (const [key, value] of Object.entries(obj(entries)))
        conditions.push(`${op} ${shortExpr(key)} = ${list(value).join(", ")}`);
    return {
      effect: str(st.Effect) ?? "Allow",
      actions: list(st.Action).sort(compare),
      principals: principals.sort(compare),
      resources: list(st.Resource).sort(compare),
      conditions: conditions.sort(compare),
    };
  });
}

/** The statements of a `data.aws_iam_policy_document` body. */
export function documentStatements(body: Json): Statement[] {
  return arr(obj(body).statement).map((s) => {
    const st = obj(s);
    const principals = arr(st.principals).flatMap((p) =>
      list(obj(p).identifiers).map((id) => `${str(obj(p).type) ?? ""} ${id}`),
    );
    const conditions = arr(st.condition).map(
      (c) =>
        `${str(obj(c).test) ?? ""} ${shortExpr(str(obj(c).variable) ?? "")} = ${list(obj(c).values).join(", ")}`,
    );
    return {
      effect: str(st.effect) ?? "Allow",
      actions: list(st.actions).sort(compare),
      principals: principals.sort(compare),
      resources: list(st.resources).sort(compare),
      conditions: conditions.sort(compare),
    };
  });
}

/** Reads a policy attribute (`assume_role_policy`, `policy`). */
export function readPolicy(index: StackIndex, value: Json): PolicyDocument {
  if (isObject(value)) return { statements: fromJsonStatements(value) };
  const text = str(value) ?? "";
  const ref = refOf(text);
  if (ref && ref.attribute === "json") {
    const item = index.get(ref.address);
    if (item && item.type === "aws_iam_policy_document")
      return { statements: documentStatements(item.body) };
  }
  const parsed = parseTemplateJson(text);
  if (isObject(parsed)) return { statements: fromJsonStatements(parsed) };
  return { statements: [], raw: shortExpr(text) };
}

/**
 * JSON.parse of a string that may hold Terraform interpolations (`${…}`) whose inner quotes
 * are not JSON-escaped (as cdktf writes a policy built by string concatenation). Each
 * interpolation is parsed as a unit and put back into the string it was in. Undefined when
 * the text is not JSON, or is a single expression such as `${jsonencode(…)}`.
 */
export function parseTemplateJson(text: string): Json {
  // `${jsonencode({"k" = "v", …})}` (Fn.jsonencode): an HCL object of literals
  const enc = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(text);
  if (enc) return parseTemplateJson(hclObjectToJson(enc[1]));
  const exprs: string[] = [];
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      let depth = 0;
      let quote = false;
      let j = i + 1;
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) {
          if (c === "\\") j++;
          else if (c === '"') quote = false;
        } else if (c === '"') quote = true;
        else if (c === "{") depth++;
        else if (c === "}" && --depth === 0) break;
      }
      if (j >= text.length) return undefined;
      exprs.push(text.slice(i, j + 1));
      out += `@@rp-expr-${exprs.length - 1}@@`;
      i = j;
    } else out += text[i];
  }
  if (exprs.length === 1 && out === "@@rp-expr-0@@") return undefined;
  let parsed: Json;
  try {
    parsed = JSON.parse(out) as Json;
  } catch {
    return undefined;
  }
  const restore = (v: Json): Json => {
    if (typeof v === "string")
      return v.replace(/@@rp-expr-(\d+)@@/g, (_, n: string) => exprs[Number(n)]);
    if (Array.isArray(v)) return v.map(restore);
    if (isObject(v)) {
      const o: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v)) o[restore(k) as string] = restore(x);
      return o;
    }
    return v;
  };
  return restore(parsed);
}

/** One line per statement: `Allow s3:GetObject, s3:PutObject on arn:…`. */
export function statementLines(doc: PolicyDocument): string[] {
  if (doc.raw !== undefined) return [`(expression) ${doc.raw}`];
  return doc.statements.map((s) => {
    const parts = [`${s.effect} ${s.actions.join(", ")}`];
    if (s.principals.length) parts.push(`for ${s.principals.join(", ")}`);
    if (s.resources.length) parts.push(`on ${s.resources.join(", ")}`);
    if (s.conditions.length) parts.push(`when ${s.conditions.join("; ")}`);
    return parts.join(" ");
  });
}

/** Subjects named by `…:sub` conditions (or found in an unreadable expression). */
export function trustSubjects(doc: PolicyDocument): string[] {
  if (doc.raw !== undefined)
    return [...doc.raw.matchAll(/system:serviceaccount:[a-z0-9.*-]+:[a-z0-9.*-]+/g)].map(
      (m) => m[0],
    );
  return doc.statements.flatMap((s) =>
    s.conditions
      .filter((c) => /:sub = /.test(c))
      .flatMap((c) => c.slice(c.indexOf(" = ") + 3).split(", ")),
  );
}

/** `{"k" = "v", "l" = [1]}` -> `{"k": "v", "l": [1]}` (outside strings only). */
function hclObjectToJson(text: string): string {
  let out = "";
  let quote = false;
  let depth = 0; // inside ${…} of a string
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") {
        out += c + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === "$" && text[i + 1] === "{") depth++;
      else if (c === "}" && depth > 0) depth--;
      else if (c === '"' && depth === 0) quote = false;
      out += c;
    } else if (c === '"') {
      quote = true;
      out += c;
    } else out += c === "=" ? ":" : c;
  }
  return out;
}
