/**
 * Money as integers in the currency's minor unit: KRW has no minor unit (won), USD has cents.
 * Safe to import from the browser (formatting only, no prices).
 */
export const CURRENCIES = ["KRW", "USD"] as const;
export type Currency = (typeof CURRENCIES)[number];

const MINOR_DIGITS: Record<Currency, number> = { KRW: 0, USD: 2 };

// One formatter per language and currency: constructing an Intl.NumberFormat costs far more than using one.
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency: Currency, locale: string = "en"): string {
  const digits = MINOR_DIGITS[currency];
  const tag = locale === "ko" ? "ko-KR" : "en-US";
  const key = `${tag} ${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, formatter);
  }
  return formatter.format(amount / 10 ** digits);
}

/** Minor units → the provider's decimal string ("12.50" for 1250 cents, "59000" for ₩59,000). */
export function toDecimalString(amount: number, currency: Currency): string {
  const digits = MINOR_DIGITS[currency];
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`invalid amount ${amount}`);
  if (digits === 0) return String(amount);
  const s = String(amount).padStart(digits + 1, "0");
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * A provider's decimal (string or number) → minor units, or null when it is not an exact amount
 * in that currency ("12.505" USD, "abc", negative). Never rounds: a rounded amount could hide a
 * mismatch.
 */
export function parseDecimalAmount(value: string | number, currency: Currency): number | null {
  const digits = MINOR_DIGITS[currency];
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  if (fraction.replace(/0+$/, "").length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0").slice(0, digits) || "0");
}
