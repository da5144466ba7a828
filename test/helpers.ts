import { App, TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Construct } from "constructs";
import type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "../lib/identity/workload-identity";

/** A stack with kubernetes + helm providers configured, in a fresh test app. */
export function newStack(id = "test"): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, id);
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  new HelmProvider(stack, "helm", { kubernetes: { configPath: "~/.kube/config" } });
  return stack;
}

/** The synthesized stack as parsed JSON (validations not run). */
export function synthJson(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/** Synthesizes with validations and returns the error message ("" when valid). */
export function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Loose shape of a synthesized stack. */
export interface SynthJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
  variable?: Record<string, Record<string, unknown>>;
}

/** All resources of one type, as a list. */
export function resourcesOf(json: SynthJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyResource(json: SynthJson, type: string): Record<string, unknown> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** A fake identity that records the subjects it was asked to bind. */
export class FakeIdentity implements WorkloadIdentity {
  public readonly kind = "fake";
  public readonly subjects: ServiceAccountSubject[] = [];
  constructor(private readonly podLabels: Record<string, string> = {}) {}
  public bind(_scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    this.subjects.push(subject);
    return {
      serviceAccountAnnotations: { "example.com/identity": `${subject.namespace}.${subject.name}` },
      podLabels: this.podLabels,
    };
  }
}
