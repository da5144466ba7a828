// Subpath export `cdktf-runner-pools/tls`: helpers that need the optional peer `@cdktf/provider-tls`.
// Never imported by the core entry point.
export * from "./arc-self-signed-webhook-certificates";
export * from "./generated-agent-key";
