import {
  NAME_DNS1123_LABEL,
  NAME_DNS1123_SUBDOMAIN,
  NAME_LABEL_VALUE,
  NAME_METADATA_KEY,
} from "./name-rules";
import { isUnresolved, Problem } from "./rules/problem";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Checks a Kubernetes DNS-1123 label (namespaces, service names, Helm release names):
 * lower-case alphanumerics and '-', starting and ending alphanumeric.
 * @param maxLength 63 for most objects; 53 for Helm release names; 45 for ARC scale sets.
 */
export function checkDns1123Label(
  field: string,
  value: string | undefined,
  maxLength = 63,
  example = "ci-runners",
): Problem | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (value.length === 0)
    return { rule: NAME_DNS1123_LABEL, field, value, message: "must not be empty", example };
  if (value.length > maxLength) {
    return {
      rule: NAME_DNS1123_LABEL,
      field,
      value,
      message: `must be at most ${maxLength} characters (has ${value.length})`,
      example,
    };
  }
  if (!DNS1123_LABEL.test(value)) {
    return {
      rule: NAME_DNS1123_LABEL,
      field,
      value,
      message:
        "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit",
      example,
    };
  }
  return undefined;
}

/** Checks a DNS-1123 subdomain (≤ 253, dot-separated labels): most other object names. */
export function checkDns1123Subdomain(
  field: string,
  value: string | undefined,
  example = "runner-token",
): Problem | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (value.length === 0)
    return { rule: NAME_DNS1123_SUBDOMAIN, field, value, message: "must not be empty", example };
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    return {
      rule: NAME_DNS1123_SUBDOMAIN,
      field,
      value,
      message:
        "must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
      example,
    };
  }
  return undefined;
}

/** Checks Kubernetes label or annotation keys (`prefix/name`), and label values when `kind` is "label". */
export function checkMetadataMap(
  field: string,
  map: Record<string, string> | undefined,
  kind: "label" | "annotation",
): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(map ?? {})) {
    if (isUnresolved(key)) continue;
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const badPrefix =
      prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix));
    if (badPrefix || name.length > 63 || !QUALIFIED_NAME.test(name)) {
      problems.push({
        rule: NAME_METADATA_KEY,
        field: `${field}.${key}`,
        value: key,
        message: `${kind} keys are an optional DNS subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric`,
        example: "example.com/team",
      });
    }
    if (
      kind === "label" &&
      !isUnresolved(value) &&
      (value.length > 63 || !LABEL_VALUE.test(value))
    ) {
      problems.push({
        rule: NAME_LABEL_VALUE,
        field: `${field}.${key}`,
        value,
        message:
          "label values are at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric (or empty)",
        example: "platform-team",
      });
    }
  }
  return problems;
}
