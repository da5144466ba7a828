import { isUnresolved } from "../../core/rules/problem";
import { KubiyaNats, NATS_DEFAULT_PORT } from "./kubiya-runner-props";

/** NATS server URLs the client dials: scheme, host, optional port. */
export const NATS_URL_PATTERN = /^(tls|nats|wss?):\/\/([^/:\s]+)(:(\d+))?\/?$/;

/**
 * The TCP port the NATS egress policy opens: `nats.port`, else the URL's port, else the NATS
 * default; undefined for ws(s):// without a port (443/80, covered by the HTTPS rule).
 */
export function natsPort(nats: KubiyaNats, serverUrl: string): number | undefined {
  if (nats.port !== undefined) return nats.port;
  if (isUnresolved(serverUrl)) return NATS_DEFAULT_PORT;
  const match = NATS_URL_PATTERN.exec(serverUrl);
  if (!match) return NATS_DEFAULT_PORT;
  if (match[4]) return Number(match[4]);
  return match[1].startsWith("ws")
    ? undefined /* 443/80: covered by the HTTPS rule */
    : NATS_DEFAULT_PORT;
}
