import { TerraformStack, Testing } from "cdktf";

/** Synthesizes with validations and returns the error text ("" when valid). */
export function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Synthesized resources of one type, by name. */
export function resourcesOf(
  stack: TerraformStack,
  type: string,
): Record<string, Record<string, unknown>> {
  return (JSON.parse(Testing.synth(stack)).resource?.[type] ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
}
