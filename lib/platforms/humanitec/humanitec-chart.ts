import { isUnresolved, Problem } from "../../core/rules/problem";
import { ChartSource } from "../../release/chart-source";
import { CHART_GENERATION } from "./rules";

/** Humanitec's chart registry. */
export const HUMANITEC_CHART_REGISTRY = "oci://ghcr.io/humanitec/charts";
/** Humanitec's chart (a self-hosted registry must use the same name). Values under `humanitec.*`. */
export const HUMANITEC_CHART_NAME = "humanitec-kubernetes-agent-runner";
/** The open-source Platform Orchestrator's chart registry. */
export const PLATFORM_ORCHESTRATOR_CHART_REGISTRY = "oci://ghcr.io/stellwerk-labs/charts";
/**
 * The open-source Platform Orchestrator's chart (`stellwerk-labs/platform-orchestrator-runner`,
 * derived from Humanitec's). Values under `platformOrchestrator.*`; has a `values.schema.json`.
 */
export const PLATFORM_ORCHESTRATOR_CHART_NAME = "platform-orchestrator-kubernetes-agent-runner";

/** How the agent talks to the Orchestrator; each is one chart generation. */
export type HumanitecTransportType = "private-key" | "nats" | "gateway";

/** One chart generation: a chart, a transport and the chart versions that take its values. */
export interface HumanitecChartGeneration {
  readonly chart: string;
  readonly transport: HumanitecTransportType;
  /** Lowest supported version (inclusive), [major, minor, patch]. */
  readonly from: readonly [number, number, number];
  /** First unsupported version (exclusive). */
  readonly below: readonly [number, number, number];
}

/**
 * The supported generations. Humanitec's chart takes the private-key values only (the
 * official module drove it with those up to its v1.x); the Platform Orchestrator chart has
 * one generation per minor version: 0.1 private key over HTTP, 0.2 NATS transport
 * (docs/releases/chart-v0.2.0.md), 0.3 the HTTPS gateway (docs/releases/chart-v0.3.0.md).
 */
export const HUMANITEC_CHART_GENERATIONS: readonly HumanitecChartGeneration[] = [
  { chart: HUMANITEC_CHART_NAME, transport: "private-key", from: [0, 1, 0], below: [0, 2, 0] },
  {
    chart: PLATFORM_ORCHESTRATOR_CHART_NAME,
    transport: "private-key",
    from: [0, 1, 0],
    below: [0, 2, 0],
  },
  { chart: PLATFORM_ORCHESTRATOR_CHART_NAME, transport: "nats", from: [0, 2, 0], below: [0, 3, 0] },
  {
    chart: PLATFORM_ORCHESTRATOR_CHART_NAME,
    transport: "gateway",
    from: [0, 3, 0],
    below: [0, 4, 0],
  },
];

/** `>=0.2.0 <0.3.0`. */
export function rangeOf(g: HumanitecChartGeneration): string {
  return `>=${g.from.join(".")} <${g.below.join(".")}`;
}

/** What a chart made by {@link HumanitecAgentRunner.chart} or `.platformOrchestratorChart` is. */
export interface KnownChart {
  readonly chart: string;
  readonly version: string;
}

const known = new WeakMap<ChartSource, KnownChart>();

/** A pinned OCI chart, remembered so its name and version can be checked. */
export function knownChart(registry: string, chart: string, version: string): ChartSource {
  const source = ChartSource.fromOci(registry, chart, version);
  known.set(source, { chart, version });
  return source;
}

/** Name and version of a chart made here; undefined for other sources (local paths, …). */
export function describeChart(source: ChartSource): KnownChart | undefined {
  return known.get(source);
}

function parse(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The chart's name for values: which top-level key holds org and runner id.
 * Humanitec's chart: `humanitec`; the Platform Orchestrator chart: `platformOrchestrator`.
 */
export function valuesKeyOf(chart: string | undefined): "humanitec" | "platformOrchestrator" {
  return chart === PLATFORM_ORCHESTRATOR_CHART_NAME ? "platformOrchestrator" : "humanitec";
}

/** The chart version must lie in the range of the chosen transport's generation of that chart. */
export function checkChartGeneration(
  source: ChartSource,
  transport: HumanitecTransportType,
): Problem | undefined {
  const c = describeChart(source);
  if (!c) {
    // A local or foreign chart: only the transports of Humanitec's or the PO chart make sense,
    // the version cannot be read.
    return undefined;
  }
  const ofChart = HUMANITEC_CHART_GENERATIONS.filter((g) => g.chart === c.chart);
  const wanted = ofChart.find((g) => g.transport === transport);
  const ranges = ofChart.map((g) => `${g.transport} ${rangeOf(g)}`).join("; ");
  if (!wanted) {
    return {
      rule: CHART_GENERATION,
      field: "transport.type",
      value: transport,
      message: `chart ${c.chart} has no ${transport} generation (supported: ${ranges})`,
      example: `HumanitecAgentRunner.platformOrchestratorChart("0.3.0") for transport "gateway"`,
    };
  }
  if (isUnresolved(c.version)) return undefined;
  const v = parse(c.version);
  if (v && compare(v, wanted.from) >= 0 && compare(v, wanted.below) < 0) return undefined;
  const fitting = v
    ? ofChart.find((g) => compare(v, g.from) >= 0 && compare(v, g.below) < 0)
    : undefined;
  return {
    rule: CHART_GENERATION,
    field: "chart.version",
    value: c.version,
    message: fitting
      ? `chart ${c.chart} ${c.version} is the ${fitting.transport} generation, but transport is ${transport} (needs ${rangeOf(wanted)}; supported: ${ranges})`
      : `chart ${c.chart} ${c.version} is outside every supported range (${ranges})`,
    example: `"${wanted.from.join(".")}"`,
  };
}
