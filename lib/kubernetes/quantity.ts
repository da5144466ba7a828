import { isUnresolved, Problem } from "../core/rules/problem";
import { QUANTITY_SYNTAX, REQUEST_WITHIN_LIMIT } from "./rules";

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
  const number = Number(match[1]);
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
