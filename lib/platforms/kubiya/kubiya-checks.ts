import { checkDns1123Label } from "../../core/names";
import { isUnresolved, Problem } from "../../core/rules/problem";
import type { KubiyaRunnerProps } from "./kubiya-runner-props";
import { NATS_URL_PATTERN } from "./nats";
import {
  NATS_PORT,
  NATS_SERVER_URL,
  NATS_SUBJECT,
  ORGANIZATION,
  PRIVATE_KEY_AS_CERTIFICATE,
  REGISTRY_CERTIFICATE_PEM,
  RUNNER_UUID,
  TELEMETRY_URL_HTTPS,
} from "./rules";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Names the checks need besides the props. */
export interface KubiyaCheckInput {
  readonly runnerName: string;
  readonly releaseName: string;
  readonly serverUrl: string;
}

/** Everything wrong with a {@link KubiyaRunner}'s input. */
export function checkKubiyaRunner(
  p: KubiyaRunnerProps,
  input: KubiyaCheckInput,
): (Problem | undefined)[] {
  const { serverUrl } = input;
  const problems: (Problem | undefined)[] = [
    !isUnresolved(p.organization) && p.organization.trim() === ""
      ? {
          rule: ORGANIZATION,
          field: "organization",
          value: p.organization,
          message: "must not be empty",
          example: '"my-org"',
        }
      : undefined,
    !isUnresolved(p.uuid) && !UUID.test(p.uuid)
      ? {
          rule: RUNNER_UUID,
          field: "uuid",
          value: p.uuid,
          message: "must be a UUID (8-4-4-4-12 hex digits)",
          example: '"f47ac10b-58cc-4372-a567-0e02b2c3d479"',
        }
      : undefined,
    checkDns1123Label("runnerName", input.runnerName, 53, "production-runner"),
    checkDns1123Label("releaseName", input.releaseName, 53, "production-runner"),
    !isUnresolved(p.nats.subject) && p.nats.subject.trim() === ""
      ? {
          rule: NATS_SUBJECT,
          field: "nats.subject",
          value: p.nats.subject,
          message: "must not be empty (issued with the runner)",
          example: '"kubiya.metrics.my-org.production-runner"',
        }
      : undefined,
    !isUnresolved(serverUrl) && !NATS_URL_PATTERN.test(serverUrl)
      ? {
          rule: NATS_SERVER_URL,
          field: "nats.serverUrl",
          value: serverUrl,
          message: "must be a NATS URL: tls://, nats:// or ws(s):// host and optional port",
          example: '"tls://connect.ngs.global"',
        }
      : undefined,
    p.nats.port !== undefined &&
    (!Number.isInteger(p.nats.port) || p.nats.port < 1 || p.nats.port > 65535)
      ? {
          rule: NATS_PORT,
          field: "nats.port",
          value: p.nats.port,
          message: "must be an integer from 1 to 65535",
          example: "4222",
        }
      : undefined,
    ...(p.metrics?.scrapeFromNamespaces ?? []).map((name, i) =>
      checkDns1123Label(`metrics.scrapeFromNamespaces[${i}]`, name, 63, "monitoring"),
    ),
    checkCertificate(p.registryTls.certificateBase64),
  ];
  if (p.telemetry) {
    for (const field of ["remoteWriteUrl", "tokenUrl"] as const) {
      const url = p.telemetry[field];
      if (!isUnresolved(url) && !/^https:\/\/\S+$/.test(url)) {
        problems.push({
          rule: TELEMETRY_URL_HTTPS,
          field: `telemetry.${field}`,
          value: url,
          message: "must be an https URL",
          example: '"https://example.com/api/v1/write"',
        });
      }
    }
  }
  return problems;
}

function checkCertificate(base64: string): Problem | undefined {
  if (isUnresolved(base64)) return undefined;
  const pem = Buffer.from(base64, "base64").toString("utf8");
  if (/PRIVATE KEY/.test(pem) || /PRIVATE KEY/.test(base64)) {
    return {
      rule: PRIVATE_KEY_AS_CERTIFICATE,
      field: "registryTls.certificateBase64",
      value: base64,
      redact: true,
      message:
        "holds a private key; only the certificate goes here, the key goes to keyBase64 (a SensitiveValue)",
      example: "base64 -w0 tls.crt",
    };
  }
  if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) {
    return {
      rule: REGISTRY_CERTIFICATE_PEM,
      field: "registryTls.certificateBase64",
      value: base64,
      message: "must be a base64-encoded PEM certificate",
      example: "base64 -w0 tls.crt",
    };
  }
  return undefined;
}
