// Subpath `cdktf-runner-pools/tls`: helpers that need the optional `@cdktf/provider-tls` binding.
// Never imported by the core entry point.
export * from "./generated-agent-key";
