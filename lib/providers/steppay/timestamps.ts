/**
 * StepPay writes its timestamps without a zone ("2026-11-22T15:00:00", maybe with microseconds).
 * The merchant dashboard and its documentation are Korean: they are read as Korea time (UTC+9, no
 * daylight saving). JavaScript would read them as the server's own local time instead. A
 * timestamp that does carry a zone keeps it. Returns null for anything unreadable.
 */
export function parseStepPayTimestamp(value: string | null | undefined): Date | null {
  if (!value) return null;
  const hasZone = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value);
  // Microseconds: JavaScript reads at most milliseconds.
  const trimmed = value.replace(/(\.\d{3})\d+/, "$1");
  const time = Date.parse(hasZone ? trimmed : `${trimmed}+09:00`);
  return Number.isNaN(time) ? null : new Date(time);
}
