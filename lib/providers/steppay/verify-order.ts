import { check, type PaymentVerdict, type ProviderSubscription } from "../types";
import type { StepPayOrder, StepPayOrderSubscription } from "./schemas";

/**
 * Judges a StepPay order, as read from GET /api/v1/orders/{code}, against what the store stored.
 * StepPay has no order-level status: paid ⇔ paymentDate != null (seed 001). The store also
 * requires the amount and the order code to match (README Assumptions: "paid").
 */
/** The status recorded for a StepPay order cancelled before payment (every item CANCELLED). */
export const STEPPAY_ORDER_CANCELLED = "CANCELLED";

export type StepPayExpectation = {
  orderCode: string;
  /** KRW, whole won. */
  amount: number;
  currency: string;
};

export function verifyStepPayOrder(order: StepPayOrder, expected: StepPayExpectation): PaymentVerdict {
  const currency = order.currency ?? order.items?.find((item) => item.currency)?.currency ?? null;
  const checks = [
    check("orderCode", expected.orderCode, order.orderCode),
    { field: "paymentDate", expected: "set", actual: order.paymentDate ?? null, ok: Boolean(order.paymentDate) },
    check("paidAmount", String(expected.amount), String(order.paidAmount)),
    check("currency", expected.currency, currency),
  ];

  if (order.paymentDate) {
    const providerStatus = `paymentDate=${order.paymentDate}`;
    if (checks.every((c) => c.ok)) {
      return {
        state: "paid",
        checks,
        providerStatus,
        paidAmount: order.paidAmount,
        paidAt: order.paymentDate,
        // A refunded order keeps its paymentDate and paidAmount; only this grows.
        refundedAmount: Math.round(order.returnedAmount ?? 0),
        subscriptions: (order.subscriptions ?? []).map(toProviderSubscription),
      };
    }
    // Our order (same code), paid at StepPay, but not as the store expected: held for review. The
    // subscriptions it started charge regardless, so they are kept too (the shopper must be able to
    // cancel them).
    return { state: "mismatch", checks, providerStatus, ...(checks[0]!.ok ? { subscriptions: (order.subscriptions ?? []).map(toProviderSubscription) } : {}) };
  }

  // Not paid: the payment-date and amount checks are expected to fail here, only the identity matters.
  if (!checks[0]!.ok) return { state: "mismatch", checks, providerStatus: "order code differs" };

  // Cancelled before it was paid (the merchant, in StepPay's dashboard or by API): it can never be
  // paid now. Final for this StepPay order; paying again needs a new one.
  const items = order.items ?? [];
  if (items.length > 0 && items.every((item) => item.status === "CANCELLED")) {
    return {
      state: "failed",
      checks,
      providerStatus: STEPPAY_ORDER_CANCELLED,
      reason: { code: "ORDER_CANCELLED", message: "The order was cancelled at StepPay before it was paid" },
    };
  }
  const failedItem = order.items?.some((item) => item.status === "PAYMENT_FAILURE") ?? false;
  if (order.payment?.errorCode || failedItem) {
    return {
      state: "failed",
      checks,
      providerStatus: "PAYMENT_FAILURE",
      reason: {
        code: order.payment?.errorCode ?? "PAYMENT_FAILURE",
        message: order.payment?.errorMessage ?? "StepPay reported that the payment failed",
      },
    };
  }
  // (Never "CANCELLED" here: that status means the whole order was, above.)
  const itemStatus = order.items?.find((item) => item.status && item.status !== STEPPAY_ORDER_CANCELLED)?.status ?? "CREATED";
  return { state: "pending", checks, providerStatus: itemStatus };
}

export function toProviderSubscription(subscription: StepPayOrderSubscription): ProviderSubscription {
  const price = subscription.price as { code?: unknown } | null | undefined;
  return {
    id: subscription.id,
    status: subscription.status,
    priceCode: typeof price?.code === "string" ? price.code : null,
    startDate: subscription.startDate ?? null,
    lastPaymentDate: subscription.lastPaymentDate ?? null,
    nextPaymentDate: subscription.nextPaymentDate ?? null,
    interval: subscription.interval ?? null,
    intervalCount: subscription.intervalCount ?? null,
  };
}
