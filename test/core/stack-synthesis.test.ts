// The runner stacks' preparing pass and render (lib/core/stack-synthesis.ts) against cdktf's own
// (TerraformStack.prototype.prepareStack / toTerraform, cdktf 0.21.0 terraform-stack.js:94-98,
// 247-287) on the same configurations: the same JSON byte for byte, the same tokens resolved in
// the same order, the same cross-stack outputs and remote states, the same errors.
import fc from "fast-check";
import { App, Lazy, TerraformElement, TerraformLocal, TerraformStack, Testing, Token } from "cdktf";
import type { Construct } from "constructs";
import { prepareStackTokens, renderStackTokens } from "../../lib/core/stack-synthesis";
import { buildDefaultApp } from "../../stacks/default-app";

/** A configuration with tokens, described so that two apps can build the same one. */
type Spec =
  | { t: "lit"; v: unknown }
  | { t: "str"; parts: (string | Spec)[] }
  | { t: "num" }
  | { t: "numInString" }
  | { t: "list" }
  | { t: "any"; inner: Spec }
  | { t: "map" }
  | { t: "ref" }
  | { t: "fn" }
  | { t: "arr"; items: Spec[] }
  | { t: "obj"; entries: [string | { tokenKey: string }, Spec][] };

/** Builds a spec's value; each token records its number in `log` when it resolves. */
class Builder {
  private next = 0;
  constructor(
    private readonly log: string[],
    private readonly origin: TerraformLocal,
  ) {}

  private produce<T>(value: T): { produce: () => T } {
    const id = this.next++;
    return {
      produce: () => {
        this.log.push(`token ${id}`);
        return value;
      },
    };
  }

  build(spec: Spec): unknown {
    switch (spec.t) {
      case "lit":
        return spec.v;
      case "str":
        return spec.parts
          .map((p) => (typeof p === "string" ? p : Token.asString(this.build(p))))
          .join("");
      case "num":
        return Lazy.numberValue(this.produce(7));
      case "numInString":
        return `n=${Lazy.numberValue(this.produce(8))}`;
      case "list":
        return Lazy.listValue(this.produce(["a", "b"]));
      case "any":
        return Lazy.anyValue(this.produce(this.build(spec.inner)));
      case "map":
        return Token.asStringMap(Lazy.anyValue(this.produce({ k: "v" })));
      case "ref":
        return this.origin.asString;
      case "fn":
        return () => "a function is not configuration";
      case "arr":
        return spec.items.map((i) => this.build(i));
      case "obj":
        return Object.fromEntries(
          spec.entries.map(([k, v]) => [
            typeof k === "string" ? k : Lazy.stringValue(this.produce(k.tokenKey)),
            this.build(v),
          ]),
        );
    }
  }
}

class RawElement extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly config: unknown,
    private readonly meta: unknown,
  ) {
    super(scope, id);
  }
  public toTerraform(): Record<string, unknown> {
    return { resource: { raw: { [this.node.id]: this.config } } };
  }
  public toMetadata(): Record<string, unknown> {
    return { raw: this.meta };
  }
}

const literal = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    "1e+5",
    "1e5",
    "sg-0e1ab",
    "e+",
    "${x}",
    "$${y}",
    "TfToken[",
    Token.STRING_MAP_TOKEN_VALUE,
    "",
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Token.NUMBER_MAP_TOKEN_VALUE, -0, 2 ** 60),
  fc.boolean(),
  fc.constantFrom(null, undefined),
);

const specs = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal.map((v): Spec => ({ t: "lit", v })),
    fc.constantFrom<Spec>({ t: "num" }, { t: "numInString" }, { t: "list" }, { t: "map" }),
    fc.constant<Spec>({ t: "ref" }),
    fc
      .array(fc.oneof(fc.string({ maxLength: 4 }), tie("spec")), { maxLength: 3 })
      .map((parts): Spec => ({ t: "str", parts })),
    tie("spec").map((inner): Spec => ({ t: "any", inner })),
    fc.array(tie("spec"), { maxLength: 4 }).map((items): Spec => ({ t: "arr", items })),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.string({ maxLength: 4 }),
            fc.constantFrom("1e+9", "__x"),
            fc.string({ maxLength: 3 }).map((tokenKey) => ({ tokenKey })),
          ),
          tie("spec"),
        ),
        { maxLength: 4 },
      )
      .map((entries): Spec => ({ t: "obj", entries })),
  ),
})).spec;

/** An app with an origin stack (a local) and a target stack whose elements hold the specs. */
function appWith(configs: Spec[], meta: Spec, override?: Spec) {
  const log: string[] = [];
  const app = new App({ outdir: "unused", stackTraces: false });
  const origin = new TerraformStack(app, "origin");
  const local = new TerraformLocal(origin, "shared", "value");
  const target = new TerraformStack(app, "target");
  const builder = new Builder(log, local);
  configs.forEach((c, i) => new RawElement(target, `e${i}`, builder.build(c), builder.build(meta)));
  if (override) target.addOverride("locals.extra", builder.build(override));
  target.addOverride("locals.removed", undefined);
  return { app, origin, target, log };
}

/**
 * An outcome of the second app as if it were the first: cdktf numbers tokens process-wide, so
 * the same token has another number in each app, and a token cdktf leaves unresolved (a number
 * token with a digit written after it, which cdktf's pattern then reads as another number) is
 * written as its number.
 */
function sameApp(o: { ok: string } | { error: string }): unknown {
  const text = ("ok" in o ? o.ok : o.error) ?? "";
  const normal = text
    .replace(/-?\d+(\.\d+)?e\+\d+/g, "<number token>")
    .replace(/TOKEN\.\d+/g, "TOKEN.n");
  return "ok" in o ? { ok: normal } : { error: normal };
}

function outcome(run: () => unknown): { ok: string } | { error: string } {
  try {
    return { ok: JSON.stringify(run()) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

test("the render is cdktf's render: same JSON, same tokens in the same order, same errors", () => {
  fc.assert(
    fc.property(
      fc.array(specs, { minLength: 1, maxLength: 3 }),
      specs,
      fc.option(specs),
      fc.boolean(),
      (configs, meta, override, withFunction) => {
        const all = withFunction ? [...configs, { t: "fn" } as Spec] : configs;
        const { target, log } = appWith(all, meta, override ?? undefined);
        const theirs = outcome(() => TerraformStack.prototype.toTerraform.call(target));
        const theirLog = log.splice(0);
        const ours = outcome(() => renderStackTokens(target));
        expect(ours).toEqual(theirs);
        expect(log).toEqual(theirLog);
      },
    ),
    { numRuns: 400 },
  );
});

test("the preparing pass is cdktf's: same tokens in the same order, same cross-stack wiring", () => {
  fc.assert(
    fc.property(fc.array(specs, { minLength: 1, maxLength: 3 }), specs, (configs, meta) => {
      // Built on one line: a token's creation stack (in some error messages) names it.
      const [a, b] = [0, 1].map(() => appWith(configs, meta));
      const theirs = outcome(() => TerraformStack.prototype.prepareStack.call(a.target));
      const ours = outcome(() => prepareStackTokens(b.target));
      expect(sameApp(ours)).toEqual(sameApp(theirs));
      expect(b.log).toEqual(a.log);
      // What the pass added (an output in the origin, a remote state in the target) renders the same.
      for (const [x, y] of [
        [a.origin, b.origin],
        [a.target, b.target],
      ]) {
        expect(sameApp(outcome(() => Testing.synth(y)))).toEqual(
          sameApp(outcome(() => Testing.synth(x))),
        );
      }
    }),
    { numRuns: 300 },
  );
});

test("a cross-stack reference is wired as cdktf wires it", () => {
  const [a, b] = [0, 1].map(() => appWith([{ t: "ref" }], { t: "lit", v: 1 }));
  TerraformStack.prototype.prepareStack.call(a.target);
  prepareStackTokens(b.target);
  const target = JSON.parse(Testing.synth(b.target));
  expect(target.data.terraform_remote_state).toBeDefined();
  expect(target.resource.raw.e0).toMatch(/^\$\{data\.terraform_remote_state\./);
  expect(JSON.parse(Testing.synth(b.origin)).output).toBeDefined();
  expect(Testing.synth(b.target)).toBe(Testing.synth(a.target));
  expect(Testing.synth(b.origin)).toBe(Testing.synth(a.origin));
});

test("an error names the value's path inside the element, as cdktf's does", () => {
  const { target } = appWith([{ t: "obj", entries: [["deep", { t: "fn" }]] }], { t: "lit", v: 1 });
  expect(() => renderStackTokens(target)).toThrow(/resource\/raw\/e0\/deep/);
  expect(() => prepareStackTokens(target)).toThrow(/resource\/raw\/e0\/deep/);
});

test("cdktf's depth limit counts from the element, and a number token written without `+` resolves", () => {
  let deep: unknown = "leaf";
  for (let i = 0; i < 205; i++) deep = { k: deep };
  const tooDeep = appWith([{ t: "lit", v: deep }], { t: "lit", v: 1 });
  const theirs = outcome(() => TerraformStack.prototype.toTerraform.call(tooDeep.target));
  expect(theirs).toEqual({
    error: expect.stringMatching(/circular reference at '\/resource\/raw\/e0\/k\/k/),
  });
  expect(outcome(() => renderStackTokens(tooDeep.target))).toEqual(theirs);
  expect(outcome(() => prepareStackTokens(tooDeep.target))).toEqual(
    outcome(() => TerraformStack.prototype.prepareStack.call(tooDeep.target)),
  );

  const { target } = appWith([{ t: "lit", v: 0 }], { t: "lit", v: 1 });
  const written = String(Lazy.numberValue({ produce: () => 42 })).replace("e+", "e");
  new RawElement(target, "noplus", `n=${written}`, {});
  const rendered = renderStackTokens(target) as { resource: { raw: { noplus: string } } };
  expect(rendered.resource.raw.noplus).toBe("n=42");
  expect(JSON.stringify(rendered)).toBe(
    JSON.stringify(TerraformStack.prototype.toTerraform.call(target)),
  );
});

test("an undefined value does not take away what an earlier element wrote (cdktf's merge deletes on undefined)", () => {
  class Locals extends TerraformElement {
    constructor(
      scope: Construct,
      id: string,
      private readonly locals: Record<string, unknown>,
    ) {
      super(scope, id);
    }
    public toTerraform(): Record<string, unknown> {
      return { locals: this.locals };
    }
  }
  const { target } = appWith([{ t: "lit", v: 0 }], { t: "lit", v: 1 });
  new Locals(target, "first", { kept: "yes", list: ["a"] });
  new Locals(target, "second", { kept: undefined, list: [undefined, "b"] });
  const ours = renderStackTokens(target) as { locals: Record<string, unknown> };
  expect(ours.locals).toEqual({ kept: "yes", list: ["a", "b"] });
  expect(JSON.stringify(ours)).toBe(
    JSON.stringify(TerraformStack.prototype.toTerraform.call(target)),
  );
});

test("every stack of the default app renders exactly as cdktf renders it", () => {
  const app = new App({ outdir: "unused", stackTraces: false });
  const stacks = buildDefaultApp(app);
  expect(stacks.length).toBeGreaterThan(1);
  for (const stack of stacks) {
    stack.prepareStack();
    const ours = JSON.stringify(stack.toTerraform());
    const theirs = TerraformStack.prototype.toTerraform.call(stack) as { terraform: object };
    expect(ours).toBe(
      JSON.stringify({
        ...theirs,
        terraform: {
          required_version: JSON.parse(ours).terraform.required_version,
          ...theirs.terraform,
        },
      }),
    );
  }
});

test("where cdktf's internals cannot be had (a bundle, another layout), cdktf's own passes run", () => {
  jest.isolateModules(() => {
    const realPath = jest.requireActual<typeof import("path")>("path");
    jest.doMock("path", () => ({
      ...realPath,
      join: (...parts: string[]) =>
        parts.includes("private") ? "/nonexistent/resolve.js" : realPath.join(...parts),
    }));
    /* eslint-disable @typescript-eslint/no-require-imports */
    const isolated = require("cdktf") as typeof import("cdktf");
    const synthesis =
      require("../../lib/core/stack-synthesis") as typeof import("../../lib/core/stack-synthesis");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const app = new isolated.App({ outdir: "unused", stackTraces: false });
    const origin = new isolated.TerraformStack(app, "origin");
    const local = new isolated.TerraformLocal(origin, "shared", "value");
    const target = new isolated.TerraformStack(app, "target");
    new isolated.TerraformLocal(target, "uses", `x-${local.asString}`);
    // The fast path would call the missing resolver and throw; the fallback is cdktf's.
    synthesis.prepareStackTokens(target);
    const ours = JSON.stringify(synthesis.renderStackTokens(target));
    expect(ours).toBe(JSON.stringify(isolated.TerraformStack.prototype.toTerraform.call(target)));
    expect(ours).toContain("terraform_remote_state");
  });
  jest.dontMock("path");
});
