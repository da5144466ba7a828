// The one set of test helpers: stacks, synth, resources, rule findings.
import { App, TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { IConstruct } from "constructs";
import { Rules, type Finding } from "../../lib/core/rules/report";

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Parsed synthesized JSON (loosely typed: tests index into it freely). */
export type Json = any;

/**
 * A stack in a fresh test app (stack traces off, as the default app). With
 * `providers: true` (default) it has kubernetes + helm providers from a kubeconfig.
 */
export function newStack(id = "test", options: { providers?: boolean } = {}): TerraformStack {
  const app: App = Testing.app({ stackTraces: false });
  const stack = new TerraformStack(app, id);
  if (options.providers !== false) {
    new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
    new HelmProvider(stack, "helm", { kubernetes: { configPath: "~/.kube/config" } });
  }
  return stack;
}

/** The synthesized stack as parsed JSON (validations not run). */
export function synthJson(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack));
}

/** Synthesizes with validations and returns the error text ("" when valid). */
export function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** All resources (or data sources) of one type, by logical id. */
export function ofType(
  json: Json,
  type: string,
  kind: "resource" | "data" = "resource",
): Record<string, Json> {
  return json?.[kind]?.[type] ?? {};
}

/** All resources of one type, as a list. */
export function resourcesOf(json: Json, type: string): Json[] {
  return Object.values(ofType(json, type));
}

/** The single resource (or data source) of a type; fails when there are none or several. */
export function onlyResource(
  json: Json,
  type: string,
  kind: "resource" | "data" = "resource",
): Json {
  const all = Object.values(ofType(json, type, kind));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Logical id of the single resource of a type. */
export function onlyResourceId(json: Json, type: string): string {
  const ids = Object.keys(ofType(json, type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
}

/** Every rule finding in a construct's subtree; with `ruleId`, only that rule's. */
export function findingsOf(scope: IConstruct, ruleId?: string): Finding[] {
  return Rules.findings(scope).filter((f) => ruleId === undefined || f.problem.rule.id === ruleId);
}

/** The ids of the rules with findings in a subtree (sorted, unique), optionally of one status. */
export function ruleIdsOf(scope: IConstruct, status?: Finding["status"]): string[] {
  const ids = Rules.findings(scope)
    .filter((f) => status === undefined || f.status === status)
    .map((f) => f.problem.rule.id);
  return [...new Set(ids)].sort();
}

/** Warning messages (formatted, with construct path) of a subtree. */
export function warningsOf(scope: IConstruct): string[] {
  return Rules.findings(scope)
    .filter((f) => f.status === "warning")
    .map((f) => `[${f.path}] ${f.problem.field}: ${f.problem.message}`);
}

/** The stack's `//.metadata.runnerPoolsRules` (warnings, suppressions), as `cdk.tf.json` holds it. */
export function rulesMetadataOf(stack: TerraformStack): Json {
  return (stack.toTerraform() as Json)["//"]?.metadata?.runnerPoolsRules;
}
