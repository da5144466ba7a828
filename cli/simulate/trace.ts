// Job traces: the simulator's JSONL format and importers (GitHub `workflow_job` webhooks and
// the REST jobs API, the GitLab Jobs API). The replay uses only the arrival time, the run time
// (completed - started) and the labels; observed waits (started - created) are kept as a
// baseline to compare against.
import { CliError } from "../errors";
import { type Json, arr, compare, isObject, obj, str } from "../json";

/** One job of a trace; times in seconds since the Unix epoch. */
export interface TraceJob {
  readonly id: string;
  /** when the job was queued */
  readonly created: number;
  /** when it started on a runner (observed), if known */
  readonly started?: number;
  /** when it finished (observed), if known */
  readonly completed?: number;
  /** `runs-on` labels (GitHub) or tags (GitLab) */
  readonly labels: string[];
}

/** A trace ready to replay: jobs sorted by (created, id), with a run time each. */
export interface Trace {
  readonly source: string;
  readonly jobs: (TraceJob & { readonly runSeconds: number })[];
  /** jobs dropped because their run time is unknown (no started/completed) */
  readonly withoutRunTime: number;
}

export const TRACE_FORMATS = ["jsonl", "github-webhooks", "github-jobs", "gitlab-jobs"] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

function time(value: Json, where: string, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t / 1000;
  }
  throw new CliError(`${where}: "${field}" is not a time (ISO 8601 or epoch seconds)`);
}

function labelsOf(value: Json, where: string, field: string): string[] {
  if (!Array.isArray(value) || !value.every((l) => typeof l === "string"))
    throw new CliError(`${where}: "${field}" must be a list of strings`);
  return value as string[];
}

function job(
  where: string,
  id: Json,
  created: Json,
  started: Json,
  completed: Json,
  labels: Json,
  names: [string, string, string, string, string],
): TraceJob {
  const idText = str(id);
  if (!idText) throw new CliError(`${where}: "${names[0]}" is missing`);
  const c = time(created, where, names[1]);
  if (c === undefined) throw new CliError(`${where}: "${names[1]}" is missing`);
  const s = time(started, where, names[2]);
  const d = time(completed, where, names[3]);
  if (s !== undefined && s < c)
    throw new CliError(`${where}: "${names[2]}" is before "${names[1]}"`);
  if (d !== undefined && s !== undefined && d < s)
    throw new CliError(`${where}: "${names[3]}" is before "${names[2]}"`);
  return {
    id: idText,
    created: c,
    ...(s !== undefined ? { started: s } : {}),
    ...(d !== undefined ? { completed: d } : {}),
    labels: labelsOf(labels, where, names[4]),
  };
}

function lines(text: string, label: string): { where: string; value: Json }[] {
  const out: { where: string; value: Json }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${label}:${i + 1}`;
    let value: Json;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CliError(`${where}: not a JSON object`);
    }
    if (!isObject(value)) throw new CliError(`${where}: not a JSON object`);
    out.push({ where, value });
  });
  return out;
}

/** JSON lines, or one JSON array (what `gh api --paginate` or a REST export writes). */
function records(text: string, label: string): { where: string; value: Json }[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    let parsed: Json;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new CliError(`${label}: not valid JSON`);
    }
    return arr(parsed).map((value, i) => ({ where: `${label}[${i}]`, value }));
  }
  return lines(text, label);
}

/** Parses a trace file's text in the given format. */
export function parseTrace(text: string, format: TraceFormat, label: string): TraceJob[] {
  const jobs: TraceJob[] = [];
  if (format === "jsonl") {
    for (const { where, value } of lines(text, label)) {
      const v = obj(value);
      jobs.push(
        job(where, v.id, v.created, v.started, v.completed, v.labels, [
          "id",
          "created",
          "started",
          "completed",
          "labels",
        ]),
      );
    }
  } else if (format === "github-webhooks") {
    // workflow_job deliveries (queued, in_progress, completed): the last one of a job wins.
    const byId = new Map<string, TraceJob>();
    for (const { where, value } of records(text, label)) {
      const w = obj(obj(value).workflow_job);
      if (!isObject(obj(value).workflow_job))
        throw new CliError(`${where}: not a workflow_job webhook payload (no "workflow_job")`);
      if (w.conclusion === "skipped") continue;
      const j = job(where, w.id, w.created_at, w.started_at, w.completed_at, w.labels, [
        "workflow_job.id",
        "workflow_job.created_at",
        "workflow_job.started_at",
        "workflow_job.completed_at",
        "workflow_job.labels",
      ]);
      const prev = byId.get(j.id);
      byId.set(j.id, prev ? { ...prev, ...j } : j);
    }
    jobs.push(...byId.values());
  } else if (format === "github-jobs") {
    // REST: GET /repos/{o}/{r}/actions/runs/{id}/jobs responses ({jobs: [...]}) or job objects.
    for (const { where, value } of records(text, label)) {
      const v = obj(value);
      const list = Array.isArray(v.jobs) ? v.jobs : [value];
      list.forEach((raw, i) => {
        const w = obj(raw);
        if (w.conclusion === "skipped") return;
        jobs.push(
          job(
            Array.isArray(v.jobs) ? `${where} jobs[${i}]` : where,
            w.id,
            w.created_at,
            w.started_at,
            w.completed_at,
            w.labels,
            ["id", "created_at", "started_at", "completed_at", "labels"],
          ),
        );
      });
    }
  } else {
    // GitLab: GET /projects/:id/jobs (JSON array per page, or JSON lines).
    for (const { where, value } of records(text, label)) {
      const w = obj(value);
      if (w.status === "skipped" || w.status === "manual") continue;
      jobs.push(
        job(where, w.id, w.created_at, w.started_at, w.finished_at, w.tag_list, [
          "id",
          "created_at",
          "started_at",
          "finished_at",
          "tag_list",
        ]),
      );
    }
  }
  if (jobs.length === 0) throw new CliError(`${label}: no jobs in the trace`);
  return jobs;
}

/** Sorts a parsed trace and keeps the jobs with a known run time. */
export function toTrace(jobs: TraceJob[], source: string): Trace {
  const seen = new Set<string>();
  for (const j of jobs) {
    if (seen.has(j.id)) throw new CliError(`${source}: job id ${j.id} appears twice`);
    seen.add(j.id);
  }
  const usable = jobs
    .filter((j) => j.started !== undefined && j.completed !== undefined)
    .map((j) => ({ ...j, runSeconds: (j.completed as number) - (j.started as number) }))
    .sort((a, b) => a.created - b.created || compare(a.id, b.id));
  if (usable.length === 0)
    throw new CliError(`${source}: no job has both "started" and "completed" (run time unknown)`);
  return { source, jobs: usable, withoutRunTime: jobs.length - usable.length };
}

/** JSONL text of jobs (the simulator's own format), one canonical line per job. */
export function traceJsonl(jobs: readonly TraceJob[]): string {
  return jobs
    .map((j) =>
      JSON.stringify({
        id: j.id,
        created: new Date(Math.round(j.created * 1000)).toISOString(),
        ...(j.started !== undefined
          ? { started: new Date(Math.round(j.started * 1000)).toISOString() }
          : {}),
        ...(j.completed !== undefined
          ? { completed: new Date(Math.round(j.completed * 1000)).toISOString() }
          : {}),
        labels: j.labels,
      }),
    )
    .map((l) => `${l}\n`)
    .join("");
}
