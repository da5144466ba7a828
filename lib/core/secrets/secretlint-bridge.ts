import * as path from "path";
import { pathToFileURL } from "url";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "worker_threads";
import { DISABLED_RULE_IDS, lintInProcess, loadInProcess } from "./secretlint-in-process";

/** One hit of secretlint's recommended preset in one source. */
export interface SecretlintHit {
  /** Index of the source in the request. */
  readonly source: number;
  /** secretlint rule id, e.g. `@secretlint/secretlint-rule-github`. */
  readonly ruleId: string;
  /** `[start, end)` in the source text. */
  readonly range: readonly [number, number];
}

// The preset runs in this thread, synchronously (secretlint-in-process.ts), where Node can
// require() it. Otherwise — Node < 20.19, or a rule handler that went async for a call — the
// call runs in the worker below with @secretlint/core itself. The worker alone is used when
// the environment variable CDKTF_RUNNER_POOLS_SECRETLINT_WORKER is "1" (internal, for tests).
//
// secretlint (@secretlint/core, @secretlint/secretlint-rule-preset-recommend) is ESM-only and
// its lintSource is async, while cdktf validation is synchronous. It runs in one worker thread
// (started on first use, unref'd so it never keeps the process alive); the caller blocks on
// Atomics.wait until the worker answers. The worker loads secretlint with import(), so the
// same code runs under Node 20 and 22+, in jest and in a consumer's app.
//
// The configuration lists the preset's rules (its `rules` export, the list its create()
// registers) one descriptor each, so that secretlint's own `disabled` turns off
// DISABLED_RULE_IDS (core index.js:100-103: a disabled descriptor is not registered; on a
// `rules` entry of the preset's descriptor core 12.0.0 ignores it: RulePresetContext.js:46,
// RunningEvents.js:24-37). Directives written in the output (`secretlint-disable`) are thus
// not honoured: see DISABLED_RULE_IDS.
const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { port, flag, core, preset, disabled } = workerData;
const loaded = Promise.all([import(core), import(preset)]);
port.on("message", async (request) => {
  let reply;
  try {
    const [{ lintSource }, { rules }] = await loaded;
    const missing = disabled.filter((id) => !rules.some((rule) => rule.meta.id === id));
    if (missing.length > 0) throw new Error("rules to disable not in the preset: " + missing.join(", "));
    const config = {
      rules: rules.map((rule) => ({ id: rule.meta.id, rule, disabled: disabled.includes(rule.meta.id) })),
    };
    const hits = [];
    for (let i = 0; i < request.sources.length; i++) {
      const result = await lintSource({
        source: { filePath: "/runner-pools-output/" + i + ".txt", content: request.sources[i], contentType: "text", ext: ".txt" },
        options: { config, maskSecrets: true, noPhysicFilePath: true },
      });
      for (const m of result.messages) {
        if (m.type === "message") hits.push({ source: i, ruleId: m.ruleId, range: [m.range[0], m.range[1]] });
      }
    }
    reply = { hits };
  } catch (error) {
    reply = { error: String(error && error.stack || error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

const TIMEOUT_MS = 60_000;

interface Bridge {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

let bridge: Bridge | undefined;

function start(): Bridge {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const resolve = (name: string) => pathToFileURL(require.resolve(name)).href;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      port: port2,
      flag,
      core: resolve("@secretlint/core"),
      preset: resolve("@secretlint/secretlint-rule-preset-recommend"),
      disabled: [...DISABLED_RULE_IDS],
    },
    transferList: [port2],
    // The worker needs no environment and no arguments of its host.
    env: {},
    argv: [],
    execArgv: [],
    stdout: false,
    stderr: false,
  });
  worker.unref();
  port1.unref();
  return { worker, port: port1, flag };
}

const workerOnly = () => process.env.CDKTF_RUNNER_POOLS_SECRETLINT_WORKER === "1";

/**
 * Loads secretlint now: the preset in this thread, or, where that cannot run, starts the
 * worker, so secretlint loads while the app builds its constructs. Idempotent.
 */
export function warmUpSecretlint(): void {
  if (workerOnly() || loadInProcess() instanceof Error) bridge ??= start();
}

/**
 * Runs secretlint's recommended preset (less DISABLED_RULE_IDS: disable directives in the
 * texts are not honoured) over texts, synchronously. Throws when secretlint
 * cannot run (a scan that silently found nothing would be worse than a failed synth).
 */
export function secretlintSync(sources: readonly string[]): SecretlintHit[] {
  if (sources.length === 0) return [];
  const lib = workerOnly() ? undefined : loadInProcess();
  if (lib !== undefined && !(lib instanceof Error)) {
    let hits: ReturnType<typeof lintInProcess>;
    try {
      hits = lintInProcess(lib, sources);
    } catch (error) {
      throw new Error(`secretlint failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (hits !== "async") return hits;
  }
  return inWorker(sources);
}

function inWorker(sources: readonly string[]): SecretlintHit[] {
  bridge ??= start();
  const { port, flag } = bridge;
  Atomics.store(flag, 0, 0);
  port.postMessage({ sources });
  if (Atomics.wait(flag, 0, 0, TIMEOUT_MS) === "timed-out") {
    void bridge.worker.terminate();
    bridge = undefined;
    throw new Error(`secretlint did not answer within ${TIMEOUT_MS / 1000} s`);
  }
  const reply = receiveMessageOnPort(port)?.message as
    { hits: SecretlintHit[]; error?: undefined } | { error: string } | undefined;
  if (!reply) throw new Error("secretlint answered nothing");
  if (reply.error !== undefined) throw new Error(`secretlint failed: ${reply.error}`);
  return reply.hits;
}

/** The secretlint packages this scan runs (name@version), for reports and docs. */
export function secretlintVersions(): string[] {
  return ["@secretlint/core", "@secretlint/secretlint-rule-preset-recommend"].map((name) => {
    const pkg = path.join(path.dirname(require.resolve(name)), "..", "package.json");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return `${name}@${(require(pkg) as { version: string }).version}`;
  });
}
