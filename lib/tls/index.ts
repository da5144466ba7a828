// Subpath export `cdktf-runner-pools/tls`: needs the optional peer `@cdktf/provider-tls`.
export * from "./arc-self-signed-webhook-certificates";
