import { isUnresolved, Problem } from "../core/rules/problem";
import { LIMIT_RANGE_ORDER, QUANTITY_SYNTAX, QUANTITY_VALUE, REQUEST_WITHIN_LIMIT } from "./rules";

/** Kubernetes resource.Quantity syntax: a decimal with an optional binary/decimal SI suffix or exponent. */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const FACTOR: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Parses a Kubernetes quantity into a number (cores or bytes); undefined when not a quantity. */
export function parseQuantity(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const suffix = match[3] ?? "";
  const number = (value.startsWith("-") ? -1 : 1) * Number(match[1]);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * FACTOR[suffix];
}

/** Checks that a value is a Kubernetes quantity such as `500m`, `2`, `4Gi`. */
export function checkQuantity(
  field: string,
  value: string | number | undefined,
  example = "500m",
): Problem | undefined {
  if (value === undefined || typeof value === "number" || isUnresolved(value)) return undefined;
  if (parseQuantity(value) === undefined) {
    return {
      rule: QUANTITY_SYNTAX,
      field,
      value,
      message:
        "must be a Kubernetes quantity (number with optional suffix m, k, M, G, Ki, Mi, Gi, …)",
      example,
    };
  }
  return undefined;
}

/** Checks that a request is not larger than its limit (both quantities). */
export function checkRequestWithinLimit(
  field: string,
  request: string | undefined,
  limit: string | undefined,
): Problem | undefined {
  if (!request || !limit || isUnresolved(request) || isUnresolved(limit)) return undefined;
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  if (r === undefined || l === undefined || r <= l) return undefined;
  return {
    rule: REQUEST_WITHIN_LIMIT,
    field,
    value: { request, limit },
    message: "the request must not exceed the limit",
    example: `request ${limit}, limit ${limit}`,
  };
}

/** Decimal exponents and binary exponents of the quantity suffixes. */
const DECIMAL_EXP: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Whether a quantity is a whole number, computed exactly (no floating point). */
export function isWholeQuantity(value: string): boolean | undefined {
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const [int, frac = ""] = match[1].replace(/^\./, "0.").split(".");
  const suffix = match[3] ?? "";
  const digits = BigInt(`${int}${frac}` || "0");
  let num = digits;
  let den = 10n ** BigInt(frac.length);
  if (suffix in BINARY_EXP) num *= 2n ** BigInt(BINARY_EXP[suffix]);
  else {
    const e = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : DECIMAL_EXP[suffix];
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  return num % den === 0n;
}

/**
 * Resources whose quota or limit is a count of objects (pkg/apis/core/helper
 * IsIntegerResourceName: the standard integer resources and `count/<resource>`).
 */
export function isCountResource(name: string): boolean {
  return (
    name.startsWith("count/") ||
    [
      "pods",
      "services",
      "replicationcontrollers",
      "resourcequotas",
      "secrets",
      "configmaps",
      "persistentvolumeclaims",
      "services.nodeports",
      "services.loadbalancers",
    ].includes(name)
  );
}

/**
 * Checks a ResourceQuota or LimitRange amount as the API server does
 * (validateResourceQuantityValue): not negative, and a whole number for object counts.
 */
export function checkQuantityValue(
  field: string,
  resource: string,
  value: string | number | undefined,
): Problem | undefined {
  if (value === undefined || (typeof value === "string" && isUnresolved(value))) return undefined;
  const text = String(value);
  const n = parseQuantity(text);
  if (n === undefined) return typeof value === "string" ? checkQuantity(field, value) : undefined;
  if (n < 0) {
    return {
      rule: QUANTITY_VALUE,
      field,
      value,
      message: "must be greater than or equal to 0",
      example: isCountResource(resource) ? "50" : "500m",
    };
  }
  if (isCountResource(resource) && !isWholeQuantity(text)) {
    return {
      rule: QUANTITY_VALUE,
      field,
      value,
      message: `${resource} counts objects: it must be a whole number`,
      example: "50",
    };
  }
  return undefined;
}

/**
 * Checks a Container LimitRange the way the API server defaults and validates it
 * (SetDefaults_LimitRangeItem, then ValidateLimitRange): an unset default limit is the max, an
 * unset default request the default limit; then default request ≤ default limit ≤ max.
 */
export function checkLimitRangeOrder(
  field: string,
  limits: {
    defaultLimits?: Record<string, string>;
    defaultRequests?: Record<string, string>;
    max?: Record<string, string>;
  },
): Problem[] {
  const max = limits.max ?? {};
  const def: Record<string, string> = { ...max, ...(limits.defaultLimits ?? {}) };
  const req: Record<string, string> = { ...def, ...(limits.defaultRequests ?? {}) };
  const n = (v: string | undefined) =>
    v === undefined || isUnresolved(v) ? undefined : parseQuantity(v);
  const problems: Problem[] = [];
  const resources = [...new Set([...Object.keys(def), ...Object.keys(req)])].sort();
  for (const r of resources) {
    const [q, d, m] = [n(req[r]), n(def[r]), n(max[r])];
    if (q !== undefined && d !== undefined && q > d) {
      problems.push({
        rule: LIMIT_RANGE_ORDER,
        field: `${field}.defaultRequests.${r}`,
        value: { defaultRequest: req[r], defaultLimit: def[r] },
        message: `the default request must not exceed the default limit${limits.defaultLimits?.[r] === undefined ? " (which is the max when no default limit is set)" : ""}`,
        example: `defaultRequests.${r} ≤ defaultLimits.${r}`,
      });
    } else if (q !== undefined && m !== undefined && q > m) {
      problems.push({
        rule: LIMIT_RANGE_ORDER,
        field: `${field}.defaultRequests.${r}`,
        value: { defaultRequest: req[r], max: max[r] },
        message: "the default request must not exceed the max",
        example: `defaultRequests.${r} ≤ max.${r}`,
      });
    }
    if (d !== undefined && m !== undefined && d > m) {
      problems.push({
        rule: LIMIT_RANGE_ORDER,
        field: `${field}.defaultLimits.${r}`,
        value: { defaultLimit: def[r], max: max[r] },
        message: "the default limit must not exceed the max",
        example: `defaultLimits.${r} ≤ max.${r}`,
      });
    }
  }
  return problems;
}
