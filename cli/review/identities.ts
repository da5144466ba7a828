// Service accounts -> the cloud identity each can assume: who is trusted (the exact subject)
// and what the identity may do. EKS IRSA and Pod Identity, GKE Workload Identity (GSA or a
// direct principal grant), AKS Workload Identity.
import { arr, compare, obj, str, uniqSorted } from "../json";
import { readPolicy, shortExpr, statementLines, trustSubjects } from "../policy-document";
import { type Item, type StackIndex, refOf } from "../stack-index";

/** A cloud identity and what binds to it. */
export interface IdentityReview {
  /** Terraform address of the identity (role, GSA, user-assigned identity, or grant) */
  readonly address: string;
  readonly kind: string;
  /** its cloud name (role name, GSA account id, identity name) */
  readonly name: string;
  /** Kubernetes service accounts (`namespace/name`) it trusts */
  readonly serviceAccounts: string[];
  /** the exact subjects of the trust */
  readonly subjects: string[];
  /** trust statements / federated credentials / IAM members */
  readonly trust: string[];
  /** what it may do */
  readonly permissions: string[];
}

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;
const GKE_MEMBER = /\.svc\.id\.goog\[([^/\]]+)\/([^\]]+)\]$/;
const GKE_PRINCIPAL = /\/subject\/ns\/([^/]+)\/sa\/([^/]+)$/;

function saOf(subject: string): string | undefined {
  const m = SA_SUBJECT.exec(subject) ?? GKE_MEMBER.exec(subject) ?? GKE_PRINCIPAL.exec(subject);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

function referencing(index: StackIndex, attr: string, target: Item, types: (t: string) => boolean) {
  return index.items.filter(
    (i) =>
      i.kind === "resource" &&
      types(i.type) &&
      index.target(i.body[attr])?.address === target.address,
  );
}

function gcpScope(item: Item): string {
  const what = item.type.replace(/^google_/, "").replace(/_iam_(member|binding)$/, "");
  const key = [
    "bucket",
    "repository",
    "secret_id",
    "project",
    "service_account_id",
    "topic",
    "subscription",
  ].find((k) => item.body[k] !== undefined);
  const where = key ? shortExpr(str(item.body[key]) ?? "") : "";
  return `${what}${where ? ` ${where}` : ""}`;
}

function awsRoles(index: StackIndex): IdentityReview[] {
  return index.ofType("aws_iam_role").map((role) => {
    const trustDoc = readPolicy(index, role.body.assume_role_policy);
    const associations = index
      .ofType("aws_eks_pod_identity_association")
      .filter((a) => index.target(a.body.role_arn)?.address === role.address);
    const podIdentity = associations.map(
      (a) => `${str(a.body.namespace) ?? ""}/${str(a.body.service_account) ?? ""}`,
    );
    const subjects = [
      ...trustSubjects(trustDoc),
      ...associations.map(
        (a) =>
          `pod identity association: cluster ${shortExpr(str(a.body.cluster_name) ?? "")}, ${str(a.body.namespace) ?? ""}/${str(a.body.service_account) ?? ""}`,
      ),
    ];
    const permissions: string[] = [];
    for (const p of referencing(index, "role", role, (t) => t === "aws_iam_role_policy"))
      for (const line of statementLines(readPolicy(index, p.body.policy)))
        permissions.push(`inline ${str(p.body.name) ?? p.id}: ${line}`);
    for (const a of referencing(
      index,
      "role",
      role,
      (t) => t === "aws_iam_role_policy_attachment",
    )) {
      const policy = index.target(a.body.policy_arn);
      if (policy && policy.type === "aws_iam_policy") {
        for (const line of statementLines(readPolicy(index, policy.body.policy)))
          permissions.push(`policy ${str(policy.body.name) ?? policy.id}: ${line}`);
      } else permissions.push(`managed policy ${shortExpr(str(a.body.policy_arn) ?? "")}`);
    }
    for (const arn of arr(role.body.managed_policy_arns))
      permissions.push(`managed policy ${shortExpr(str(arn) ?? "")}`);
    const kind = trustDoc.statements.some((s) =>
      s.principals.some((p) => p.includes("pods.eks.amazonaws.com")),
    )
      ? "EKS Pod Identity (IAM role)"
      : "EKS IRSA (IAM role)";
    return {
      address: role.address,
      kind,
      name: str(role.body.name) ?? role.id,
      serviceAccounts: uniqSorted([
        ...subjects.map(saOf).filter((s): s is string => !!s),
        ...podIdentity,
      ]),
      subjects: uniqSorted(subjects),
      trust: statementLines(trustDoc).sort(compare),
      permissions: permissions.sort(compare),
    };
  });
}

function gcpServiceAccounts(index: StackIndex): IdentityReview[] {
  const out: IdentityReview[] = index.ofType("google_service_account").map((gsa) => {
    const accountId = str(gsa.body.account_id) ?? gsa.id;
    const project = str(gsa.body.project);
    const members = index.items.filter(
      (i) =>
        /^google_service_account_iam_(member|binding)$/.test(i.type) &&
        index.target(i.body.service_account_id)?.address === gsa.address,
    );
    const subjects = members.flatMap((m) =>
      [str(m.body.member), ...arr(m.body.members).map(str)].filter((s): s is string => !!s),
    );
    const trust = members.map(
      (m) =>
        `${str(m.body.role) ?? ""} for ${[str(m.body.member), ...arr(m.body.members).map(str)].filter(Boolean).join(", ")}`,
    );
    const email = `${accountId}@${project && !project.includes("${") ? project : "<project>"}.iam.gserviceaccount.com`;
    const permissions = index.items
      .filter(
        (i) =>
          /^google_.*_iam_(member|binding)$/.test(i.type) &&
          !members.includes(i) &&
          [str(i.body.member), ...arr(i.body.members).map(str)].some(
            (m) => !!m && m.includes(`${gsa.address}.email`),
          ),
      )
      .map((i) => `${str(i.body.role) ?? ""} on ${gcpScope(i)}`);
    return {
      address: gsa.address,
      kind: "GKE Workload Identity (Google service account)",
      name: email,
      serviceAccounts: uniqSorted(subjects.map(saOf).filter((s): s is string => !!s)),
      subjects: uniqSorted(subjects),
      trust: trust.sort(compare),
      permissions: permissions.sort(compare),
    };
  });
  // direct grants to the Kubernetes service account's principal
  const direct = index.items.filter(
    (i) =>
      /^google_.*_iam_member$/.test(i.type) &&
      /^principal(Set)?:\/\//.test(str(i.body.member) ?? ""),
  );
  const byMember = new Map<string, Item[]>();
  for (const g of direct) {
    const m = str(g.body.member) ?? "";
    byMember.set(m, [...(byMember.get(m) ?? []), g]);
  }
  for (const [member, grants] of byMember) {
    out.push({
      address: grants[0].address,
      kind: "GKE Workload Identity (direct principal grant)",
      name: member,
      serviceAccounts: uniqSorted([saOf(member)].filter((s): s is string => !!s)),
      subjects: [member],
      trust: [`principal ${member}`],
      permissions: grants.map((g) => `${str(g.body.role) ?? ""} on ${gcpScope(g)}`).sort(compare),
    });
  }
  return out;
}

function azureIdentities(index: StackIndex): IdentityReview[] {
  return index.ofType("azurerm_user_assigned_identity").map((uami) => {
    const fics = referencing(
      index,
      "parent_id",
      uami,
      (t) => t === "azurerm_federated_identity_credential",
    );
    const subjects = fics.map((f) => str(f.body.subject) ?? "");
    const trust = fics.map(
      (f) =>
        `federated credential ${str(f.body.name) ?? f.id}: subject ${str(f.body.subject) ?? ""}, audience ${arr(f.body.audience).map(str).join(", ")}, issuer ${shortExpr(str(f.body.issuer) ?? "")}`,
    );
    const permissions = referencing(
      index,
      "principal_id",
      uami,
      (t) => t === "azurerm_role_assignment",
    ).map(
      (r) =>
        `${str(r.body.role_definition_name) ?? str(r.body.role_definition_id) ?? ""} on ${shortExpr(str(r.body.scope) ?? "")}`,
    );
    return {
      address: uami.address,
      kind: "AKS Workload Identity (user-assigned identity)",
      name: str(uami.body.name) ?? uami.id,
      serviceAccounts: uniqSorted(subjects.map(saOf).filter((s): s is string => !!s)),
      subjects: uniqSorted(subjects),
      trust: trust.sort(compare),
      permissions: permissions.sort(compare),
    };
  });
}

/** Every cloud identity of the stack, sorted by address. */
export function identitiesOf(index: StackIndex): IdentityReview[] {
  return [...awsRoles(index), ...gcpServiceAccounts(index), ...azureIdentities(index)].sort(
    (a, b) => compare(a.address, b.address),
  );
}

/** The identity a service account's annotations point at (role ARN, GSA email, client id). */
export function annotatedIdentity(index: StackIndex, sa: Item): string | undefined {
  for (const value of Object.values(obj(obj(sa.body.metadata).annotations))) {
    const ref = refOf(value);
    if (ref && index.get(ref.address)) return ref.address;
  }
  return undefined;
}
