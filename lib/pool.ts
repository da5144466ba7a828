import { Construct } from "constructs";
import { dependable, ITerraformDependable, TerraformStack } from "cdktf";
import { mergeSorted, standardLabels } from "./core/labels";
import { checkDns1123Label } from "./core/names";
import { Problem } from "./core/rules/problem";
import { CONSTRUCT_ID_UNIQUE } from "./core/rules/core-rules";
import { addChecks, assertUniqueChildId } from "./core/rules/report";
import { compareTreeOrder } from "./core/tree-order";
import { RunnerNetworkPolicies } from "./kubernetes/network-policy";
import { POOL_IDENTITY_UNBOUND, POOL_NAMESPACE_ROLE, POOL_POD_SECURITY } from "./pool-rules";
import type { WorkloadIdentity, WorkloadIdentityBinding } from "./identity/workload-identity";
import {
  PodSecurityLevel,
  RunnerNamespace,
  RunnerNamespaceOptions,
  RunnerNamespaceProps,
} from "./kubernetes/runner-namespace";
import { RunnerServiceAccount } from "./kubernetes/runner-service-account";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import {
  apiServerFlow,
  ClusterNetworkFlows,
  fromPoolFlow,
  GENERIC_CLUSTER_FLOWS,
  PoolFlow,
  ResolvedFlow,
} from "./kubernetes/flows/network-flow";
import type { RunnerRelease } from "./release/runner-release";
import type { RunnerScaling } from "./scaling";
import {
  ChartRbacRole,
  ResolvedServiceAccount,
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
} from "./platform";

/** Props of {@link RunnerPool}. */
export interface RunnerPoolProps {
  /** The runner platform (chart, values, service accounts, scaling). */
  readonly platform: RunnerPlatform;
  /** Pool name: names the release and labels everything. DNS-1123 label. @default the construct id, lower-cased */
  readonly poolName?: string;
  /** Name of the namespace where runner pods run. @default the pool name */
  readonly namespaceName?: string;
  /** Options of the runner namespace (Pod Security, quota, limits, network policy). @default restricted, deny-by-default */
  readonly namespace?: RunnerNamespaceOptions;
  /** Keyless cloud identity for the platform's service account(s) marked `bindIdentity`. @default none */
  readonly identity?: WorkloadIdentity;
  /** Extra labels on the pool's objects. @default - only the standard labels */
  readonly labels?: Record<string, string>;
  /**
   * The cluster's API server and DNS paths (a runner stack passes its connection's
   * `networkFlows`). @default API server on 443 and 6443 at any address, DNS through kube-system
   */
  readonly cluster?: ClusterNetworkFlows;
  /**
   * Traffic the pool's pods need beyond what the cluster, the identity and the platform
   * declare: a proxy, a registry, ssh to a git server (CIDR and port: NetworkPolicy matches
   * addresses, not names). Each becomes one policy `allow-<direction>-<name>` per namespace.
   * @default - none
   */
  readonly flows?: PoolFlow[];
}

const LEVEL_ORDER: Record<PodSecurityLevel, number> = { restricted: 0, baseline: 1, privileged: 2 };

/**
 * A self-hosted CI runner pool: namespace(s) with Pod Security labels and network
 * policies, service accounts with least-privilege RBAC, the cloud identity binding, the
 * platform's Helm release(s) and its scaling. Every part is a public field.
 */
export class RunnerPool extends Construct {
  /** Pool name. */
  public readonly poolName: string;
  /** The namespace where runner pods run. */
  public readonly namespace: RunnerNamespace;
  /** All namespaces by role (`runners`, plus what the platform asked for). */
  public readonly namespaces: Record<string, RunnerNamespace>;
  /** Service accounts created here, by request id. */
  public readonly serviceAccounts: Record<string, RunnerServiceAccount> = {};
  /** Identity bindings by service-account request id. */
  public readonly identityBindings: Record<string, WorkloadIdentityBinding> = {};
  /** The platform's Helm releases, in install order. */
  public readonly releases: RunnerRelease[];
  /** How the pool scales. */
  public readonly scaling: RunnerScaling;
  /**
   * Roles and ClusterRoles the platform's chart creates and binds itself, besides the
   * pool's own Roles (e.g. Kubiya's tool-manager Role and PV/PVC ClusterRole).
   */
  public readonly chartRbac: readonly ChartRbacRole[];
  /** The platform. */
  public readonly platform: RunnerPlatform;
  /** The cluster paths the pool's flows use. */
  public readonly cluster: ClusterNetworkFlows;

  constructor(scope: Construct, id: string, props: RunnerPoolProps) {
    super(scope, id);
    this.platform = props.platform;
    this.poolName = props.poolName ?? id.toLowerCase();
    const labels = mergeSorted(props.labels, standardLabels(this.poolName, "runner-pool"), {
      "runner-pools.cdktf.io/platform": props.platform.kind,
    });
    const plan = props.platform.plan(this.poolName);
    this.cluster = props.cluster ?? GENERIC_CLUSTER_FLOWS;

    this.namespace = new RunnerNamespace(this, "Namespace", {
      ...withClusterDns(props.namespace, this.cluster),
      name: props.namespaceName ?? this.poolName,
      partOf: this.poolName,
      labels: mergeSorted(props.labels, props.namespace?.labels),
    });
    this.namespaces = { [RUNNERS_ROLE]: this.namespace };
    for (const [role, request] of Object.entries(plan.namespaces ?? {})) {
      const existing = Object.values(this.namespaces).find((ns) => ns.name === request.name);
      this.namespaces[role] =
        existing ??
        this.newNamespace(`Namespace-${role}`, `namespaces.${role}`, {
          ...withClusterDns(request, this.cluster),
          name: request.name,
          partOf: this.poolName,
          labels: mergeSorted(props.labels, request.labels),
        });
    }

    const resolved: Record<string, ResolvedServiceAccount> = {};
    const problems: Problem[] = [];
    const toBind = plan.serviceAccounts.filter((sa) => sa.bindIdentity);
    if (props.identity && toBind.length === 0) {
      problems.push({
        rule: POOL_IDENTITY_UNBOUND,
        field: "identity",
        value: props.identity.kind,
        message: `platform ${props.platform.kind} declares no service account for a cloud identity`,
        example: "mark the service account whose pods call the cloud with bindIdentity: true",
      });
    }
    for (const request of plan.serviceAccounts) {
      const role = request.namespaceRole ?? RUNNERS_ROLE;
      const ns = this.namespaces[role];
      if (!ns) {
        problems.push({
          field: `serviceAccounts.${request.id}.namespaceRole`,
          rule: POOL_NAMESPACE_ROLE,
          value: role,
          message: "no namespace has this role",
          example: `one of ${Object.keys(this.namespaces).join(", ")}`,
        });
        continue;
      }
      let binding: WorkloadIdentityBinding | undefined;
      if (props.identity && request.bindIdentity) {
        const identityId = `Identity-${request.id}`;
        this.assertNewChild(identityId, `serviceAccounts.${request.id}`);
        binding = props.identity.bind(new Construct(this, identityId), {
          namespace: ns.name,
          name: request.name,
        });
        this.identityBindings[request.id] = binding;
        for (const flow of binding.flows ?? [])
          ns.networkPolicies?.addFlow(
            { ...flow, component: flow.component ?? `pods of service account ${request.name}` },
            { source: "identity" },
          );
      }
      if (request.callsApiServer ?? (request.automountToken || (request.rules ?? []).length > 0))
        ns.networkPolicies?.addFlow(
          apiServerFlow(this.cluster, `pods of service account ${request.name}`),
          { source: "cluster" },
        );
      const annotations = binding?.serviceAccountAnnotations ?? {};
      let construct: RunnerServiceAccount | undefined;
      if (request.create ?? true) {
        const accountId = `ServiceAccount-${request.id}`;
        this.assertNewChild(accountId, `serviceAccounts.${request.id}`);
        construct = new RunnerServiceAccount(this, accountId, {
          namespace: ns,
          name: request.name,
          rules: request.rules,
          allowWildcards: request.allowWildcards,
          automountToken: request.automountToken,
          labels,
          annotations,
        });
        this.serviceAccounts[request.id] = construct;
      }
      resolved[request.id] = {
        name: request.name,
        namespace: ns.name,
        construct,
        annotations,
        podLabels: binding?.podLabels ?? {},
      };
    }

    for (const flow of props.flows ?? []) {
      const roles = flow.namespaceRoles ?? Object.keys(this.namespaces);
      for (const role of roles) {
        const ns = this.namespaces[role];
        if (!ns) {
          problems.push({
            field: `flows.${flow.name}.namespaceRoles`,
            rule: POOL_NAMESPACE_ROLE,
            value: role,
            message: "no namespace has this role",
            example: `one of ${Object.keys(this.namespaces).join(", ")}`,
          });
          continue;
        }
        ns.networkPolicies?.addFlow(fromPoolFlow(flow), { source: "user" });
      }
    }

    const context: RunnerPlatformContext = {
      poolName: this.poolName,
      namespaces: this.namespaces,
      serviceAccounts: resolved,
      identity: Object.values(this.identityBindings)[0],
      labels,
      prerequisites: this.prerequisites(),
      cluster: this.cluster,
    };
    const built = props.platform.build(this, context);
    this.releases = built.releases;
    this.orderAfterNetworkPolicies();
    this.scaling = built.scaling;
    this.chartRbac = built.chartRbac ?? [];

    const required = props.platform.requiredPodSecurity;
    addChecks(this, () => [
      checkDns1123Label("poolName", this.poolName, 53, "ci-runners"),
      ...problems,
      required && LEVEL_ORDER[this.namespace.podSecurityLevel] < LEVEL_ORDER[required]
        ? {
            rule: POOL_POD_SECURITY,
            field: "namespace.podSecurity.enforce",
            value: this.namespace.podSecurityLevel,
            message: `platform ${props.platform.kind} runs pods that need Pod Security level "${required}" in the runner namespace`,
            example: `namespace: { podSecurity: "${required}" }`,
          }
        : undefined,
    ]);
  }

  private newNamespace(
    childId: string,
    field: string,
    props: RunnerNamespaceProps,
  ): RunnerNamespace {
    this.assertNewChild(childId, field);
    return new RunnerNamespace(this, childId, props);
  }

  /**
   * Fails with CORE-CONSTRUCT-ID-UNIQUE (not the constructs library's bare error) when a
   * platform plan repeats a namespace role or service-account id.
   */
  private assertNewChild(childId: string, field: string): void {
    assertUniqueChildId(this, childId, {
      rule: CONSTRUCT_ID_UNIQUE,
      field,
      value: childId,
      message: `platform ${this.platform.kind} asks twice for the construct id "${childId}" in this pool; ids of its service accounts and namespace roles must be unique`,
      example: '"runner" and "jobs" service-account ids',
    });
  }

  private prerequisites(): ITerraformDependable[] {
    const deps: (ITerraformDependable | undefined)[] = [];
    for (const ns of new Set(Object.values(this.namespaces)))
      deps.push(ns.resourceQuota, ns.limitRange);
    for (const sa of Object.values(this.serviceAccounts))
      deps.push(sa.resource, sa.role, sa.roleBinding);
    // The identity pieces the pods need at admission (association, agent add-on, IAM
    // members, federated credentials, role policies): the releases wait for them.
    for (const binding of Object.values(this.identityBindings))
      deps.push(...(binding.dependables ?? []));
    return [...new Set(deps)].filter((d): d is ITerraformDependable => d !== undefined);
  }

  /**
   * Every flow of the pool's namespaces (cluster, identity, platform and your own): who may
   * talk to what, and the policy that opens it.
   */
  public get flows(): readonly ResolvedFlow[] {
    return [...new Set(Object.values(this.namespaces))].flatMap(
      (ns) => ns.networkPolicies?.flows ?? [],
    );
  }

  /**
   * Makes every release depend on the network policies of every namespace its pods run in
   * (the pool's namespaces, and those the platform added policies to, such as the ARC
   * listener's): pods start after default-deny and their allowances exist, and on destroy
   * an allowance outlives the pods (and controllers clearing finalizers) that need it.
   */
  private orderAfterNetworkPolicies(): void {
    const namespaces = new Set(Object.values(this.namespaces));
    const refs = new Set<string>();
    for (const policy of this.node.findAll()) {
      if (!(policy instanceof NetworkPolicyV1)) continue;
      const ref = policy.metadata.namespaceInput;
      if (ref !== undefined) refs.add(ref);
    }
    // The stack's namespaces these policies live in, in tree order (as a walk would find them).
    const inStack = RunnerNamespace.allOf(TerraformStack.of(this)).filter((c) => refs.has(c.ref));
    for (const c of inStack.sort(compareTreeOrder)) namespaces.add(c);
    const policies = [...namespaces].flatMap((ns) =>
      ns.networkPolicies ? Object.values(ns.networkPolicies.policies) : [],
    );
    for (const policy of this.node.findAll())
      if (policy instanceof NetworkPolicyV1 && !policies.includes(policy)) policies.push(policy);
    // Policies elsewhere in the stack (e.g. a controller's flows) in these namespaces, in tree
    // order; an index instead of a walk of the whole stack per pool (quadratic at fleet size).
    const listed = new Set(policies);
    const stack = TerraformStack.of(this);
    const others = [
      ...new Set([...namespaces].flatMap((ns) => RunnerNetworkPolicies.inNamespace(stack, ns.ref))),
    ]
      .filter((c) => !listed.has(c))
      .sort(compareTreeOrder);
    policies.push(...others);
    for (const release of this.releases) {
      const deps = release.resource.dependsOn ?? [];
      for (const policy of policies) {
        const ref = dependable(policy);
        if (!deps.includes(ref)) deps.push(ref);
      }
      release.resource.dependsOn = deps;
    }
  }

  /** The first (main) Helm release of the platform. */
  public get release(): RunnerRelease | undefined {
    return this.releases[0];
  }
}

/** Namespace options with the cluster's DNS namespace and resolver addresses added. */
function withClusterDns<T extends RunnerNamespaceOptions>(
  options: T | undefined,
  cluster: ClusterNetworkFlows,
): T {
  const o = (options ?? {}) as T;
  if (o.networkPolicy === false) return o;
  const policy = o.networkPolicy ?? {};
  const cidrs = [...new Set([...(cluster.dns.cidrs ?? []), ...(policy.dnsCidrs ?? [])])];
  return {
    ...o,
    networkPolicy: {
      ...policy,
      dnsNamespace: policy.dnsNamespace ?? cluster.dns.namespace,
      dnsCidrs: cidrs.length ? cidrs : undefined,
    },
  };
}
