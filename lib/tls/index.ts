export { ArcSelfSignedWebhookCertificates } from "../platforms/arc/legacy/self-signed-webhook-certificates";
export type { ArcSelfSignedWebhookCertificatesOptions } from "../platforms/arc/legacy/self-signed-webhook-certificates";
export { GeneratedAgentKey } from "../platforms/humanitec/generated-agent-key";
export type { GeneratedAgentKeyProps } from "../platforms/humanitec/generated-agent-key";
