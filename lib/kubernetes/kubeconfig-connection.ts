import { Construct } from "constructs";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider, HelmProviderRegistries } from "@cdktf/provider-helm/lib/provider";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import { checkUrlCredentials } from "../core/secrets/url-credentials";
import { SENSITIVE_SOURCE } from "../release/rules";
import { SensitiveValue } from "../release/sensitive-value";
import { KUBECONFIG_ABSOLUTE_PATH, KUBECONFIG_CONTEXT_EMPTY } from "./rules";
import type { ClusterConnection } from "./cluster-connection";
import type { ClusterNetworkFlows } from "./flows/network-flow";

/**
 * The API server endpoint as pods reach it (after the `kubernetes.default` Service DNAT).
 */
export interface KubeconfigApiServer {
  /** Endpoint ports. @default [443, 6443] (managed control planes; kubeadm, k3s, kind) */
  readonly ports?: number[];
  /** Endpoint addresses, when you know them. @default - any address */
  readonly cidrs?: string[];
}

/**
 * An OCI registry the helm provider logs in to (the provider's `registries` block). The password
 * is a {@link SensitiveValue} only: a sensitive `TerraformVariable` or a secret manager's
 * reference, so the JSON holds a reference, never the password.
 */
export interface HelmRegistryLogin {
  /** Registry URL, e.g. `oci://ghcr.io`, without credentials in it. */
  readonly url: string;
  /** User name. */
  readonly username: string;
  /** Password or token. */
  readonly password: SensitiveValue;
}

/**
 * The helm provider's `registries` block from typed logins, and the checks of its fields: a
 * password that is not a sensitive source (or not a SensitiveValue at all, from untyped code),
 * and credentials in a registry URL, are refused with the value redacted.
 */
export function helmRegistriesOf(
  scope: Construct,
  logins: readonly HelmRegistryLogin[] | undefined,
): HelmProviderRegistries[] | undefined {
  if (!logins) return undefined;
  addChecks(scope, () =>
    logins.flatMap((login, i): (Problem | undefined)[] => {
      const password: unknown = login.password;
      const typed = password instanceof SensitiveValue;
      const undeclared = typed ? password.undeclaredVariable(scope) : undefined;
      return [
        checkUrlCredentials(`helmRegistries[${i}].url`, login.url, '"oci://ghcr.io"'),
        undeclared
          ? {
              rule: SENSITIVE_SOURCE,
              field: `helmRegistries[${i}].password`,
              value: (password as SensitiveValue).origin,
              message: undeclared,
              example:
                'SensitiveValue.fromVariableName("registry_password") and new TerraformVariable(stack, "registry_password", { type: "string", sensitive: true })',
            }
          : undefined,
        !typed || !password.isSecretSource
          ? {
              rule: SENSITIVE_SOURCE,
              field: `helmRegistries[${i}].password`,
              value: typed ? password.origin : String(password),
              redact: true,
              message:
                "must be a SensitiveValue from a TerraformVariable declared with sensitive: true (and no default), or a reference to a secret manager — a literal would be written into the synthesized JSON and the state",
              example:
                'password: SensitiveValue.fromVariable(new TerraformVariable(this, "registry_password", { type: "string", sensitive: true }))',
            }
          : undefined,
      ];
    }),
  );
  return logins.map((login) => ({
    url: login.url,
    username: login.username,
    password:
      login.password instanceof SensitiveValue && login.password.isSecretSource
        ? login.password.expression
        : "",
  }));
}

/** Props of {@link KubeconfigConnection}. */
export interface KubeconfigConnectionProps {
  /**
   * Path of the kubeconfig file, as Terraform sees it at plan time. Keep it relative or
   * `~`-based: an absolute path would make the JSON differ between machines.
   * @default "~/.kube/config"
   */
  readonly configPath?: string;
  /** Context to use. @default the file's current context */
  readonly context?: string;
  /** OCI registries the helm provider logs in to (the password only as a SensitiveValue). @default - none */
  readonly helmRegistries?: HelmRegistryLogin[];
  /**
   * The API server endpoint as pods reach it (after the `kubernetes.default` Service DNAT):
   * its ports and, when you know them, its addresses.
   * @default ports 443 and 6443 (managed control planes; kubeadm, k3s, kind), any address
   */
  readonly apiServer?: KubeconfigApiServer;
  /** Resolver addresses besides the cluster DNS in kube-system, e.g. NodeLocal DNSCache `169.254.20.10/32`. @default - none */
  readonly dnsCidrs?: string[];
}

/** Connects to any cluster through a kubeconfig file and context. */
export class KubeconfigConnection extends Construct implements ClusterConnection {
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;
  public readonly clusterName?: string;
  public readonly networkFlows: ClusterNetworkFlows;

  constructor(scope: Construct, id: string, props: KubeconfigConnectionProps = {}) {
    super(scope, id);
    const configPath = props.configPath ?? "~/.kube/config";
    this.clusterName = props.context;
    this.networkFlows = {
      apiServer: { ports: props.apiServer?.ports ?? [443, 6443], cidrs: props.apiServer?.cidrs },
      dns: { namespace: "kube-system", cidrs: props.dnsCidrs },
    };
    this.kubernetesProvider = new KubernetesProvider(this, "Kubernetes", {
      configPath,
      configContext: props.context,
    });
    this.helmProvider = new HelmProvider(this, "Helm", {
      kubernetes: { configPath, configContext: props.context },
      registries: helmRegistriesOf(this, props.helmRegistries),
    });
    addChecks(this, () => [
      !isUnresolved(configPath) && configPath.startsWith("/")
        ? {
            rule: KUBECONFIG_ABSOLUTE_PATH,
            field: "configPath",
            value: configPath,
            message:
              "an absolute path makes the synthesized JSON machine-specific; use a relative or ~-based path, or a TerraformVariable",
            example: '"~/.kube/config"',
          }
        : undefined,
      props.context !== undefined && !isUnresolved(props.context) && props.context.trim() === ""
        ? {
            rule: KUBECONFIG_CONTEXT_EMPTY,
            field: "context",
            value: props.context,
            message: "must not be empty (omit it to use the current context)",
            example: '"ci-cluster"',
          }
        : undefined,
    ]);
  }
}
