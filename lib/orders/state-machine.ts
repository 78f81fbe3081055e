import type { PaymentVerdict } from "@/lib/providers/types";

/**
 * The store's order statuses and the only allowed moves between them.
 *
 *   pending ──paid verdict──▶ paid ──refund──▶ partially_refunded ──▶ refunded
 *      │  ▲                    ▲
 *      │  └─ shopper pays again (failed / canceled → pending)
 *      ├──failed verdict──▶ failed
 *      ├──back without paying (cancel return) ──▶ canceled
 *      └──provider reports a payment that does not match ──▶ review (never paid automatically)
 *
 * "paid" is final for payment: no verdict, hint or retry moves an order out of it; only refunds.
 */
export const ORDER_STATUSES = ["pending", "paid", "failed", "canceled", "review", "partially_refunded", "refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * What the browser's return said. StepPay's return URLs name an outcome (success / error / cancel).
 * Unifi Pay's names none: "returned" only says the shopper came back, so the provider's answer
 * decides, and only a payment still pending reads as "left without paying".
 */
export type ReturnHint = "success" | "error" | "cancel" | "returned" | null;

const SETTLED: ReadonlySet<OrderStatus> = new Set(["paid", "partially_refunded", "refunded"]);

export function isSettled(status: OrderStatus): boolean {
  return SETTLED.has(status);
}

/** Whether the shopper may (re)open the payment page for an order in this status. */
export function canStartPayment(status: OrderStatus): boolean {
  return status === "pending" || status === "failed" || status === "canceled";
}

export type Transition = {
  status: OrderStatus;
  changed: boolean;
  failure: { code: string; message: string } | null;
};

/**
 * Where a verified provider answer takes an order. `hint` is what the browser's return URL said:
 * it is never believed for money; it only tells a still-pending payment apart from "the shopper
 * came back without paying".
 */
export function applyVerdict(current: OrderStatus, verdict: PaymentVerdict, hint: ReturnHint = null): Transition {
  if (isSettled(current)) return unchanged(current);
  switch (verdict.state) {
    case "paid":
      return { status: "paid", changed: true, failure: null };
    case "mismatch":
      return current === "review" ? unchanged(current) : { status: "review", changed: true, failure: null };
    case "failed":
      if (current === "review") return unchanged(current);
      // StepPay's order lookup may still report an earlier attempt's failure while the shopper has
      // just canceled this one on its page: show what they did (canceled); money is not at stake.
      // A Unifi transaction is one attempt: its FAILED is this attempt's decline ("returned").
      if (hint === "cancel" && current === "pending") return { status: "canceled", changed: true, failure: null };
      return { status: "failed", changed: current !== "failed", failure: verdict.reason };
    case "pending":
      if ((hint === "cancel" || hint === "returned") && (current === "pending" || current === "failed")) {
        return { status: "canceled", changed: true, failure: null };
      }
      return unchanged(current);
  }
}

/** The shopper opens the payment page again: a failed or canceled order is pending once more. */
export function startPaymentTransition(current: OrderStatus): Transition {
  if (!canStartPayment(current)) return unchanged(current);
  return current === "pending" ? unchanged(current) : { status: "pending", changed: true, failure: null };
}

/** After a refund of `refundedTotal` out of `paidAmount`. */
export function refundTransition(current: OrderStatus, paidAmount: number, refundedTotal: number): Transition {
  if (current !== "paid" && current !== "partially_refunded") return unchanged(current);
  const status: OrderStatus = refundedTotal >= paidAmount ? "refunded" : refundedTotal > 0 ? "partially_refunded" : current;
  return { status, changed: status !== current, failure: null };
}

function unchanged(status: OrderStatus): Transition {
  return { status, changed: false, failure: null };
}
