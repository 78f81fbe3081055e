import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { config, type AppConfig } from "@/lib/env";
import type { OrderRow } from "@/lib/payments/gateway";
import { orders } from "@/lib/db/schema";
import { collectExchanges, type RecordedExchange } from "@/lib/payments/exchange-log";
import { stepPayClient } from "@/lib/payments/provider-clients";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { latestPaymentOf, loadOrder } from "./load-order";
import { addOrderEvent } from "./order-events";
import { writeOrder } from "./order-view-cache";
import { refundTransition, type OrderStatus } from "./state-machine";

export type RefundResult =
  | { kind: "refunded"; status: OrderStatus; refundedAmount: number }
  | { kind: "error"; status: number; code: string; message: string };

/**
 * Refunding from the store is a merchant action the demo shows on the order page, where anyone
 * holding the order's link could press it: it exists only while StepPay is this app's sandbox.
 * Against real StepPay the merchant refunds in StepPay's dashboard, and the store learns of it
 * from the next webhook naming the order (syncRefundsFromProvider below).
 */
export function isRefundEnabled(c: AppConfig = config()): boolean {
  return c.steppay.usesSandbox;
}

/**
 * Which orders the store refunds: one-time StepPay orders (Unifi Pay publishes no refund API; a
 * subscription's first order is refunded with the subscription, in StepPay's dashboard).
 */
export function isRefundable(order: Pick<OrderRow, "provider" | "kind">): boolean {
  return order.provider === "steppay" && order.kind === "one_time";
}

/**
 * How long a refund holds its order: after that, a refund whose request never ended no longer
 * blocks the next one. At least two minutes, and longer than the refund's own provider calls can
 * take (three in a row, each up to PROVIDER_TIMEOUT_MS), so it never lapses while they run.
 */
export function refundClaimMs(c: AppConfig = config()): number {
  return Math.max(2 * 60_000, 3 * c.providerTimeoutMs + 30_000);
}

/**
 * Refunds part or all of a paid StepPay order through PATCH /api/v1/orders/{code}/cancel, then
 * re-reads the order: the refunded total the store shows is StepPay's returnedAmount, not ours.
 * (Unifi Pay publishes no refund API.)
 *
 * StepPay's cancel call has no idempotency key, so the store makes sure of three things itself:
 *  - one refund at a time per order: the refund claims the order (under its row lock, where the
 *    amount is checked against what is left) before it asks StepPay, so a double-submitted form
 *    or two tabs cannot both refund what was only left once;
 *  - read, then act: StepPay's order is read first. When it shows more refunded than the store
 *    recorded (an earlier refund whose outcome was never learned, or one made in StepPay's
 *    dashboard), that is recorded and this refund is not sent: the merchant asked for it without
 *    knowing, and it may be the same money (a retry of the refund that seemed to fail);
 *  - no refund done and forgotten: when the cancel call's answer is lost (a timeout, a 5xx, a
 *    garbled body) the refund may have happened, so StepPay's order is read again. Where it may
 *    still land (no answer at all, or a gateway's 502-504) and the read does not show it, or the
 *    read fails, the claim is kept until it lapses (no second refund can be sent meanwhile), and
 *    the next refund's first read finds out. Once StepPay accepted the cancel, the refund is
 *    recorded even if reading the order afterwards fails.
 */
export async function refundOrder(orderId: string, amount: number, reason: string): Promise<RefundResult> {
  const order = await loadOrder(orderId);
  if (!order) return { kind: "error", status: 404, code: "order_not_found", message: "No order with this id" };
  if (!isRefundable(order)) return { kind: "error", status: 409, code: "refund_unsupported", message: order.provider !== "steppay" ? "This provider publishes no refund API" : "A subscription's order is refunded in StepPay's dashboard" };
  const db = await getDb();
  const claimedAt = new Date();
  const claim = await claimRefund(db, orderId, amount, claimedAt);
  if ("kind" in claim) return claim;
  let release = true;
  try {
    const code = (await latestPaymentOf(orderId))!.ref!; // a paid StepPay order: its one StepPay order
    const client = stepPayClient();

    const before = await collectExchanges(() => client.getOrder(code));
    if ("error" in before) return { kind: "error", status: 502, code: "refund_failed", message: "StepPay could not refund this order right now" };
    const refundedBefore = claim.refundedBefore;
    if (returnedOf(before.result) > refundedBefore) {
      const recorded = await writeOrder(orderId, () => recordRefund(db, orderId, null, returnedOf(before.result), before.exchanges, "outside", claimedAt));
      return {
        kind: "error",
        status: 409,
        code: "refund_found",
        message: `StepPay shows ${recorded.refundedAmount} refunded in all, more than the store knew (an earlier refund, or one made in StepPay's dashboard); the order now shows it, and no new refund was sent. Refund again if more is due.`,
      };
    }

    const cancel = await collectExchanges(() => client.cancelOrder(code, { requestPrice: amount, reason }));
    if (!("error" in cancel)) {
      // StepPay took it: its order tells the total returned; without that read, at least this refund.
      const after = await collectExchanges(() => client.getOrder(code));
      const returned = "error" in after ? refundedBefore + amount : returnedOf(after.result);
      return await writeOrder(orderId, () => recordRefund(db, orderId, amount, returned, [...cancel.exchanges, ...after.exchanges], "answer", claimedAt));
    }

    const message = cancel.error instanceof Error ? cancel.error.message : String(cancel.error);
    if (cancel.error instanceof StepPayError && cancel.error.kind === "http" && cancel.error.status !== null && cancel.error.status < 500) {
      // A definite answer: StepPay refused, nothing happened.
      await addOrderEvent(db, orderId, "refund_failed", "StepPay refused the refund", { amount, error: message, exchanges: cancel.exchanges });
      return { kind: "error", status: 409, code: "provider_refused", message: `StepPay refused the refund: ${message}` };
    }

    // No answer, or one that cannot be read: StepPay's own record says whether it happened.
    const check = await collectExchanges(() => client.getOrder(code));
    const exchanges = [...cancel.exchanges, ...check.exchanges];
    if (!("error" in check) && returnedOf(check.result) >= refundedBefore + amount) {
      const returned = returnedOf(check.result);
      return await writeOrder(orderId, () => recordRefund(db, orderId, amount, returned, exchanges, "answer_lost", claimedAt));
    }
    // StepPay answered and its order shows no refund: none was made, the next may go ahead. But
    // with no answer (a timeout, a dropped connection) or a gateway's (502-504: StepPay itself may
    // still be working on it), the refund may land after this read.
    const mayStillLand = !(cancel.error instanceof StepPayError) || cancel.error.kind === "timeout" || cancel.error.kind === "network" || (cancel.error.kind === "http" && [502, 503, 504].includes(cancel.error.status ?? 0));
    if (!("error" in check) && !mayStillLand) {
      await addOrderEvent(db, orderId, "refund_failed", "StepPay could not take the refund, and its order shows none", { amount, error: message, exchanges });
      return { kind: "error", status: 502, code: "refund_failed", message: "StepPay could not refund this order right now" };
    }
    // Not shown (yet), or StepPay unreadable: the refund may still land. The claim stays until it
    // lapses, so no second refund is sent meanwhile; the next one's first read finds this one.
    release = false;
    const waitMinutes = Math.ceil(refundClaimMs() / 60_000);
    await addOrderEvent(db, orderId, "refund_failed", "StepPay did not answer: the refund may have gone through or may still; the next refund checks StepPay first", { amount, error: message, exchanges });
    return {
      kind: "error",
      status: 502,
      code: "refund_unknown",
      message: `StepPay did not answer, so the refund may have gone through. Try again in ${waitMinutes} minutes: the store checks StepPay first.`,
    };
  } finally {
    // Only this refund's own claim: one that lapsed may have been taken over by the next refund.
    if (release) await db.update(orders).set({ refundStartedAt: null }).where(and(eq(orders.id, orderId), eq(orders.refundStartedAt, claimedAt)));
  }
}

/**
 * A paid StepPay order may be refunded outside the store (in StepPay's dashboard); a webhook
 * naming it brings the store here: StepPay's returnedAmount, when it grew, is recorded like a
 * refund made from the store. `busy` while the store's own refund of the order is in flight (that
 * one reads StepPay and records the total itself): the webhook should be delivered again later.
 */
export async function syncRefundsFromProvider(orderId: string): Promise<{ refundedAmount: number; changed: boolean; busy: boolean }> {
  const order = await loadOrder(orderId);
  if (!order || order.provider !== "steppay" || (order.status !== "paid" && order.status !== "partially_refunded")) {
    return { refundedAmount: order?.refundedAmount ?? 0, changed: false, busy: false };
  }
  if (claimIsLive(order.refundStartedAt, new Date())) return { refundedAmount: order.refundedAmount, changed: false, busy: true };
  const db = await getDb();
  const code = (await latestPaymentOf(orderId))!.ref!;
  const outcome = await collectExchanges(() => stepPayClient().getOrder(code));
  if ("error" in outcome) throw outcome.error;
  const returned = returnedOf(outcome.result);
  if (returned <= order.refundedAmount) return { refundedAmount: order.refundedAmount, changed: false, busy: false };
  const recorded = await writeOrder(orderId, () => recordRefund(db, orderId, null, returned, outcome.exchanges, "outside", null));
  return { refundedAmount: recorded.refundedAmount, changed: recorded.changed, busy: recorded.busy };
}

function returnedOf(order: { returnedAmount?: number | null }): number {
  return Math.round(order.returnedAmount ?? 0);
}

function claimIsLive(startedAt: Date | null, now: Date): boolean {
  return startedAt !== null && now.getTime() - startedAt.getTime() < refundClaimMs();
}

/** Checks the amount against what is left and claims the order for this refund, under its row lock; an error result when it may not go ahead. */
async function claimRefund(db: Db, orderId: string, amount: number, at: Date): Promise<RefundResult | { refundedBefore: number; paidAmount: number }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!current) return { kind: "error", status: 404, code: "order_not_found", message: "No order with this id" };
    if (current.status !== "paid" && current.status !== "partially_refunded") {
      return { kind: "error", status: 409, code: "not_refundable", message: "Only a paid order can be refunded" };
    }
    if (claimIsLive(current.refundStartedAt, at)) {
      return { kind: "error", status: 409, code: "refund_in_progress", message: "Another refund of this order is in progress; try again once it has finished" };
    }
    const refundable = (current.paidAmount ?? 0) - current.refundedAmount;
    if (!Number.isSafeInteger(amount) || amount < 1 || amount > refundable) {
      return { kind: "error", status: 400, code: "invalid_amount", message: `The refund must be between 1 and ${refundable}` };
    }
    await tx.update(orders).set({ refundStartedAt: at }).where(eq(orders.id, orderId));
    return { refundedBefore: current.refundedAmount, paidAmount: current.paidAmount ?? 0 };
  });
}

/** How the refund became known: its answer, StepPay's order after a lost answer, or StepPay's order showing more returned than recorded. */
type RefundSource = "answer" | "answer_lost" | "outside";

/**
 * Records StepPay's returned total (never less than what was recorded). `claimedAt`: the claim of
 * the refund recording it, or null for a webhook, which records nothing while a refund's claim is
 * live (that refund records the same total).
 */
async function recordRefund(db: Db, orderId: string, amount: number | null, returned: number, exchanges: RecordedExchange[], source: RefundSource, claimedAt: Date | null) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    const unchanged = { kind: "refunded" as const, status: current!.status as OrderStatus, refundedAmount: current!.refundedAmount, changed: false };
    if (source === "outside") {
      const othersClaim = claimIsLive(current!.refundStartedAt, new Date()) && current!.refundStartedAt?.getTime() !== claimedAt?.getTime();
      if (othersClaim) return { ...unchanged, busy: true };
      // Two webhooks may bring the same refund made outside: the second finds it recorded.
      if (returned <= current!.refundedAmount) return { ...unchanged, busy: false };
    }
    const total = Math.max(returned, current!.refundedAmount);
    const next = refundTransition(current!.status as OrderStatus, current!.paidAmount ?? 0, total);
    await tx.update(orders).set({ refundedAmount: total, status: next.status, updatedAt: new Date() }).where(eq(orders.id, orderId));
    const currency = current!.currency;
    const summary = {
      answer: `Refund of ${amount} ${currency} accepted; StepPay reports ${total} returned in total`,
      answer_lost: `Refund of ${amount} ${currency}: StepPay's answer was lost, but its order shows ${total} returned in total`,
      outside: `StepPay's order shows ${total} returned in total, more than the store had recorded (refunded in StepPay's dashboard, or an earlier refund whose answer never arrived)`,
    }[source];
    await addOrderEvent(tx, orderId, "refunded", summary, { amount: amount ?? total - current!.refundedAmount, returnedAmount: total, from: current!.status, to: next.status, exchanges });
    return { kind: "refunded" as const, status: next.status, refundedAmount: total, changed: true, busy: false };
  });
}
