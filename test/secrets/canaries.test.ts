// The planted-canary suite: every string-accepting public input of the API reports gets a
// canary secret (a GitHub token, then a PEM private key after a leading newline), one input at
// a time, in a valid app. The synth must either refuse (without printing the canary) or write
// no file under the output directory that holds it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ApiInput, isFreeForm, stringInputs } from "./api-inputs";
import { Arg, BASELINES, Baseline, Plant } from "./baselines";
import { EXPECTED_LEAKS, NOT_PLANTED } from "./expected-gaps";

/** Canaries: a distinctive body, so a leak is found in any file, quoted or not. */
const BODY = "CanaryB0dyQ7x";
export const CANARIES = {
  "github-token": `ghp_${BODY}${"A1b2C3d4e5F6g7H8i9J0k1L2m3".slice(0, 36 - BODY.length)}`,
  "pem-private-key": `\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow${BODY}IBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----\n`,
} as const;

/** The canary shaped for the input's type. */
function shaped(input: ApiInput, canary: string): unknown {
  const type = input.type.replace(/\breadonly /g, "").trim();
  if (isFreeForm(type)) {
    const value = { canaryKey: canary, nested: { list: [canary] } };
    return type.endsWith("[]") ? [{ name: "canary", ...value }] : value;
  }
  if (/^Record<string, string>/.test(type)) return { "example.com/canary": canary };
  if (/^string\[\]/.test(type)) return [canary];
  return canary;
}

interface Hooks {
  plant: Plant;
  arg: Arg;
  hit: boolean;
}

function hooks(target: ApiInput | undefined, canary: string, seen?: Set<string>): Hooks {
  const h: Hooks = {
    hit: false,
    plant: (iface, props) => {
      seen?.add(iface);
      if (!target || target.parameter || target.owner !== iface) return props;
      h.hit = true;
      return { ...props, [target.member]: shaped(target, canary) };
    },
    arg: (method, index, value) => {
      seen?.add(`${method}#${index}`);
      if (
        !target?.parameter ||
        `${target.owner}.${target.method}` !== method ||
        target.index !== index
      )
        return value;
      h.hit = true;
      return shaped(target, canary) as typeof value;
    },
  };
  return h;
}

/** Which baseline reaches each input (the first that tags its interface or factory). */
function reach(inputs: readonly ApiInput[]): Map<string, Baseline> {
  const found = new Map<string, Baseline>();
  for (const baseline of BASELINES) {
    const seen = new Set<string>();
    const h = hooks(undefined, "", seen);
    baseline.build(
      new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "canary-")) }),
      h.plant,
      h.arg,
    );
    for (const input of inputs) {
      const key = input.parameter ? `${input.owner}.${input.method}#${input.index}` : input.owner;
      if (seen.has(key) && !found.has(input.id)) found.set(input.id, baseline);
    }
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

type Outcome =
  | { kind: "refused"; printed: boolean }
  | { kind: "absent" }
  | { kind: "leaked"; files: string[] }
  | { kind: "not-reached" };

function plantAndSynth(baseline: Baseline, input: ApiInput, canary: string): Outcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-"));
  try {
    const h = hooks(input, canary);
    let error: string | undefined;
    try {
      const app = new App({ outdir, stackTraces: false });
      baseline.build(app, h.plant, h.arg);
      if (!h.hit) return { kind: "not-reached" };
      app.synth();
    } catch (e) {
      error = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
    }
    const leaked = filesUnder(outdir)
      .filter((f) => fs.readFileSync(f).includes(BODY))
      .map((f) => path.relative(outdir, f));
    if (leaked.length > 0) return { kind: "leaked", files: leaked };
    if (error !== undefined) return { kind: "refused", printed: error.includes(BODY) };
    return { kind: "absent" };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const inputs = stringInputs();
const reached = reach(inputs);

describe("planted canaries", () => {
  test("the API reports list the string inputs (the suite is generated from them)", () => {
    expect(inputs.length).toBeGreaterThan(200);
  });

  // A baseline that does not synthesize would make every input planted in it "refused".
  test.each(BASELINES.map((b) => [b.name, b] as const))(
    "baseline %s synthesizes without findings",
    (_name, baseline) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-"));
      try {
        const h = hooks(undefined, "");
        const app = new App({ outdir, stackTraces: false });
        baseline.build(app, h.plant, h.arg);
        expect(() => app.synth()).not.toThrow();
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    },
  );

  test("every input is planted, or named as not planted with a reason", () => {
    const unplanted = inputs.filter((i) => !reached.has(i.id)).map((i) => i.id);
    const unexplained = unplanted.filter((id) => !NOT_PLANTED.some((g) => g.matches(id)));
    // Printed, never silently skipped.
    const byReason = new Map<string, string[]>();
    for (const id of unplanted) {
      const reason = NOT_PLANTED.find((g) => g.matches(id))?.reason ?? "UNEXPLAINED";
      byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
    }
    console.log(
      `canary suite: ${inputs.length} string inputs, ${reached.size} planted, ${unplanted.length} not planted:\n` +
        [...byReason].map(([r, ids]) => `  - ${r} (${ids.length}): ${ids.join(", ")}`).join("\n"),
    );
    expect(unexplained).toEqual([]);
  });

  const planted = inputs.filter((i) => reached.has(i.id));
  const leaks: string[] = [];
  afterAll(() => {
    if (leaks.length)
      console.log(`canary suite: expected gaps that still leak:\n  ${leaks.join("\n  ")}`);
  });

  describe.each(Object.entries(CANARIES))("%s", (canaryName, canary) => {
    test.each(planted.map((i) => [i.id, i] as const))("%s: refused or absent", (id, input) => {
      const outcome = plantAndSynth(reached.get(id) as Baseline, input, canary);
      const expected = EXPECTED_LEAKS.find((g) => g.matches(id, canaryName));
      if (outcome.kind === "leaked" && expected) {
        leaks.push(`${id} [${canaryName}] → ${outcome.files.join(", ")} — ${expected.reason}`);
        return;
      }
      expect(outcome.kind).not.toBe("not-reached");
      expect(outcome).not.toMatchObject({ kind: "leaked" });
      expect(outcome).not.toEqual({ kind: "refused", printed: true });
    });
  });
});
