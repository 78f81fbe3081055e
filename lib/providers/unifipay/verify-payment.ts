import { check, type PaymentVerdict, type VerificationCheck } from "../types";
import type { UnifiPaymentStatus } from "./schemas";
import { formatUsdAmount, parseUsdAmount } from "./usd-amount";

/** What the store stored when it created the Unifi Pay transaction. */
export type UnifiExpectedPayment = {
  transactionId: string;
  orderId: string;
  storeId: string;
  /** The order total in cents. */
  amountCents: number;
  currency: "USD";
};

/**
 * Judges a status response against what the store stored. Pure: no I/O.
 *
 * Paid only when status is CONFIRMED and every stored fact matches (README Assumptions: the
 * status API is the truth, never the return URL or the callback). Any status other than
 * CONFIRMED or FAILED is still pending (open union).
 */
export function verifyUnifiPayment(payment: UnifiPaymentStatus, expected: UnifiExpectedPayment): PaymentVerdict {
  const providerStatus = payment.status;
  const actualCents = parseUsdAmount(payment.orderAmount);
  const amountCheck: VerificationCheck = {
    field: "orderAmount",
    expected: formatUsdAmount(expected.amountCents),
    // The provider's own text, so the UI shows exactly what Unifi said; compared exactly in cents.
    actual: payment.orderAmount,
    ok: actualCents !== null && actualCents === expected.amountCents,
  };
  const factChecks: VerificationCheck[] = [
    check("transactionId", expected.transactionId, payment.transactionId),
    check("orderId", expected.orderId, payment.orderId),
    check("storeId", expected.storeId, payment.storeId),
    amountCheck,
    check("orderCurrencyCode", expected.currency, payment.orderCurrencyCode),
  ];
  const checks = [check("status", "CONFIRMED", payment.status), ...factChecks];

  if (payment.status === "CONFIRMED") {
    if (!factChecks.every((c) => c.ok)) return { state: "mismatch", checks, providerStatus };
    // The published status API has no payment time; payAmount may be lower than orderAmount by
    // discountAmount, but the order total is what this store verified and is owed.
    return { state: "paid", checks, providerStatus, paidAmount: expected.amountCents, paidAt: null };
  }
  if (payment.status === "FAILED") {
    return {
      state: "failed",
      checks,
      providerStatus,
      reason: { code: "UNIFI_FAILED", message: "Unifi Pay reported the payment as failed" },
    };
  }
  return { state: "pending", checks, providerStatus };
}
