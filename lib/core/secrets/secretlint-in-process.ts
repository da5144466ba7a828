import * as nodeModule from "module";

// Runs secretlint's recommended preset in this thread, synchronously, without @secretlint/core:
// core's lintSource is async only because a rule's `file` handler may be, and loading core plus
// running it in a worker (secretlint-bridge.ts) cost ~70 ms CPU and ~22 MiB per synth. The
// preset's rules are driven here through their public rule API (@secretlint/types 12.0.0:
// SecretLintRuleCreator, SecretLintRuleContext, SecretLintSourceCode), by glue that mirrors what
// @secretlint/core 12.0.0 does for the one configuration the bridge's worker uses
// (WORKER_SOURCE in secretlint-bridge.ts: each rule of the preset's `rules` export as its own
// descriptor `{ id: rule.meta.id, rule, disabled }`, disabled for DISABLED_RULE_IDS; locale "en").
// Mirrored (node_modules/@secretlint/core/module/, 12.0.0):
// - index.js:9-87 lintSource (41-58 registers the descriptors in order), 97-140 registerRule:
//   100-103 a descriptor with `disabled` is not registered at all; 124-138 the rule branch:
//   rule id = the descriptor's id, sharedOptions {} (107), no severity (RuleContext.js:57 makes
//   it "error"), no ruleParentId; options `{}` (SecretLintRuleImpl.js:9-10); no
//   allowMessageIds (messages/filter-message-id.js then filters nothing); 140 a descriptor of
//   any other type throws (loadInProcess refuses such a preset: the worker runs core instead);
// - RunningEvents.js:24-32 a duplicate rule id throws; 38-54 `file` of each supporting rule,
//   in registration order;
// - SecretLintRuleImpl.js:24-40 supportSourceCode, and `file` called unbound;
// - RuleContext.js:34-87 createTranslator / ignore / report; helper/SecretLintRuleMessageTranslator.js:32-68;
// - SecretLintSourceCodeImpl.js:14-18 (a leading BOM is stripped: ranges index the rest);
// - messages/index.js:16-24 cleanupMessages: filter-ignored-process.js, filter-duplicated-process.js
//   (same range, severity and message: the last one stays), sort-messages-process.js.
//   maskSecrets only rewrites message texts, which the hits do not carry.
// A handler that returns a promise (async work, e.g. the GCP rule on a `.p12` file) makes
// `lintInProcess` answer "async" and the bridge runs that call in the worker instead.

/**
 * Rules of the preset that the scan does not run. `@secretlint/secretlint-rule-filter-comments`
 * honours `secretlint-disable` / `-enable` / `-disable-line` / `-disable-next-line` written in
 * the scanned text: in synthesized output that text is a user's value (a label, a Helm value, a
 * construct id), and with all strings joined into one source one such string would silence every
 * rule for every string after it. The output is machine-written; a false positive goes to the
 * library's allow-list (allow-list.ts), never into text in a value.
 *
 * Disabled with secretlint's own `disabled` of a rule descriptor (core index.js:100-103, 12.0.0).
 * Not on a `rules` entry of the preset's descriptor: core 12.0.0 ignores `disabled` there
 * (RulePresetContext.js:20,46 passes it on; RunningEvents.js:24-37 registers the rule anyway).
 */
export const DISABLED_RULE_IDS: readonly string[] = ["@secretlint/secretlint-rule-filter-comments"];

/** One hit: index of the source, rule id (`@secretlint/secretlint-rule-github`), `[start, end)`. */
export interface InProcessHit {
  readonly source: number;
  readonly ruleId: string;
  readonly range: readonly [number, number];
}

type Range = readonly [number, number];
type Messages = Record<
  string,
  ((props?: object) => string) | Record<string, (props?: object) => string>
>;
interface Translated {
  readonly message: string;
  readonly messageId: string;
  readonly data?: object;
}
interface RuleContext {
  readonly sharedOptions: object;
  createTranslator(messages: Messages): (messageId: string, props?: object) => Translated;
  report(descriptor: { message: Translated; range: Range }): void;
  ignore(descriptor: { message: Translated; range: Range; targetRuleId: string }): void;
}
interface RuleCreator {
  readonly meta: {
    readonly id: string;
    readonly type: string;
    readonly supportedContentTypes: readonly string[];
  };
  create(context: RuleContext, options: object): { file?(source: unknown): unknown };
}
interface Position {
  line: number;
  column: number;
}
interface LineIndex {
  locationToRange(loc: { start: Position; end: Position }): [number, number];
  rangeToLocation(range: Range): { start: Position; end: Position };
  positionToIndex(pos: Position): number;
  indexToPosition(index: number): Position;
}
interface Loaded {
  /** The preset's `rules` export: the rules its create() registers, in that order. */
  readonly rules: readonly RuleCreator[];
  readonly StructuredSource: new (text: string) => LineIndex;
}

let loaded: Loaded | Error | undefined;

/**
 * Loads the preset's rules (ESM, through `require()`, unflagged from Node 20.19 / 22.12) and
 * structured-source (core's own line index, CommonJS), once. Returns the error when this Node
 * cannot: the caller then uses the worker. Node's own require, from
 * `process.getBuiltinModule` (Node 20.16+): a test runner's module registry (jest's, which
 * replaces the `module` built-in and cannot load ES modules) is not in the way.
 */
export function loadInProcess(): Loaded | Error {
  if (loaded === undefined) {
    try {
      // getBuiltinModule: Node 20.16+ (older ones cannot require() ES modules anyway).
      const { createRequire } = process.getBuiltinModule?.("module") ?? nodeModule;
      const nodeRequire = createRequire(__filename);
      const { rules } = nodeRequire("@secretlint/secretlint-rule-preset-recommend") as {
        rules: RuleCreator[];
      };
      // structured-source is a dependency of @secretlint/core: resolve it from there.
      const fromCore = createRequire(nodeRequire.resolve("@secretlint/core"));
      const { StructuredSource } = fromCore("structured-source") as Pick<
        Loaded,
        "StructuredSource"
      >;
      // Only scanner rules are mirrored (core index.js:124-138), and a disabled id must name one.
      if (
        !Array.isArray(rules) ||
        !rules.every((r) => r?.meta?.type === "scanner" && typeof r.create === "function") ||
        !DISABLED_RULE_IDS.every((id) => rules.some((r) => r.meta.id === id)) ||
        typeof StructuredSource !== "function"
      ) {
        throw new Error("unexpected shape of @secretlint/secretlint-rule-preset-recommend");
      }
      loaded = { rules, StructuredSource };
    } catch (error) {
      loaded = error instanceof Error ? error : new Error(String(error));
    }
  }
  return loaded;
}

/** helper/SecretLintRuleMessageTranslator.js:32-68 with locale "en". */
function translator(messages: Messages) {
  return (messageId: string, props?: object): Translated => {
    const handler = messages[messageId];
    if (!handler) throw new Error(`messages:${messageId} is missing in messages.`);
    const format = typeof handler === "function" ? handler : handler.en;
    if (!format) throw new Error(`message's key:${messageId}.en should be defined in messages.`);
    const message = typeof props !== "object" || props === null ? format() : format(props);
    return { message, messageId, data: props };
  };
}

interface Reported {
  readonly ruleId: string;
  readonly range: Range;
  readonly message: string;
}

/** Lints one text source as core's lintSource does (index.js:9-87); "async" if a handler went async. */
function lintOne(lib: Loaded, text: string, filePath: string): Reported[] | "async" {
  const hasBOM = text.charCodeAt(0) === 0xfeff;
  const content = hasBOM ? text.slice(1) : text;
  let lines: LineIndex | undefined;
  const index = () => (lines ??= new lib.StructuredSource(content));
  // SecretLintSourceCode (SecretLintSourceCodeImpl.js), the line index built on first use.
  const sourceCode = {
    hasBOM,
    content,
    filePath,
    physicalFilePath: undefined, // noPhysicFilePath: true
    contentType: "text" as const,
    ext: ".txt",
    getFilePath: () => filePath,
    getPhysicalFilePath: () => undefined,
    locationToRange: (loc: { start: Position; end: Position }) => index().locationToRange(loc),
    rangeToLocation: (range: Range) => {
      const { start, end } = index().rangeToLocation(range);
      return {
        start: { line: start.line, column: start.column },
        end: { line: end.line, column: end.column },
      };
    },
    positionToIndex: (pos: Position) => index().positionToIndex(pos),
    indexToPosition: (i: number) => {
      const { line, column } = index().indexToPosition(i);
      return { line, column };
    },
  };
  const reported: Reported[] = [];
  const ignored: { range: Range; targetRuleId: string }[] = [];
  const handlers: { rule: RuleCreator; file?: (source: unknown) => unknown }[] = [];
  const sharedOptions = {};
  for (const rule of lib.rules) {
    // The worker's descriptor: { id: rule.meta.id, rule, disabled }.
    const ruleId = rule.meta.id;
    // index.js:100-103: a disabled descriptor is not registered (its rule is never created).
    if (DISABLED_RULE_IDS.includes(ruleId)) continue;
    // RunningEvents.js:25-31.
    if (handlers.some((h) => h.rule.meta.id === ruleId)) {
      throw new Error(`rule.id:${ruleId} is already registered.`);
    }
    const context: RuleContext = {
      sharedOptions,
      createTranslator: translator,
      report: ({ message, range }) => reported.push({ ruleId, range, message: message.message }),
      ignore: ({ range, targetRuleId }) => ignored.push({ range, targetRuleId }),
    };
    // SecretLintRuleImpl.js:9-10 options {}; 35-40 calls `file` unbound.
    handlers.push({ rule, file: rule.create(context, {}).file });
  }
  for (const { rule, file } of handlers) {
    const types = rule.meta.supportedContentTypes;
    if (!file || !(types.includes("all") || types.includes("text"))) continue;
    const result = file(sourceCode) as
      { then?: unknown; catch?: (f: () => void) => void } | undefined;
    if (typeof result?.then === "function") {
      // Its reports would arrive later: this source needs core's async run. Swallow its outcome.
      result.catch?.(() => undefined);
      return "async";
    }
  }
  // filter-ignored-process.js: both ends inside an ignored range, for its rule or "*".
  const inside = (i: number, [start, end]: Range) => start <= i && i <= end;
  const kept = reported.filter(
    (m) =>
      !ignored.some(
        (ig) =>
          inside(m.range[0], ig.range) &&
          inside(m.range[1], ig.range) &&
          (!ig.targetRuleId || ig.targetRuleId === "*" || ig.targetRuleId === m.ruleId),
      ),
  );
  // filter-duplicated-process.js: of messages with equal range and message, the last stays.
  const seen = new Set<string>();
  const unique: Reported[] = [];
  for (let i = kept.length - 1; i >= 0; i--) {
    const m = kept[i];
    const key = `${m.range[0]}\0${m.range[1]}\0${m.message}`;
    if (!seen.has(key)) unique.push(m);
    seen.add(key);
  }
  unique.reverse();
  // sort-messages-process.js: by start, then end (a stable sort).
  return unique.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

/**
 * Runs the recommended preset's rules (less DISABLED_RULE_IDS) over texts as the worker does
 * (one source per text, file path `/runner-pools-output/<i>.txt`). Returns "async" when a rule
 * handler returned a promise (the caller must then use core), and throws what a rule throws.
 */
export function lintInProcess(lib: Loaded, sources: readonly string[]): InProcessHit[] | "async" {
  const hits: InProcessHit[] = [];
  for (let i = 0; i < sources.length; i++) {
    const messages = lintOne(lib, sources[i], `/runner-pools-output/${i}.txt`);
    if (messages === "async") return "async";
    for (const m of messages)
      hits.push({ source: i, ruleId: m.ruleId, range: [m.range[0], m.range[1]] });
  }
  return hits;
}
