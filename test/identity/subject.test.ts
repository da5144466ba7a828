import {
  checkRestriction,
  checkSubject,
  checkSubjectAllowed,
  subjectClaim,
} from "../../lib/identity/subject";
import type { Problem } from "../../lib/core/rules/problem";

const fields = (problems: Problem[]) => problems.map((p) => `${p.field}: ${p.message}`);
const ids = (problems: Problem[]) => problems.map((p) => p.rule.id);

describe("service account subjects", () => {
  test("the claim is system:serviceaccount:<ns>:<name>", () => {
    expect(subjectClaim({ namespace: "ci", name: "runner" })).toBe(
      "system:serviceaccount:ci:runner",
    );
  });

  test("a plain namespace and name pass", () => {
    expect(checkSubject("s", { namespace: "ci-runners", name: "gitlab-runner.v2" })).toEqual([]);
  });

  test.each([
    [
      { namespace: "*", name: "runner" },
      /^s\.namespace: wildcards are refused/,
      "IDENTITY-SUBJECT-WILDCARD",
    ],
    [
      { namespace: "ci", name: "runner-?" },
      /^s\.name: wildcards are refused/,
      "IDENTITY-SUBJECT-WILDCARD",
    ],
    [
      { namespace: "", name: "runner" },
      /^s\.namespace: must not be empty/,
      "IDENTITY-SUBJECT-REQUIRED",
    ],
    [
      { namespace: "CI", name: "runner" },
      /^s\.namespace: must be a DNS-1123 label/,
      "K8S-NAME-DNS1123-LABEL",
    ],
    [
      { namespace: "n".repeat(64), name: "runner" },
      /^s\.namespace: must be at most 63 characters/,
      "K8S-NAME-DNS1123-LABEL",
    ],
    [
      { namespace: "ci", name: "Runner" },
      /^s\.name: must be a DNS-1123 subdomain/,
      "K8S-NAME-DNS1123-SUBDOMAIN",
    ],
    [
      { namespace: "ci", name: "system:serviceaccount:ci:x" },
      /^s\.name: must be a DNS-1123 subdomain/,
      "K8S-NAME-DNS1123-SUBDOMAIN",
    ],
  ])("%j is refused", (subject, pattern, ruleId) => {
    const problems = checkSubject("s", subject);
    expect(problems).toHaveLength(1);
    expect(fields(problems)[0]).toMatch(pattern);
    expect(ids(problems)).toEqual([ruleId]);
  });

  test("a restriction on namespace and name", () => {
    const r = { namespace: "ci", serviceAccountName: "runner" };
    expect(checkSubjectAllowed("s", { namespace: "ci", name: "runner" }, r)).toEqual([]);
    expect(fields(checkSubjectAllowed("s", { namespace: "ops", name: "jobs" }, r))).toEqual([
      expect.stringMatching(/^s\.namespace: the identity is restricted to namespace "ci"/),
      expect.stringMatching(/^s\.name: the identity is restricted to service account "runner"/),
    ]);
    expect(ids(checkSubjectAllowed("s", { namespace: "ops", name: "jobs" }, r))).toEqual([
      "IDENTITY-SUBJECT-RESTRICTION",
      "IDENTITY-SUBJECT-RESTRICTION",
    ]);
    expect(checkSubjectAllowed("s", { namespace: "ops", name: "jobs" }, undefined)).toEqual([]);
  });

  test("a restriction must itself name one namespace / account", () => {
    expect(checkRestriction("restrictTo", { namespace: "ci" })).toEqual([]);
    expect(
      fields(checkRestriction("restrictTo", { namespace: "ci-*", serviceAccountName: "" })),
    ).toEqual([
      expect.stringMatching(/^restrictTo\.namespace: wildcards are refused/),
      expect.stringMatching(/^restrictTo\.serviceAccountName: must not be empty/),
    ]);
  });
});
