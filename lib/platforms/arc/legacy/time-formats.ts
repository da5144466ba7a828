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

const DAY_MS = 24 * 3600 * 1000;

/**
 * The shortest period of a frequency as ARC measures it: from the current time, with Go's
 * `time.Date` adding one day, seven days, one month or one year to now (ARC v0.27.6,
 * controllers/actions.summerwind.net/schedule.go:72-84). Months measured from a day in
 * February of a common year last 28 days; years, 365 days. The controller's clock is UTC
 * (its image has no time zone), so a day is always 24 hours.
 */
export function shortestPeriodMs(frequency: RecurrenceFrequency): number {
  switch (frequency) {
    case "Daily":
      return DAY_MS;
    case "Weekly":
      return 7 * DAY_MS;
    case "Monthly":
      return 28 * DAY_MS;
    case "Yearly":
      return 365 * DAY_MS;
  }
}
