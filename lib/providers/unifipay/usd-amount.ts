/**
 * USD amounts as Unifi Pay writes them ("12.50") ⇄ integer cents. Kept inside this folder so the
 * client stays copyable on its own (the store's lib/money.ts has the same rules for all currencies).
 */

/** 1250 → "12.50". */
export function formatUsdAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`invalid amount in cents: ${cents}`);
  const s = String(cents).padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * "12.50", "12.5", 12.5 → 1250; null when the value is not an exact amount of cents ("12.505",
 * "abc", negative, exponent notation). Never rounds: a rounded amount could hide a mismatch.
 */
export function parseUsdAmount(value: string | number): number | null {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  if (fraction.replace(/0+$/, "").length > 2) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
}
