/** Go `time.ParseDuration` syntax, e.g. `30m`, `1h30m`, `90s` (what ARC parses trigger durations with). */
const GO_DURATION = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)/;
const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Parses a Go duration into seconds; undefined when the text is not a Go duration. */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  let rest = text.startsWith("+") || text.startsWith("-") ? text.slice(1) : text;
  const sign = text.startsWith("-") ? -1 : 1;
  if (rest.length === 0) return undefined;
  let seconds = 0;
  while (rest.length > 0) {
    const match = GO_DURATION.exec(rest);
    if (!match) return undefined;
    seconds += Number(match[1]) * UNIT_SECONDS[match[3]];
    rest = rest.slice(match[0].length);
  }
  return sign * seconds;
}

/** RFC 3339 date-time with a mandatory offset (`Z` or `±hh:mm`), as Kubernetes `date-time` fields need. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp to epoch milliseconds; undefined when it is not one (or not a real date). */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Reject dates JavaScript silently rolls over (e.g. 2025-02-30).
  const utcDay = new Date(Date.UTC(y, mo - 1, d));
  if (utcDay.getUTCMonth() !== mo - 1) return undefined;
  return ms;
}

/** Calendar periods of a scheduled override's recurrence. */
export type RecurrenceFrequency = "Daily" | "Weekly" | "Monthly" | "Yearly";

/**
 * End of one recurrence period that starts at `startMs` (calendar arithmetic in UTC, like
 * Go's `AddDate`): one day, seven days, one month or one year later.
 */
export function addPeriod(startMs: number, frequency: RecurrenceFrequency): number {
  const d = new Date(startMs);
  switch (frequency) {
    case "Daily":
      d.setUTCDate(d.getUTCDate() + 1);
      break;
    case "Weekly":
      d.setUTCDate(d.getUTCDate() + 7);
      break;
    case "Monthly":
      d.setUTCMonth(d.getUTCMonth() + 1);
      break;
    case "Yearly":
      d.setUTCFullYear(d.getUTCFullYear() + 1);
      break;
  }
  return d.getTime();
}
