// `runner-pools review` of the default app: names every identity subject, Role rule, chart
// version and network policy (expectations read from the raw cdk.tf.json, not from the CLI's
// model); identical bytes on identical input; clean errors on malformed input.
import * as fs from "fs";
import * as path from "path";
import {
  type Json,
  cli,
  copySynth,
  editStack,
  readStack,
  resourceAt,
  synthDefaultApp,
  tempDir,
} from "./cli-support";

const STACKS = ["runners-aks", "runners-eks", "runners-gke", "runners-kubernetes"];

describe("runner-pools review of the default app", () => {
  const dir = synthDefaultApp("review");
  const result = cli("review", dir);
  const md = result.stdout;
  const stacks: Record<string, Json> = Object.fromEntries(
    STACKS.map((s) => [s, readStack(dir, s)]),
  );
  const section = (stack: string): string => {
    const start = md.indexOf(`## Stack \`${stack}\``);
    const next = md.indexOf("\n## Stack ", start + 1);
    return md.slice(start, next < 0 ? undefined : next);
  };
  const nsName = (json: Json, ref: string): string => {
    const m = /^\$\{kubernetes_namespace_v1\.([^.]+)\.metadata\[0\]\.name\}$/.exec(ref);
    return m ? json.resource.kubernetes_namespace_v1[m[1]].metadata.name : ref;
  };

  test("exits 0 and covers every stack", () => {
    expect(result).toMatchObject({ code: 0, stderr: "" });
    for (const s of STACKS) expect(md).toContain(`## Stack \`${s}\``);
  });

  test("names every identity subject (IRSA :sub, GKE member, AKS federated credential)", () => {
    const expected: [string, string][] = [];
    for (const [name, json] of Object.entries(stacks)) {
      // IRSA trust: the `…:sub` conditions of the trust documents (data.aws_iam_policy_document)
      for (const doc of Object.values(json.data?.aws_iam_policy_document ?? {}) as Json[])
        for (const st of doc.statement ?? [])
          for (const c of st.condition ?? [])
            if ((c.variable as string).endsWith(":sub"))
              for (const v of c.values as string[]) expected.push([name, v]);
      for (const member of Object.values(
        json.resource.google_service_account_iam_member ?? {},
      ) as Json[])
        expected.push([name, member.member]);
      for (const fic of Object.values(
        json.resource.azurerm_federated_identity_credential ?? {},
      ) as Json[])
        expected.push([name, fic.subject]);
    }
    expect(expected.length).toBeGreaterThanOrEqual(3);
    for (const [stack, subject] of expected)
      expect({ stack, subject, found: section(stack).includes(`subject \`${subject}\``) }).toEqual({
        stack,
        subject,
        found: true,
      });
  });

  test("names every Role rule (verbs, resources, api group) under its Role", () => {
    let count = 0;
    for (const [stack, json] of Object.entries(stacks)) {
      for (const role of Object.values(json.resource.kubernetes_role_v1 ?? {}) as Json[]) {
        const where = `${nsName(json, role.metadata.namespace)}/${role.metadata.name}`;
        const text = section(stack);
        const start = text.indexOf(`- Role \`${where}\``);
        expect({ where, start: start >= 0 }).toEqual({ where, start: true });
        const block = text.slice(
          start,
          text.indexOf("\n- ", start + 1) < 0 ? undefined : text.indexOf("\n- ", start + 1),
        );
        for (const rule of role.rule) {
          const groups = rule.api_groups.map((g: string) => (g === "" ? "core" : g)).join(", ");
          const line = `  - ${rule.verbs.join(", ")} on ${rule.resources.join(", ")} (api group ${groups})`;
          expect({ where, line, found: block.includes(line) }).toEqual({
            where,
            line,
            found: true,
          });
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  test("names every release with its chart, source and exact version", () => {
    for (const [stack, json] of Object.entries(stacks)) {
      for (const r of Object.values(json.resource.helm_release) as Json[]) {
        const text = section(stack);
        const row = text
          .slice(text.indexOf("### Releases"))
          .split("\n")
          .find((l) => l.startsWith(`| \`${r.name}\` |`));
        expect(row).toBeDefined();
        expect(row).toContain(`| \`${r.version}\` |`);
        expect(row).toContain(r.chart);
        expect(row).toContain(r.repository);
      }
    }
  });

  test("names every network policy with its namespace and every port it opens", () => {
    for (const [stack, json] of Object.entries(stacks)) {
      for (const np of Object.values(json.resource.kubernetes_network_policy_v1) as Json[]) {
        const key = `- \`${nsName(json, np.metadata.namespace)}/${np.metadata.name}\``;
        const text = section(stack);
        const start = text.indexOf(key);
        expect({ key, found: start >= 0 }).toEqual({ key, found: true });
        const end = text.indexOf("\n- ", start + 1);
        const block = text.slice(start, end < 0 ? undefined : end);
        for (const rule of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])])
          for (const p of rule.ports ?? []) expect(block).toContain(`${p.port}/${p.protocol}`);
      }
    }
  });

  test("shows Pod Security levels, scaling, providers and sensitive values by name only", () => {
    expect(md).toContain("| `kubiya` | kubiya | privileged | restricted | restricted |");
    expect(md).toContain(
      "ARC runner scale set (listener scales on job demand) (pool arc-runners): min 1, max 20",
    );
    expect(md).toContain("provider `kubernetes: kubernetes 2.38.0`");
    expect(md).toContain("secret-bearing value `nats.jwt` (set_sensitive; value not shown)");
    expect(md).not.toContain("${var.kubiya_nats_jwt}");
    expect(md).toContain("```mermaid\nflowchart LR");
  });

  test("prints no set_sensitive value, even a literal one", () => {
    const head = copySynth(dir, "secret");
    editStack(head, "runners-kubernetes", (json) => {
      resourceAt(json, "helm_release", "kubiya/Release/Resource").set_sensitive[0].value =
        "sup3r-s3cret-literal";
    });
    for (const format of ["markdown", "json"]) {
      const out = cli("review", head, "--format", format);
      expect(out.code).toBe(0);
      expect(out.stdout).not.toContain("sup3r-s3cret-literal");
    }
    const diff = cli("diff", "--base", dir, head);
    expect(diff.stdout).toContain("set_sensitive.nats.jwt");
    expect(diff.stdout).not.toContain("sup3r-s3cret-literal");
  });

  test("identical bytes on identical input: twice, from another directory, to --out", () => {
    expect(cli("review", dir).stdout).toBe(md);
    const other = synthDefaultApp("review-other");
    expect(cli("review", other).stdout).toBe(md);
    const json = cli("review", dir, "--format", "json").stdout;
    expect(cli("review", other, "--format", "json").stdout).toBe(json);
    expect(() => JSON.parse(json)).not.toThrow();
    const out = tempDir("review-out");
    expect(cli("review", dir, "--out", out).code).toBe(0);
    expect(fs.readFileSync(path.join(out, "review.md"), "utf8")).toBe(md);
  });
});

describe("runner-pools errors", () => {
  const good = synthDefaultApp("errors");
  const oneLine = (r: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^runner-pools: [^\n]+\n$/);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  test("a missing directory", () => {
    oneLine(cli("review", path.join(good, "nope")), /no such directory/);
  });

  test("a directory without stacks", () => {
    oneLine(cli("review", tempDir("empty")), /no synthesized stacks/);
  });

  test("a cdk.tf.json that is not JSON", () => {
    const bad = copySynth(good, "bad-json");
    fs.writeFileSync(path.join(bad, "stacks/runners-eks/cdk.tf.json"), '{"resource": {');
    oneLine(cli("review", bad), /runners-eks\/cdk\.tf\.json: not valid JSON/);
    oneLine(cli("diff", "--base", good, bad), /not valid JSON/);
  });

  test("a cdk.tf.json that is not a synth output", () => {
    const bad = copySynth(good, "bad-shape");
    fs.writeFileSync(path.join(bad, "stacks/runners-eks/cdk.tf.json"), '{"resource": []}');
    oneLine(cli("review", bad), /"resource" is not an object/);
  });

  test("values that are not YAML", () => {
    const bad = copySynth(good, "bad-yaml");
    editStack(bad, "runners-kubernetes", (json) => {
      resourceAt(json, "helm_release", "kubiya/Release/Resource").values = ["a: [unclosed\n"];
    });
    oneLine(cli("review", bad), /helm_release\.kubiya_Release_[0-9A-F]+ values: invalid YAML/);
  });

  test("usage errors", () => {
    oneLine(cli("review", good, "--format", "html"), /--format must be markdown or json/);
    oneLine(cli("diff", good), /--base DIR is required/);
    oneLine(cli("diff", "--base", good, good, "--fail-on", "rbac,bogus"), /unknown class bogus/);
    oneLine(cli("frobnicate"), /unknown command frobnicate/);
    oneLine(cli("review", "--colour"), /unknown option --colour/);
  });
});
