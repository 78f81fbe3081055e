import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { orders, providerPayments } from "@/lib/db/schema";
import { collectExchanges, type RecordedExchange } from "@/lib/payments/exchange-log";
import { stepPayClient } from "@/lib/payments/provider-clients";
import { loadOrder } from "./load-order";
import { addOrderEvent } from "./order-events";
import { writeOrder } from "./order-view-cache";
import { refundTransition, type OrderStatus } from "./state-machine";

export type RefundResult =
  | { kind: "refunded"; status: OrderStatus; refundedAmount: number }
  | { kind: "error"; status: number; code: string; message: string };

/** How long a refund holds its order: after that, a refund whose request never ended no longer blocks the next one. */
export const REFUND_CLAIM_MS = 2 * 60_000;

/**
 * Refunds part or all of a paid StepPay order through PATCH /api/v1/orders/{code}/cancel, then
 * re-reads the order: the refunded total the store shows is StepPay's returnedAmount, not ours.
 * (Unifi Pay publishes no refund API.)
 *
 * StepPay's cancel call has no idempotency key, so the store makes sure of two things itself:
 *  - one refund at a time per order: the refund claims the order (under its row lock, where the
 *    amount is checked against what is left) before it asks StepPay, so a double-submitted form
 *    or two tabs cannot both refund what was only left once;
 *  - no refund done and forgotten: when the cancel call's answer is lost (a timeout, a 5xx) the
 *    refund may still have happened, so StepPay's order is read again and its returnedAmount
 *    recorded if it grew.
 */
export async function refundOrder(orderId: string, amount: number, reason: string): Promise<RefundResult> {
  const order = await loadOrder(orderId);
  if (!order) return { kind: "error", status: 404, code: "order_not_found", message: "No order with this id" };
  if (order.provider !== "steppay") return { kind: "error", status: 409, code: "refund_unsupported", message: "This provider publishes no refund API" };
  const db = await getDb();
  const claim = await claimRefund(db, orderId, amount, new Date());
  if ("kind" in claim) return claim;
  try {
    const [payment] = await db.select().from(providerPayments).where(and(eq(providerPayments.orderId, orderId), eq(providerPayments.provider, "steppay")));
    const code = payment!.ref!;
    const client = stepPayClient();
    const outcome = await collectExchanges(async () => {
      await client.cancelOrder(code, { requestPrice: amount, reason });
      return client.getOrder(code);
    });
    if (!("error" in outcome)) return await writeOrder(orderId, () => recordRefund(db, orderId, amount, returnedOf(outcome.result), outcome.exchanges, "answer"));

    // The cancel call failed or its answer was lost: StepPay's own record says whether it happened.
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    const check = await collectExchanges(() => client.getOrder(code));
    const exchanges = [...outcome.exchanges, ...check.exchanges];
    if (!("error" in check) && returnedOf(check.result) > claim.refundedBefore) {
      return await writeOrder(orderId, () => recordRefund(db, orderId, amount, returnedOf(check.result), exchanges, "answer_lost"));
    }
    await addOrderEvent(db, orderId, "refund_failed", "StepPay refused or could not take the refund", { amount, error: message, exchanges });
    return { kind: "error", status: 502, code: "refund_failed", message: "StepPay could not refund this order right now" };
  } finally {
    await db.update(orders).set({ refundStartedAt: null }).where(eq(orders.id, orderId));
  }
}

/**
 * A paid StepPay order may be refunded outside the store (in StepPay's dashboard); a webhook
 * naming it brings the store here: StepPay's returnedAmount, when it grew, is recorded like a
 * refund made from the store. Not while the store's own refund of the order is in flight (that
 * one records the same total when it ends).
 */
export async function syncRefundsFromProvider(orderId: string): Promise<{ refundedAmount: number; changed: boolean }> {
  const order = await loadOrder(orderId);
  if (!order || order.provider !== "steppay" || (order.status !== "paid" && order.status !== "partially_refunded")) {
    return { refundedAmount: order?.refundedAmount ?? 0, changed: false };
  }
  if (order.refundStartedAt && Date.now() - order.refundStartedAt.getTime() < REFUND_CLAIM_MS) return { refundedAmount: order.refundedAmount, changed: false };
  const db = await getDb();
  const [payment] = await db.select().from(providerPayments).where(and(eq(providerPayments.orderId, orderId), eq(providerPayments.provider, "steppay")));
  const client = stepPayClient();
  const outcome = await collectExchanges(() => client.getOrder(payment!.ref!));
  if ("error" in outcome) throw outcome.error;
  const returned = returnedOf(outcome.result);
  if (returned <= order.refundedAmount) return { refundedAmount: order.refundedAmount, changed: false };
  const recorded = await writeOrder(orderId, () => recordRefund(db, orderId, returned - order.refundedAmount, returned, outcome.exchanges, "outside"));
  return { refundedAmount: recorded.refundedAmount, changed: true };
}

function returnedOf(order: { returnedAmount?: number | null }): number {
  return Math.round(order.returnedAmount ?? 0);
}

/** Checks the amount against what is left and claims the order for this refund, under its row lock; an error result when it may not go ahead. */
async function claimRefund(db: Db, orderId: string, amount: number, at: Date): Promise<RefundResult | { refundedBefore: number }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!current) return { kind: "error", status: 404, code: "order_not_found", message: "No order with this id" };
    if (current.status !== "paid" && current.status !== "partially_refunded") {
      return { kind: "error", status: 409, code: "not_refundable", message: "Only a paid order can be refunded" };
    }
    if (current.refundStartedAt && at.getTime() - current.refundStartedAt.getTime() < REFUND_CLAIM_MS) {
      return { kind: "error", status: 409, code: "refund_in_progress", message: "Another refund of this order is in progress; try again once it has finished" };
    }
    const refundable = (current.paidAmount ?? 0) - current.refundedAmount;
    if (!Number.isSafeInteger(amount) || amount < 1 || amount > refundable) {
      return { kind: "error", status: 400, code: "invalid_amount", message: `The refund must be between 1 and ${refundable}` };
    }
    await tx.update(orders).set({ refundStartedAt: at }).where(eq(orders.id, orderId));
    return { refundedBefore: current.refundedAmount };
  });
}

/** How the refund became known: its answer, StepPay's order after a lost answer, or a refund made outside the store. */
type RefundSource = "answer" | "answer_lost" | "outside";

async function recordRefund(db: Db, orderId: string, amount: number, returned: number, exchanges: RecordedExchange[], source: RefundSource) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    // Two webhooks may bring the same refund made outside: the second finds it recorded.
    if (source === "outside" && returned <= current!.refundedAmount) {
      return { kind: "refunded" as const, status: current!.status as OrderStatus, refundedAmount: current!.refundedAmount };
    }
    // StepPay's total, never less than what was already recorded (an answer without it changes nothing).
    const total = Math.max(returned, current!.refundedAmount);
    const next = refundTransition(current!.status as OrderStatus, current!.paidAmount ?? 0, total);
    await tx.update(orders).set({ refundedAmount: total, status: next.status, updatedAt: new Date() }).where(eq(orders.id, orderId));
    const summary = {
      answer: `Refund of ${amount} ${current!.currency} accepted; StepPay reports ${total} returned in total`,
      answer_lost: `Refund of ${amount} ${current!.currency}: StepPay's answer was lost, but its order shows ${total} returned in total`,
      outside: `Refunded at StepPay, outside the store: StepPay reports ${total} returned in total`,
    }[source];
    await addOrderEvent(tx, orderId, "refunded", summary, { amount, returnedAmount: total, from: current!.status, to: next.status, exchanges });
    return { kind: "refunded" as const, status: next.status, refundedAmount: total };
  });
}
