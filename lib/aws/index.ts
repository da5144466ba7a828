// cdktf-runner-pools/aws: EKS connection and keyless AWS identities (IRSA, Pod Identity).
// Imports only the aws, kubernetes and helm bindings, by deep path.
export * from "./eks-cluster-connection";
export * from "./runner-role";
export * from "./irsa-identity";
export * from "./pod-identity";
