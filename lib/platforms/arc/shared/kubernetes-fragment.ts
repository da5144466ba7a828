/** A free-form Kubernetes object fragment (a `Volume`, a `Container`, an `Affinity`, a PVC spec). */
export type KubernetesFragment = { [key: string]: unknown };
