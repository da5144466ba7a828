// The JSON a synthesized `data aws_iam_policy_document` renders, for assertions on IAM
// documents the way IAM receives them. Follows the AWS provider's marshalling in
// hashicorp/terraform-provider-aws internal/service/iam/policy_model.go:
// - `policyDecodeConfigStrings`: actions, resources and principal identifiers: one value as
//   a string, several sorted in reverse order;
// - `iamPolicyStatementConditionSet.MarshalJSON`: condition values in the order given, one
//   value flattened to a string; several blocks of one test and variable are merged;
// - empty `Sid`, `Principal`, `Condition` omitted (`json:",omitempty"`).
import type { Json } from "../support/stack";

const strings = (values: string[] | undefined): string | string[] | undefined => {
  if (!values || values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  return [...values].sort().reverse();
};

/** `${data.aws_iam_policy_document.<id>.json}` → the data source's synthesized body. */
export function documentOf(json: Json, reference: string): Json {
  const m = /^\$\{data\.aws_iam_policy_document\.([^.}]+)\.json\}$/.exec(reference);
  if (!m) throw new Error(`not a reference to an aws_iam_policy_document: ${reference}`);
  const body = json.data?.aws_iam_policy_document?.[m[1]];
  if (!body) throw new Error(`no data.aws_iam_policy_document.${m[1]} in the stack`);
  return body;
}

/** The policy a policy attribute (`assume_role_policy`, `policy`) resolves to, as IAM JSON. */
export function policyJson(json: Json, reference: string): Json {
  const body = documentOf(json, reference);
  const statements = (body.statement ?? []).map((s: Json) => {
    const out: Record<string, unknown> = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    if (strings(s.actions)) out.Action = strings(s.actions);
    if (strings(s.not_actions)) out.NotAction = strings(s.not_actions);
    if (strings(s.resources)) out.Resource = strings(s.resources);
    if (strings(s.not_resources)) out.NotResource = strings(s.not_resources);
    if (s.principals?.length) {
      const principal: Record<string, string[]> = {};
      for (const p of s.principals)
        principal[p.type] = [...(principal[p.type] ?? []), ...p.identifiers];
      out.Principal = Object.fromEntries(
        Object.entries(principal).map(([type, ids]) => [type, strings(ids)]),
      );
    }
    if (s.condition?.length) {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of s.condition) {
        condition[c.test] ??= {};
        condition[c.test][c.variable] = [...(condition[c.test][c.variable] ?? []), ...c.values];
      }
      out.Condition = Object.fromEntries(
        Object.entries(condition).map(([test, vars]) => [
          test,
          Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
        ]),
      );
    }
    return out;
  });
  return { Version: body.version, Statement: statements };
}

/** The trust policy of the stack's only `aws_iam_role`, or of the given role body. */
export function trustOf(json: Json, role?: Json): Json {
  const r = role ?? Object.values(json.resource.aws_iam_role)[0];
  return policyJson(json, r.assume_role_policy);
}
