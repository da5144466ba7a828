// `cdktf-runner-pools/aws`: EKS cluster connection and identity bindings (IRSA, Pod Identity).
// Needs `@cdktf/provider-aws`; the public API only (etc/aws.api.md).
import "./provider-binding"; // first: a missing binding fails with what to install
export { EksClusterConnection } from "./eks-cluster-connection";
export type {
  EksClusterAttributes,
  EksClusterConnectionProps,
  EksClusterInfo,
} from "./eks-cluster-connection";
export { AwsIrsaIdentity } from "./irsa-identity";
export type { AwsIrsaIdentityOptions, AwsIrsaIdentityProps } from "./irsa-identity";
export { AwsPodIdentity } from "./pod-identity";
export type {
  AwsPodIdentityCluster,
  AwsPodIdentityOptions,
  AwsPodIdentityProps,
} from "./pod-identity";
export { AwsRoleIdentity } from "./runner-role";
export type { AwsPolicyDocument, AwsPolicyStatement, AwsRoleOptions } from "./runner-role";
export { eksClusterNetworkFlows, eksPodIdentityFlows, irsaFlows } from "./eks-flows";
