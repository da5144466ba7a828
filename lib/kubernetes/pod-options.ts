import { sortKeys } from "../core/labels";
import { isUnresolved, Problem } from "../core/rules/problem";
import { detectSecrets } from "../core/secrets/detectors";
import { SECRET_ENV_LITERAL, SECRET_LITERAL } from "../core/secrets/rules";
import { EnvValue } from "./env-value";
import { checkQuantity, checkRequestWithinLimit } from "./quantity";
import {
  ENV_NAME,
  ENV_VALUE_OR_SECRET,
  TOLERATION_EXISTS_VALUE,
  TOLERATION_SECONDS_EFFECT,
  TOLERATION_SECONDS_WHOLE,
} from "./rules";

/** Container resource requests and limits, e.g. `{ requests: { cpu: "1", memory: "2Gi" } }`. */
export interface ResourceRequirements {
  /** Minimum reserved per container. @default none */
  readonly requests?: Record<string, string>;
  /** Maximum per container. @default none */
  readonly limits?: Record<string, string>;
}

/** A pod toleration (Kubernetes `Toleration`). */
export interface Toleration {
  /** Taint key; empty with `Exists` tolerates everything. @default all keys */
  readonly key?: string;
  /** `Equal` or `Exists`. @default "Equal" */
  readonly operator?: "Equal" | "Exists";
  /** Taint value (with `Equal`). @default none */
  readonly value?: string;
  /** Effect tolerated. @default all effects */
  readonly effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  /** With `NoExecute`: seconds the pod stays bound after the taint appears. @default forever */
  readonly tolerationSeconds?: number;
}

/** A topology spread constraint (Kubernetes `TopologySpreadConstraint`). */
export interface TopologySpreadConstraint {
  /** Allowed skew between topology domains (≥ 1). */
  readonly maxSkew: number;
  /** Node label that defines domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /** What to do when the constraint cannot be met. */
  readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  /** Pods counted, by label. @default the runner pods' labels are not assumed: set it */
  readonly matchLabels?: Record<string, string>;
}

/** An environment variable: a plain value, or a key of an existing Secret. */
export interface EnvVar {
  /** Variable name. */
  readonly name: string;
  /**
   * The value: a plain literal (a string, or `EnvValue.fromValue`), never a secret, or
   * `EnvValue.fromSecret({ secretName, key })`. A literal that holds a credential fails synth.
   * @default "" unless `secretKeyRef` is set
   */
  readonly value?: string | EnvValue;
  /** Read the value from an existing Secret (same as `value: EnvValue.fromSecret(…)`). @default - not from a Secret */
  readonly secretKeyRef?: { readonly name: string; readonly key: string };
}

/** The Secret key an env var reads, if any (from `secretKeyRef` or `EnvValue.fromSecret`). */
function secretSourceOf(
  e: EnvVar,
): { readonly name: string; readonly key: string; readonly optional?: boolean } | undefined {
  if (e.value instanceof EnvValue && e.value.secret) {
    const s = e.value.secret;
    return { name: s.secretName, key: s.key, optional: s.optional };
  }
  return e.secretKeyRef;
}

/** The literal an env var holds, if it has one. */
function literalOf(e: EnvVar): string | undefined {
  return e.value instanceof EnvValue ? e.value.value : e.value;
}

/** A volume mount. */
export interface VolumeMount {
  /** Volume name. */
  readonly name: string;
  /** Path in the container. */
  readonly mountPath: string;
  /** Mount read-only. @default false */
  readonly readOnly?: boolean;
  /** Sub-path in the volume. @default the volume root */
  readonly subPath?: string;
}

/** Renders resources with sorted keys (undefined when empty). */
export function renderResources(
  r: ResourceRequirements | undefined,
): Record<string, unknown> | undefined {
  if (!r || (!r.requests && !r.limits)) return undefined;
  return {
    limits: r.limits ? sortKeys(r.limits) : undefined,
    requests: r.requests ? sortKeys(r.requests) : undefined,
  };
}

/** Renders tolerations in Kubernetes shape. */
export function renderTolerations(
  t: readonly Toleration[] | undefined,
): Record<string, unknown>[] | undefined {
  return t?.map((x) => ({ ...x }));
}

/** Renders topology spread constraints in Kubernetes shape. */
export function renderTopologySpread(
  c: readonly TopologySpreadConstraint[] | undefined,
): Record<string, unknown>[] | undefined {
  return c?.map((x) => ({
    maxSkew: x.maxSkew,
    topologyKey: x.topologyKey,
    whenUnsatisfiable: x.whenUnsatisfiable,
    labelSelector: x.matchLabels ? { matchLabels: sortKeys(x.matchLabels) } : undefined,
  }));
}

/** Renders env vars in Kubernetes shape. */
export function renderEnv(
  env: readonly EnvVar[] | undefined,
): Record<string, unknown>[] | undefined {
  return env?.map((e) => {
    const secret = secretSourceOf(e);
    return secret
      ? {
          name: e.name,
          valueFrom: {
            secretKeyRef: {
              name: secret.name,
              key: secret.key,
              ...(secret.optional !== undefined ? { optional: secret.optional } : {}),
            },
          },
        }
      : { name: e.name, value: literalOf(e) ?? "" };
  });
}

/** Checks resources (quantities, request ≤ limit). */
export function checkResources(
  field: string,
  r: ResourceRequirements | undefined,
): (Problem | undefined)[] {
  if (!r) return [];
  return [
    ...Object.entries(r.requests ?? {}).map(([k, v]) => checkQuantity(`${field}.requests.${k}`, v)),
    ...Object.entries(r.limits ?? {}).map(([k, v]) => checkQuantity(`${field}.limits.${k}`, v)),
    ...Object.keys(r.requests ?? {}).map((k) =>
      checkRequestWithinLimit(`${field}.${k}`, r.requests?.[k], r.limits?.[k]),
    ),
  ];
}

/** Checks tolerations: `Exists` has no value; `tolerationSeconds` only with `NoExecute`, whole and ≥ 0. */
export function checkTolerations(field: string, t: readonly Toleration[] | undefined): Problem[] {
  const out: Problem[] = [];
  (t ?? []).forEach((x, i) => {
    if (x.operator === "Exists" && x.value !== undefined && x.value !== "") {
      out.push({
        field: `${field}[${i}].value`,
        rule: TOLERATION_EXISTS_VALUE,
        value: x.value,
        message: "a toleration with operator Exists must not set a value",
        example: '{ key: "ci", operator: "Exists", effect: "NoSchedule" }',
      });
    }
    if (x.tolerationSeconds !== undefined && !isUnresolved(x.tolerationSeconds)) {
      if (x.effect !== "NoExecute") {
        out.push({
          field: `${field}[${i}].tolerationSeconds`,
          rule: TOLERATION_SECONDS_EFFECT,
          value: x.tolerationSeconds,
          message: "only allowed with effect NoExecute (Kubernetes rejects it otherwise)",
          example:
            '{ key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 }',
        });
      }
      if (!Number.isInteger(x.tolerationSeconds) || x.tolerationSeconds < 0) {
        out.push({
          field: `${field}[${i}].tolerationSeconds`,
          rule: TOLERATION_SECONDS_WHOLE,
          value: x.tolerationSeconds,
          message: "must be a whole number of seconds ≥ 0",
          example: "120",
        });
      }
    }
  });
  return out;
}

/** Env var names that hold credentials (…_TOKEN, …_PASSWORD, GH_PAT, …). */
const SECRET_ENV_NAME =
  /(^|[_.-])(TOKEN|PASSWORD|PASSWD|SECRET|PRIVATE_KEY|API_KEY|ACCESS_KEY|SECRET_KEY|CLIENT_SECRET|CREDENTIALS?|PAT|JWT|BEARER)$/i;

/**
 * Checks env vars: a C-identifier-like name, one of value / secretKeyRef, and no credential as
 * a plain value (a secret format anywhere, or any literal under a credential's name).
 */
export function checkEnv(field: string, env: readonly EnvVar[] | undefined): Problem[] {
  const out: Problem[] = [];
  (env ?? []).forEach((e, i) => {
    if (!isUnresolved(e.name) && !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(e.name)) {
      out.push({
        field: `${field}[${i}].name`,
        rule: ENV_NAME,
        value: e.name,
        message:
          "must be an environment variable name (letters, digits, '_', '-', '.', not starting with a digit)",
        example: '"RUNNER_FEATURE_FLAG"',
      });
    }
    const literal = literalOf(e);
    const at = `${field}[${i}].value`;
    if (literal !== undefined && !isUnresolved(literal)) {
      const found = detectSecrets(literal);
      if (found.length > 0) {
        out.push({
          field: at,
          rule: SECRET_LITERAL,
          value: literal,
          redact: true,
          message: `holds a credential (${found[0].rule}) as a plain value, which would be written into the output; read it from a Secret`,
          example: `{ name: "${e.name}", value: EnvValue.fromSecret({ secretName: "runner-secrets", key: "${e.name.toLowerCase()}" }) }`,
        });
      } else if (literal !== "" && SECRET_ENV_NAME.test(e.name)) {
        out.push({
          field: at,
          rule: SECRET_ENV_LITERAL,
          value: literal,
          redact: true,
          message: `${e.name} names a credential, but its value is a plain literal, which would be written into the output; read it from a Secret`,
          example: `{ name: "${e.name}", value: EnvValue.fromSecret({ secretName: "runner-secrets", key: "${e.name.toLowerCase()}" }) }`,
        });
      }
    }
    if (e.value !== undefined && e.secretKeyRef !== undefined) {
      out.push({
        field: `${field}[${i}]`,
        rule: ENV_VALUE_OR_SECRET,
        value: e.name,
        message: "set value or secretKeyRef, not both",
        example: '{ name: "TOKEN", secretKeyRef: { name: "ci-secrets", key: "token" } }',
      });
    }
  });
  return out;
}
