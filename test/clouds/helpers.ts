// Shared helpers of the cloud identity and cloud stack tests.
import { App, TerraformStack, Testing } from "cdktf";
import { ChartSource } from "../../lib/release/chart-source";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

/** A fresh app and an empty stack. */
export function newStack(id = "test"): { app: App; stack: TerraformStack } {
  const app = Testing.app({ stackTraces: false });
  return { app, stack: new TerraformStack(app, id) };
}

/** Synthesizes the stack (without validations) and parses the JSON. */
export function synthJson(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack));
}

/** All resources (or data sources) of one type, by logical id. */
export function ofType(
  json: Json,
  type: string,
  kind: "resource" | "data" = "resource",
): Record<string, Json> {
  return json[kind]?.[type] ?? {};
}

/** The single resource of a type; fails when there are none or several. */
export function single(json: Json, type: string, kind: "resource" | "data" = "resource"): Json {
  const all = Object.values(ofType(json, type, kind));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Logical id of the single resource of a type. */
export function singleId(json: Json, type: string): string {
  const ids = Object.keys(ofType(json, type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
}

/** Runs the validations and returns the error text ("" when synth succeeds). */
export function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A runner platform whose one service account (`runner`) is bound to the pool's identity. */
export function boundRunner(
  options: { podLabelsValuesPath?: string; name?: string } = {},
): CustomChartRunner {
  return new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    values: { rbac: { create: false }, serviceAccount: { create: false } },
    podLabelsValuesPath: options.podLabelsValuesPath,
    serviceAccounts: [
      {
        id: "Runner",
        name: options.name ?? "runner",
        valuesPath: "serviceAccount.name",
        bindIdentity: true,
      },
    ],
  });
}
