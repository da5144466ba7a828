// Rule scenarios of the Kubiya runner: each rule's invalid input, and the same input with
// the rule's "Valid:" example applied.
import { TerraformStack, TerraformVariable } from "cdktf";
import { KubiyaRunner, KubiyaRunnerProps } from "../../../lib/platforms/kubiya/kubiya-runner";
import * as rules from "../../../lib/platforms/kubiya/rules";
import { RunnerPool } from "../../../lib/pool";
import { SensitiveValue } from "../../../lib/release/sensitive-value";
import type { Rule } from "../../../lib/core/rules/rule";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";
import { Cloud, FakeCloudIdentity } from "../../platforms/cloud-identities";

const CERT = Buffer.from(
  "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n",
).toString("base64");
const KEY_AS_CERT = Buffer.from(
  "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFAKE\n-----END PRIVATE KEY-----\n",
).toString("base64");

function secret(stack: TerraformStack, name: string): SensitiveValue {
  return SensitiveValue.fromVariable(
    new TerraformVariable(stack, name, { type: "string", sensitive: true }),
  );
}

interface Options {
  readonly props?: Partial<KubiyaRunnerProps>;
  readonly nats?: Partial<KubiyaRunnerProps["nats"]>;
  readonly certificateBase64?: string;
  readonly cloud?: Cloud;
  readonly namespaceName?: string;
}

/** A Kubiya pool in namespace `kubiya` (privileged, for Dagger) with the test props. */
function pool(options: Options = {}): TerraformStack {
  const stack = newStack();
  new RunnerPool(stack, "Kubiya", {
    poolName: "kubiya",
    namespaceName: options.namespaceName ?? "kubiya",
    namespace: { podSecurity: "privileged" },
    identity: options.cloud ? new FakeCloudIdentity(options.cloud) : undefined,
    platform: new KubiyaRunner({
      organization: "acme",
      uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
      runnerName: "production-runner",
      nats: {
        jwt: secret(stack, "nats_jwt"),
        secondJwt: secret(stack, "nats_second_jwt"),
        subject: "kubiya.metrics.acme.production-runner",
        ...options.nats,
      },
      registryTls: {
        certificateBase64: options.certificateBase64 ?? CERT,
        keyBase64: secret(stack, "registry_tls_key"),
      },
      ...options.props,
    }),
  });
  return stack;
}

function telemetry(remoteWriteUrl: string): Options {
  return {
    props: {
      telemetry: {
        remoteWriteUrl,
        clientId: "client",
        tokenUrl: "https://login.example.com/token",
        clientSecret: { secretName: "kubiya-telemetry", key: "client-secret" },
      },
    },
  };
}

function scenario(rule: Rule, invalid: Options, valid: Options): RuleScenario {
  return { rule, invalid: () => pool(invalid), valid: () => pool(valid) };
}

export const scenarios: RuleScenario[] = [
  scenario(
    rules.OPERATOR_FULL_ACCESS,
    { props: { operatorFullAccess: true } },
    { props: { operatorFullAccess: false } },
  ),
  scenario(
    rules.TOOL_MANAGER_ADMIN_CLUSTER_ROLE,
    { props: { toolManagerAdminClusterRole: true } },
    { props: { toolManagerAdminClusterRole: false } },
  ),
  scenario(
    rules.CACHE_REGISTRY_NAMESPACE,
    { namespaceName: "kubiya-runners" },
    { namespaceName: "kubiya" },
  ),
  scenario(rules.TOOL_POD_LABELS, { cloud: "aks" }, { cloud: "gke" }),
  scenario(
    rules.ORGANIZATION,
    { props: { organization: " " } },
    { props: { organization: "my-org" } },
  ),
  scenario(
    rules.RUNNER_UUID,
    { props: { uuid: "not-a-uuid" } },
    { props: { uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479" } },
  ),
  scenario(
    rules.NATS_SUBJECT,
    { nats: { subject: "" } },
    { nats: { subject: "kubiya.metrics.my-org.production-runner" } },
  ),
  scenario(
    rules.NATS_SERVER_URL,
    { nats: { serverUrl: "https://connect.ngs.global" } },
    { nats: { serverUrl: "tls://connect.ngs.global" } },
  ),
  scenario(rules.NATS_PORT, { nats: { port: 70000 } }, { nats: { port: 4222 } }),
  scenario(
    rules.REGISTRY_CERTIFICATE_PEM,
    { certificateBase64: "not-a-cert" },
    // `base64 -w0 tls.crt`
    { certificateBase64: CERT },
  ),
  scenario(
    rules.PRIVATE_KEY_AS_CERTIFICATE,
    { certificateBase64: KEY_AS_CERT },
    { certificateBase64: CERT },
  ),
  scenario(
    rules.TELEMETRY_URL_HTTPS,
    telemetry("http://example.com/api/v1/write"),
    telemetry("https://example.com/api/v1/write"),
  ),
  {
    rule: rules.ONE_PER_CLUSTER,
    invalid: () => {
      const stack = pool();
      new RunnerPool(stack, "Second", {
        namespaceName: "kubiya-2",
        namespace: { podSecurity: "privileged" },
        platform: new KubiyaRunner({
          organization: "acme",
          uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
          nats: { jwt: secret(stack, "j1"), secondJwt: secret(stack, "j2"), subject: "s" },
          registryTls: { certificateBase64: CERT, keyBase64: secret(stack, "k2") },
        }),
      });
      return stack;
    },
    valid: () => pool(),
  },
];
