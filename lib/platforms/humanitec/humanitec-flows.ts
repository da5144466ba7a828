import { Construct } from "constructs";
import type { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import type { NetworkFlow } from "../../kubernetes/flows/network-flow";
import { isUnresolved } from "../../core/rules/problem";
import type { RunnerNamespace } from "../../kubernetes/runner-namespace";
import type { HumanitecRunnerTransport } from "./humanitec-agent-runner-props";

/** The NATS client port when the URL names none. */
export const NATS_DEFAULT_PORT = 4222;

/** nats:// and tls:// URLs (what the NATS transport dials). */
export const NATS_URL = /^(nats|tls):\/\/([^/:\s]+|\[[^\]\s]+\])(?::(\d+))?\/?$/;
/** https URLs (what the gateway transport calls). */
export const GATEWAY_URL = /^https:\/\/([^/:\s]+|\[[^\]\s]+\])(?::(\d+))?(\/\S*)?$/;

/**
 * The TCP port the transport needs beyond the pool's DNS + 443 egress: the NATS port (URL's,
 * else 4222), or a gateway port other than 443. Undefined when 443 is enough.
 */
export function transportPort(t: HumanitecRunnerTransport): number | undefined {
  if (t.type === "nats") {
    if (isUnresolved(t.url)) return NATS_DEFAULT_PORT;
    const m = NATS_URL.exec(t.url);
    return m?.[3] ? Number(m[3]) : NATS_DEFAULT_PORT;
  }
  if (t.type === "gateway" && !isUnresolved(t.url)) {
    const m = GATEWAY_URL.exec(t.url);
    return m?.[2] && m[2] !== "443" ? Number(m[2]) : undefined;
  }
  return undefined;
}

/** The transport's flow (egress to its port), or undefined when 443 is enough. */
export function transportFlow(t: HumanitecRunnerTransport): NetworkFlow | undefined {
  const port = transportPort(t);
  if (port === undefined) return undefined;
  return {
    name: `humanitec-${t.type}`,
    direction: "egress",
    policyName: `humanitec-allow-egress-${t.type}`,
    component: "Humanitec agent and job pods",
    rules: [{ ports: [{ port }] }],
    reason: `the agent (and jobs) reach the Orchestrator's ${t.type} transport on port ${port}`,
  };
}

/**
 * The declared flows of the transport, as allow-policies on top of the pools' deny-by-default
 * sets: egress to the transport port from the agent's namespace (`AllowTransportEgress`) and
 * from the jobs namespace (`AllowJobsTransportEgress`): chart 0.2 hands jobs the NATS endpoint,
 * and jobs upload their results through the gateway in 0.3.
 */
export function addTransportFlows(
  scope: Construct,
  t: HumanitecRunnerTransport,
  runnerNs: RunnerNamespace,
  jobsNs: RunnerNamespace,
  labels: Readonly<Record<string, string>>,
): NetworkPolicyV1[] {
  const flow = transportFlow(t);
  if (flow === undefined) return [];
  const spaces: [string, RunnerNamespace][] = [["AllowTransportEgress", runnerNs]];
  if (jobsNs.name !== runnerNs.name) spaces.push(["AllowJobsTransportEgress", jobsNs]);
  return spaces
    .map(([id, ns]) =>
      ns.networkPolicies?.addFlow(flow, { source: "platform", scope, id, labels, exact: true }),
    )
    .filter((p): p is NetworkPolicyV1 => p !== undefined);
}
