export { EksClusterConnection, issuerHostPath } from "./eks-cluster-connection";
export type {
  EksClusterAttributes,
  EksClusterConnectionProps,
  EksClusterInfo,
} from "./eks-cluster-connection";
export { AwsIrsaIdentity, IRSA_AUDIENCE, IRSA_ROLE_ANNOTATION } from "./irsa-identity";
export type { AwsIrsaIdentityOptions, AwsIrsaIdentityProps } from "./irsa-identity";
export { AwsPodIdentity, POD_IDENTITY_SERVICE } from "./pod-identity";
export type { AwsPodIdentityOptions, AwsPodIdentityProps } from "./pod-identity";
export { AwsRoleIdentity, stableJson } from "./runner-role";
export type { AwsPolicyDocument, AwsPolicyStatement, AwsRoleOptions } from "./runner-role";
