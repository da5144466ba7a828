// Typed options, flows, chart sources and version lockstep of ARC (both modes).
import { parse } from "yaml";
import { ArcLegacyController } from "../../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerScaleSet } from "../../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../../lib/platforms/arc/shared/github-credentials";
import { ChartSource } from "../../../lib/release/chart-source";
import { newRunnerStack, oneScaleSetStack, scaleSetStack } from "../../support/arc-fixtures";
import { findingsOf, ofType, synthErrors, synthJson } from "../../support/stack";

type Release = { name: string; version?: string; wait?: boolean; values: string[] };
const releases = (stack: ReturnType<typeof newRunnerStack>) =>
  Object.values(ofType(synthJson(stack), "helm_release")) as unknown as Release[];

const scaleSet = (
  props: Partial<ConstructorParameters<typeof ArcRunnerScaleSet>[0]> = {},
  controllerProps: ConstructorParameters<typeof ArcScaleSetController>[2] = {},
) => oneScaleSetStack(props, controllerProps);

describe("version lockstep (ARC-SCALE-SET-VERSION-LOCKSTEP)", () => {
  test("a 0.13.1 scale set under a 0.14.2 controller is refused", () => {
    const stack = scaleSet({ chartVersion: "0.13.1" });
    expect(synthErrors(stack)).toMatch(/ARC-SCALE-SET-VERSION-LOCKSTEP/);
  });
  test("a ChartSource at another version is refused too; same version admitted", () => {
    const other = scaleSet({
      chart: ChartSource.fromOci("oci://mirror.example.com/arc", "gha-runner-scale-set", "0.13.1"),
    });
    expect(synthErrors(other)).toMatch(/ARC-SCALE-SET-VERSION-LOCKSTEP/);
    const same = scaleSet({
      chart: ChartSource.fromOci("oci://mirror.example.com/arc", "gha-runner-scale-set", "0.14.2"),
    });
    expect(synthErrors(same)).toBe("");
  });
});

test("ChartSource and wait on the scale set and its controller", () => {
  const stack = scaleSet(
    {
      chart: ChartSource.fromOci("oci://mirror.example.com/arc", "gha-runner-scale-set", "0.14.2"),
      wait: false,
    },
    {
      chart: ChartSource.fromOci(
        "oci://mirror.example.com/arc",
        "gha-runner-scale-set-controller",
        "0.14.2",
      ),
      wait: false,
    },
  );
  const all = releases(stack);
  expect(all.map((r) => [r.name, r.wait])).toEqual([
    ["arc", false],
    ["ci", false],
  ]);
  expect(JSON.stringify(synthJson(stack))).toContain("oci://mirror.example.com/arc");
});

describe("flows (lib/platforms/arc/shared/arc-flows.ts)", () => {
  test("proxy, GHES port and kubernetes-mode API server egress become allow-policies", () => {
    const stack = scaleSetStack();
    const policies = Object.values(ofType(synthJson(stack), "kubernetes_network_policy_v1")) as {
      metadata: { name: string };
      spec: { egress?: { to?: unknown[]; ports: { port: string }[] }[] };
    }[];
    const byName = (n: string) => policies.find((p) => p.metadata.name === n);
    expect(byName("dind-runners-proxy")?.spec.egress).toEqual([
      { to: [{ ip_block: { cidr: "10.1.2.3/32" } }], ports: [{ port: "3128", protocol: "TCP" }] },
    ]);
    expect(byName("dind-listener-proxy")).toBeDefined();
    expect(byName("restricted-jobs-runners-github-server")?.spec.egress?.[0].ports).toEqual([
      { port: "8443", protocol: "TCP" },
    ]);
    expect(byName("restricted-jobs-listener-github-server")).toBeDefined();
    // Kubernetes modes: the hook calls the API server; the pool opens it for the runner account
    // (it has RBAC rules) on the cluster's ports beyond 443 (the generic default: 6443).
    const apiServer = (ns: string) =>
      (
        policies as unknown as {
          metadata: { name: string; namespace: string };
          spec: { egress?: { ports: { port: string }[] }[] };
        }[]
      ).find(
        (p) =>
          p.metadata.name === "allow-egress-api-server" &&
          p.metadata.namespace.includes(`.${ns}_Namespace_`),
      );
    expect(apiServer("kube")?.spec.egress?.[0].ports).toEqual([{ port: "6443", protocol: "TCP" }]);
    // dind runs no hook: its runner account has no RBAC, so no API server flow.
    expect(apiServer("dind")).toBeUndefined();
    expect(byName("kube-runners-api-server")).toBeUndefined();
  });
});

describe("runner image", () => {
  test("pinned by default (runner/VERSION at gha-runner-scale-set-0.14.2: 2.334.0)", () => {
    const v = parse(releases(scaleSet()).find((r) => r.name === "ci")!.values[0]);
    expect(v.template.spec.containers[0].image).toBe("ghcr.io/actions/actions-runner:2.334.0");
  });
  test("latest warns (ARC-RUNNER-IMAGE-LATEST)", () => {
    const stack = scaleSet({ runnerImage: "ghcr.io/actions/actions-runner:latest" });
    expect(synthErrors(stack)).toBe("");
    expect(findingsOf(stack, "ARC-RUNNER-IMAGE-LATEST").map((f) => f.status)).toEqual(["warning"]);
  });
});

test("a scale set label of 256 bytes is refused; 255 admitted (autoscalingrunnerset.yaml:83-84)", () => {
  expect(synthErrors(scaleSet({ labels: ["a".repeat(256)] }))).toMatch(/ARC-RUNNER-LABEL/);
  expect(synthErrors(scaleSet({ labels: ["a".repeat(255)] }))).toBe("");
  // `len` counts bytes: 128 two-byte characters are 256 bytes.
  expect(synthErrors(scaleSet({ labels: ["é".repeat(128)] }))).toMatch(/ARC-RUNNER-LABEL/);
});

test("legacy controller: logLevel info by default, single namespace, image", () => {
  const stack = newRunnerStack();
  new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
    watchNamespace: "arc-runners",
    image: { tag: "v0.27.6" },
  });
  const v = parse(releases(stack)[0].values[0]);
  expect(v.logLevel).toBe("info");
  expect(v.scope).toEqual({ singleNamespace: true, watchNamespace: "arc-runners" });
  expect(v.image).toEqual({ tag: "v0.27.6" });
});
