/**
 * The sandbox's card "network": what a card number does on the hosted page. Pure functions, no
 * database, so the page, the submit handler and the tests share one definition.
 *
 * StepPay has no public test cards; these follow the numbers every payments developer knows.
 */
export type CardOutcome = "approved" | "declined" | "error";
export type CheckoutLang = "ko" | "en";

export const TEST_CARDS = [
  { outcome: "approved", number: "4242 4242 4242 4242", label: "Approved" },
  { outcome: "declined", number: "4000 0000 0000 0002", label: "Declined" },
  { outcome: "error", number: "4000 0000 0000 0119", label: "Error" },
] as const satisfies readonly { outcome: CardOutcome; number: string; label: string }[];

export const CARD_FAILURES = {
  declined: {
    errorCode: "CARD_DECLINED",
    errorMessage: { en: "Declined by the card issuer: insufficient limit", ko: "카드사 승인 거절: 한도 초과" },
  },
  error: {
    errorCode: "PG_PROCESSING_ERROR",
    errorMessage: { en: "The payment gateway could not process the card", ko: "PG사에서 카드를 처리하지 못했습니다" },
  },
} as const;

/** The PG the sandbox reports on payments (StepPay's `paymentGateway` enum). */
export const SANDBOX_PAYMENT_GATEWAY = "NICE";

export function digitsOnly(cardNumber: string): string {
  return cardNumber.replace(/[\s-]/g, "");
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The two named failure cards fail; any other Luhn-valid number is approved. */
export function cardOutcome(digits: string): CardOutcome {
  const match = TEST_CARDS.find((card) => digitsOnly(card.number) === digits);
  return match?.outcome ?? "approved";
}

/** Like Korean PG receipts: the BIN and the last four digits, the rest masked. */
export function maskCardNumber(digits: string): string {
  return `${digits.slice(0, 6)}${"*".repeat(Math.max(0, digits.length - 10))}${digits.slice(-4)}`;
}

export type CardField = "cardNumber" | "expiry" | "cvc" | "cardHolder";

export type CardInput = { cardNumber: string; expiry: string; cvc: string; cardHolder: string };

/**
 * Checks what the shopper typed. The card is valid through the last day of its expiry month
 * (as printed cards are). Returns the fields in error, in form order.
 */
export function validateCard(input: CardInput, now: Date = new Date()): { ok: true; digits: string } | { ok: false; fields: CardField[] } {
  const fields: CardField[] = [];
  const digits = digitsOnly(input.cardNumber);
  if (!isLuhnValid(digits)) fields.push("cardNumber");

  const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  const month = expiry ? Number(expiry[1]) : 0;
  const year = expiry ? (expiry[2]!.length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2])) : 0;
  const validMonth = month >= 1 && month <= 12;
  const notExpired = year > now.getUTCFullYear() || (year === now.getUTCFullYear() && month >= now.getUTCMonth() + 1);
  if (!expiry || !validMonth || !notExpired) fields.push("expiry");

  if (!/^\d{3,4}$/.test(input.cvc.trim())) fields.push("cvc");
  if (input.cardHolder.trim() === "") fields.push("cardHolder");
  return fields.length ? { ok: false, fields } : { ok: true, digits };
}
