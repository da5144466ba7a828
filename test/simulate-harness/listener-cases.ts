// Generates the scale-set listener differential cases (JSONL on stdout):
// `npx tsx test/simulate-harness/listener-cases.ts`. Deterministic (seeded);
// scripts/simulate-harness.sh feeds them to the real listener loop of
// github.com/actions/scaleset v0.4.0 (test/simulate-harness/listener).
//
// Each case is a session (its statistics) and the answers GetMessage gives in turn: no message
// (HTTP 202 -> nil) or a message with statistics and a batch of job messages. Most cases follow a
// consistent little world (jobs become available, are acquired, assigned, started and completed;
// the statistics count them); some send arbitrary statistics, duplicate or unknown messages.
import { Rng } from "../../cli/simulate/rng";
import type {
  ListenerCase,
  ListenerJobMessage,
  ListenerPoll,
  ListenerStatistics,
} from "../../cli/simulate/scale-set";

export const LISTENER_CASE_COUNT = 3000;
const MAX_INT32 = 2147483647;

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)];
}

interface Job {
  readonly id: number;
  state: "available" | "assigned" | "running" | "done";
}

function statistics(jobs: Job[], registered: number): ListenerStatistics {
  const n = (s: Job["state"]) => jobs.filter((j) => j.state === s).length;
  const running = n("running");
  const assigned = n("assigned") + running;
  return {
    totalAvailableJobs: n("available"),
    totalAcquiredJobs: n("assigned"),
    totalAssignedJobs: assigned,
    totalRunningJobs: running,
    totalRegisteredRunners: Math.max(registered, running),
    totalBusyRunners: running,
    totalIdleRunners: Math.max(0, registered - running),
  };
}

function randomStatistics(rng: Rng): ListenerStatistics {
  return {
    totalAvailableJobs: rng.int(0, 6),
    totalAcquiredJobs: rng.int(0, 6),
    totalAssignedJobs: rng.next() < 0.05 ? rng.int(0, 5000) : rng.int(0, 25),
    totalRunningJobs: rng.int(0, 10),
    totalRegisteredRunners: rng.int(0, 10),
    totalBusyRunners: rng.int(0, 10),
    totalIdleRunners: rng.int(0, 10),
  };
}

function limits(rng: Rng): [number, number] {
  const min = pick(rng, [0, 0, 0, 1, 2, 3, 5]);
  const r = rng.next();
  if (r < 0.2) return [min, MAX_INT32]; // maxRunners unset (resourcebuilder.go:94-101)
  if (r < 0.25) return [min, Math.max(0, min - rng.int(1, 2))]; // max below min: target = max
  if (r < 0.28) return [min, 0];
  return [min, min + rng.int(0, 12)];
}

function worldCase(rng: Rng, id: string): ListenerCase {
  const [min, max] = limits(rng);
  const jobs: Job[] = [];
  let nextJob = 100 + rng.int(0, 50);
  let registered = min;
  for (let k = rng.next() < 0.5 ? 0 : rng.int(0, 6); k > 0; k--)
    jobs.push({ id: nextJob++, state: pick(rng, ["assigned", "running"]) });
  const initial = statistics(jobs, registered);
  const polls: ListenerPoll[] = [];
  let messageId = rng.next() < 0.8 ? 0 : rng.int(1, 1000);
  const pollCount = rng.int(0, 24);
  const busy = rng.next(); // how eventful the case is
  for (let p = 0; p < pollCount; p++) {
    if (rng.next() > busy) {
      polls.push(null);
      continue;
    }
    const batch: ListenerJobMessage[] = [];
    const msg = (messageType: string, j: Job) => batch.push({ messageType, runnerRequestId: j.id });
    for (let k = rng.int(0, 3); k > 0; k--) {
      const j: Job = { id: nextJob++, state: "available" };
      jobs.push(j);
      msg("JobAvailable", j);
    }
    for (const j of jobs) {
      const r = rng.next();
      if (j.state === "available" && r < 0.5) {
        j.state = "assigned";
        msg("JobAssigned", j);
      } else if (j.state === "assigned" && r < 0.5) {
        j.state = "running";
        registered = Math.max(registered, jobs.filter((x) => x.state === "running").length);
        msg("JobStarted", j);
      } else if (j.state === "running" && r < 0.4) {
        j.state = "done";
        msg("JobCompleted", j);
      } else if ((j.state === "available" || j.state === "assigned") && r > 0.97) {
        j.state = "done"; // cancelled before it ran: completed without a start
        msg("JobCompleted", j);
      }
    }
    // the service batches them in its own order; some duplicates and unknown types
    for (let i = batch.length - 1; i > 0; i--) {
      const k = rng.int(0, i);
      [batch[i], batch[k]] = [batch[k], batch[i]];
    }
    if (batch.length && rng.next() < 0.05) batch.push(batch[0]);
    if (rng.next() < 0.03)
      batch.push({ messageType: "RunnerScaleSetJobUnknown", runnerRequestId: 1 });
    messageId += rng.next() < 0.9 ? 1 : rng.int(2, 5);
    polls.push({
      messageId,
      statistics: rng.next() < 0.08 ? randomStatistics(rng) : statistics(jobs, registered),
      jobs: batch,
    });
  }
  return { id, min, max, sessionNil: false, initial, polls };
}

function randomCase(rng: Rng, id: string): ListenerCase {
  const [min, max] = limits(rng);
  let messageId = 0;
  const polls: ListenerPoll[] = Array.from({ length: rng.int(0, 20) }, () => {
    if (rng.next() < 0.4) return null;
    messageId += rng.int(1, 3);
    return {
      messageId,
      statistics: randomStatistics(rng),
      jobs: Array.from({ length: rng.int(0, 4) }, () => ({
        messageType: pick(rng, ["JobAvailable", "JobAssigned", "JobStarted", "JobCompleted"]),
        runnerRequestId: rng.int(1, 40),
      })),
    };
  });
  const r = rng.next();
  return {
    id,
    min,
    max,
    sessionNil: r < 0.03,
    initial: r >= 0.03 && r < 0.06 ? null : randomStatistics(rng),
    polls,
  };
}

export function listenerCases(seed = 18): ListenerCase[] {
  const rng = new Rng(seed).fork("listener");
  return Array.from({ length: LISTENER_CASE_COUNT }, (_, i) =>
    rng.next() < 0.8 ? worldCase(rng, `ss-${i + 1}`) : randomCase(rng, `ss-${i + 1}`),
  );
}

if (require.main === module) {
  process.stdout.write(
    listenerCases()
      .map((c) => `${JSON.stringify(c)}\n`)
      .join(""),
  );
}
