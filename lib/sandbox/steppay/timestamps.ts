/**
 * StepPay writes timestamps as ISO-8601 local date-times without a zone
 * (`2023-06-19T06:19:55.403711`). It is a Korean service, so the sandbox writes them in Korea
 * Standard Time (UTC+9, no daylight saving); see README Assumptions.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function toStepPayTimestamp(date: Date): string;
export function toStepPayTimestamp(date: Date | null | undefined): string | null;
export function toStepPayTimestamp(date: Date | null | undefined): string | null {
  if (!date) return null;
  // toISOString gives milliseconds; StepPay shows microseconds, so pad to six digits.
  return `${new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, -1)}000`;
}

/**
 * Reads a request timestamp: a zone-less date-time is taken as KST (like the ones StepPay
 * writes); one with `Z` or an offset is taken as given. Returns null when unparseable.
 */
export function parseStepPayTimestamp(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "0", zone] = match;
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(utc)) return null;
  if (!zone) return new Date(utc - KST_OFFSET_MS);
  if (zone === "Z") return new Date(utc);
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60 * 1000;
  return new Date(utc - offsetMs);
}

/** Adds a subscription interval, in calendar terms (a month from Jan 31 is the end of February). */
export function addInterval(date: Date, interval: "DAY" | "WEEK" | "MONTH" | "YEAR", count: number): Date {
  const next = new Date(date.getTime());
  if (interval === "DAY") next.setUTCDate(next.getUTCDate() + count);
  else if (interval === "WEEK") next.setUTCDate(next.getUTCDate() + 7 * count);
  else {
    const months = interval === "MONTH" ? count : 12 * count;
    const day = next.getUTCDate();
    next.setUTCDate(1);
    next.setUTCMonth(next.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
    next.setUTCDate(Math.min(day, lastDay));
  }
  return next;
}
