/**
 * Security contexts that satisfy the Pod Security Standards `restricted` profile, for the
 * ARC pods this library configures (controllers, listeners, non-privileged runners).
 */
export const RESTRICTED_POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
} as const;

/** Container-level half of the `restricted` profile. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
} as const;

/** Deep, mutable copy of a constant (Helm values are plain data). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
