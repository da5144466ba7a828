// Inputs the cluster judge (npm run test:cluster: the real API server's dry-run, and the
// differential fuzzer test/cluster/fuzz.ts) found synth accepting while the API server rejects
// them. Each is now refused at synth with a rule message; test/cluster/bypass.ts shows the API
// server rejects the same manifest when the rule is bypassed.
import { App } from "cdktf";
import { RunnerNamespace, RunnerNamespaceProps } from "../../lib/kubernetes/runner-namespace";
import { RunnerServiceAccount } from "../../lib/kubernetes/runner-service-account";
import { isWholeQuantity, parseQuantity } from "../../lib/kubernetes/quantity";
import { ArcGithubCredentials, ArcRunnerScaleSet, ArcScaleSetController } from "../../lib/index";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { newStack, ruleIdsOf } from "../support/stack";

function ns(props: Partial<RunnerNamespaceProps>) {
  const stack = newStack("k8s");
  new RunnerNamespace(stack, "Ns", { name: "ci", ...props });
  return stack;
}

describe("found by the cluster judge", () => {
  test.each([
    [{ pods: "500m" }, "K8S-QUANTITY-VALUE"],
    [{ pods: "-1" }, "K8S-QUANTITY-VALUE"],
    [{ "count/jobs.batch": "1.5" }, "K8S-QUANTITY-VALUE"],
    [{ "requests.cpu": "-1" }, "K8S-QUANTITY-VALUE"],
  ])("quota %j is refused (%s)", (quota, rule) => {
    expect(ruleIdsOf(ns({ resourceQuota: quota }))).toContain(rule);
  });

  test.each<Record<string, string>>([
    { pods: "50" },
    { pods: "1k" },
    { pods: "1e3" },
    { "requests.cpu": "500m" },
  ])("quota %j is accepted", (quota) => {
    const ids = ruleIdsOf(ns({ resourceQuota: quota }));
    expect(ids.filter((id) => id !== "K8S-QUOTA-WITHOUT-DEFAULT")).toEqual([]);
  });

  test("negative quantities parse as negative (they parsed as positive before)", () => {
    expect(parseQuantity("-1")).toBe(-1);
    expect(parseQuantity("-500m")).toBe(-0.5);
    expect(isWholeQuantity("0.5Ki")).toBe(true);
    expect(isWholeQuantity("1.1k")).toBe(true);
    expect(isWholeQuantity("500m")).toBe(false);
  });

  test.each([
    [{ defaultRequests: { cpu: "2" }, defaultLimits: { cpu: "1" } }],
    [{ defaultLimits: { cpu: "4" }, max: { cpu: "2" } }],
    // no default limit: the API server defaults it to the max, then the request exceeds it
    [{ defaultRequests: { memory: "8Gi" }, max: { memory: "4Gi" } }],
  ])("limit range %j is refused (K8S-LIMIT-RANGE-ORDER)", (limitRange) => {
    expect(ruleIdsOf(ns({ limitRange }))).toContain("K8S-LIMIT-RANGE-ORDER");
  });

  test.each([
    ["256.0.0.0/0", undefined],
    ["10.0.0.0/33", undefined],
    ["10.0.0.0/8", ["192.168.0.0/16"]],
    ["10.0.0.0/8", ["10.0.0.0/8"]],
    ["10.0.0.0/8", ["not-a-cidr"]],
    ["fd00::/8", ["10.1.0.0/16"]],
  ])("peer cidr %s except %j is refused (K8S-NETPOL-CIDR)", (cidr, except) => {
    const stack = ns({
      networkPolicy: { egress: [{ name: "x", ports: [{ port: 443 }], peers: [{ cidr, except }] }] },
    });
    expect(ruleIdsOf(stack)).toContain("K8S-NETPOL-CIDR");
  });

  test.each([
    ["10.0.0.0/8", ["10.1.0.0/16"]],
    ["fd00::/8", ["fd00:1::/32"]],
    ["0.0.0.0/0", ["169.254.169.254/32"]],
  ])("peer cidr %s except %j is accepted", (cidr, except) => {
    const stack = ns({
      networkPolicy: { egress: [{ name: "x", ports: [{ port: 443 }], peers: [{ cidr, except }] }] },
    });
    expect(ruleIdsOf(stack)).toEqual([]);
  });

  test.each([
    ["70000", "K8S-NETPOL-PORT-RANGE"],
    ["0", "K8S-NETPOL-PORT-RANGE"],
    ["Port", "K8S-NETPOL-PORT-NAME"],
    ["a--b", "K8S-NETPOL-PORT-NAME"],
    ["very-long-port-name", "K8S-NETPOL-PORT-NAME"],
    ["-1", "K8S-NETPOL-PORT-NAME"],
  ])("string port %s is refused (%s)", (port, rule) => {
    const stack = ns({ networkPolicy: { ingress: [{ name: "x", ports: [{ port }] }] } });
    expect(ruleIdsOf(stack)).toContain(rule);
  });

  test.each(["metrics", "8080", "http-2"])("string port %s is accepted", (port) => {
    const stack = ns({ networkPolicy: { ingress: [{ name: "x", ports: [{ port }] }] } });
    expect(ruleIdsOf(stack)).toEqual([]);
  });

  test.each(["default", "kube-system", "kube-public", "kube-node-lease"])(
    "namespace %s is refused (K8S-NAMESPACE-RESERVED)",
    (name) => {
      expect(ruleIdsOf(ns({ name }))).toContain("K8S-NAMESPACE-RESERVED");
    },
  );

  test("an imported reserved namespace is fine", () => {
    const stack = newStack("k8s");
    RunnerNamespace.fromNamespaceName(stack, "Ns", "kube-system");
    expect(ruleIdsOf(stack)).toEqual([]);
  });

  test("two service accounts of one namespace and name are refused", () => {
    const stack = newStack("k8s");
    const n = RunnerNamespace.fromNamespaceName(stack, "Ns", "ci");
    new RunnerServiceAccount(stack, "A", { namespace: n, name: "runner" });
    new RunnerServiceAccount(stack, "B", { namespace: n, name: "runner" });
    expect(ruleIdsOf(stack)).toEqual(["K8S-SERVICE-ACCOUNT-UNIQUE"]);
  });

  test("an ARC controller namespace equal to a pool's namespace is refused", () => {
    const app = new App({ outdir: "cdktf.out.test", stackTraces: false });
    const stack = new KubernetesRunnerStack(app, "arc", {
      kubeconfig: { configPath: "~/.kube/config" },
    });
    const controller = new ArcScaleSetController(stack, "arc-controller", {
      namespace: "arc-runners",
    });
    stack.addPool("arc-runners", {
      platform: new ArcRunnerScaleSet({
        controller,
        githubConfigUrl: "https://github.com/example-org",
        githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
        maxRunners: 5,
        runnerScaleSetName: "linux",
        containerMode: { type: "kubernetes-novolume" },
      }),
    });
    expect(() => app.synth()).toThrow(/K8S-NAMESPACE-UNIQUE/);
  });
});
