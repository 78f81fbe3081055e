import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { fulfilments, orderItems, orders, providerPayments } from "@/lib/db/schema";
import { collectExchanges, type RecordedExchange } from "@/lib/payments/exchange-log";
import { gatewayFor } from "@/lib/payments/gateways";
import type { OrderRow, ProviderPaymentRow } from "@/lib/payments/gateway";
import type { PaymentVerdict } from "@/lib/providers/types";
import { findPaymentByRef, latestPaymentOf, loadOrder } from "./load-order";
import { recordSubscriptions } from "@/lib/subscriptions/record-subscriptions";
import { addOrderEvent } from "./order-events";
import { writeOrder } from "./order-view-cache";
import { applyVerdict, isSettled, refundTransition, type OrderStatus, type ReturnHint } from "./state-machine";

export type SyncSource = "return" | "callback" | "webhook" | "reconciler" | "manual";

export type SyncTrigger = {
  source: SyncSource;
  /** What the browser's return URL claimed. Never believed for money (see applyVerdict). */
  hint?: ReturnHint;
  /** A specific provider object named by the trigger (a Unifi transactionId of this order). */
  paymentRef?: string;
  /** That provider object's row, when the trigger already looked it up by its ref (saves a second read). */
  payment?: ProviderPaymentRow;
  /** The order row, when the trigger read it together with the payment (saves a read; the change itself re-reads it under lock). */
  order?: OrderRow;
};

export type SyncResult = {
  orderId: string;
  status: OrderStatus;
  changed: boolean;
  verdict: PaymentVerdict | null;
  /** Set when the provider could not be asked (timeout, 5xx, garbled answer): nothing changed. */
  error: string | null;
};

/**
 * The only code that changes an order's payment state. The return URL, the provider's callback,
 * webhooks and the reconciler all call it; it may run any number of times, concurrently, in any
 * order, and the result is the same:
 *
 *  1. ask the provider's own API (outside any transaction: no lock is held across HTTP);
 *  2. in one transaction, lock the order row, apply the verdict through the state machine, and on
 *     the one transition into "paid" write the fulfilment record (primary key = order id).
 *
 * A fault while asking the provider changes nothing: it is recorded, and a later sync completes.
 */
export async function syncOrderFromProvider(orderId: string, trigger: SyncTrigger): Promise<SyncResult> {
  const order = trigger.order?.id === orderId ? trigger.order : await loadOrder(orderId);
  if (!order) throw new Error(`Unknown order ${orderId}`);
  const status = order.status as OrderStatus;
  const unchanged: SyncResult = { orderId, status, changed: false, verdict: null, error: null };
  const gateway = gatewayFor(order.provider);
  // A settled order changes no more; only a trigger naming another attempt of it is looked into
  // (where every attempt is its own provider object: it may have been charged too).
  if (isSettled(status) && (!trigger.paymentRef || gateway.sharesProviderObjectAcrossAttempts)) return unchanged;

  const given = trigger.payment;
  const loaded = given && given.provider === order.provider && (!trigger.paymentRef || given.ref === trigger.paymentRef) ? given : undefined;
  const payment = loaded ?? (trigger.paymentRef ? await findPaymentByRef(order.provider, trigger.paymentRef) : await latestPaymentOf(orderId));
  if (!payment || payment.orderId !== orderId || !payment.ref) {
    // Nothing was created at the provider for this order (or the ref belongs to another order).
    return unchanged;
  }
  // Another attempt of a settled order is read until its status is final (then it has nothing new
  // to say); what it says is judged under the order's lock (applyInTransaction: a second charge).
  // A callback about a paid payment is read all the same: it may announce a refund made outside;
  // so is the reconciler's read of one (the callback may never have arrived).
  const mayAnnounceRefund = (trigger.source === "callback" || trigger.source === "reconciler") && gateway.refundedOutside?.paidStatus === payment.lastProviderStatus;
  if (isSettled(status) && isFinalStatus(gateway, payment.lastProviderStatus) && !mayAnnounceRefund) return unchanged;

  const db = await getDb();
  const outcome = await collectExchanges(() => gateway.verify(order, payment));
  if ("error" in outcome) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    await writeOrder(orderId, async () => {
      await db.update(orders).set({ lastSyncError: message, lastSyncedAt: new Date() }).where(eq(orders.id, orderId));
      await addOrderEvent(db, orderId, "verification_error", "Could not ask the provider; nothing changed", {
        source: trigger.source,
        error: message,
        exchanges: outcome.exchanges,
      });
    });
    return { orderId, status, changed: false, verdict: null, error: message };
  }
  const verdict = outcome.result;

  return writeOrder(orderId, () => applyInTransaction(db, orderId, trigger, payment, verdict, outcome.exchanges));
}

/** Whether a provider status is one after which the payment never changes (the gateway's list). */
function isFinalStatus(gateway: { finalStatuses: readonly string[] }, status: string | null): boolean {
  return status !== null && gateway.finalStatuses.includes(status);
}

async function applyInTransaction(
  db: Db,
  orderId: string,
  trigger: SyncTrigger,
  payment: ProviderPaymentRow,
  verdict: PaymentVerdict,
  exchanges: RecordedExchange[],
): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ order: orders, latestAttemptId, attemptStatus: attemptStatusOf(payment.id), attemptRef: attemptRefOf(payment.id) })
      .from(orders)
      .where(eq(orders.id, orderId))
      .for("update");
    const current = locked?.order;
    const before = current!.status as OrderStatus;
    const gateway = gatewayFor(current!.provider);
    // This attempt's status as recorded now, read with the lock (a concurrent sync may just have
    // recorded it): a final one is never replaced by an older read.
    const alreadyFinal = isFinalStatus(gateway, locked!.attemptStatus);
    // Money taken by an attempt of an order already settled, where every attempt is its own
    // provider object: the shopper paid twice (a second payment window, another tab). The order
    // stays as it is (paid once); the charge is recorded, once, for the merchant to refund. Checked
    // here, under the lock, so a trigger that overlapped the first payment's own cannot miss it.
    const secondCharge = isSettled(before) && !gateway.sharesProviderObjectAcrossAttempts && (verdict.state === "paid" || verdict.state === "mismatch") && !alreadyFinal;
    // A verdict that may not be about the attempt in progress can only tell of money taken (paid, or
    // a payment that does not match); its failure or abandonment must not end the shopper's current
    // attempt. That is the reconciler's (a failure it reads may be left over from an earlier attempt
    // while the shopper is paying again), and any trigger's for an earlier attempt: a late or repeated
    // callback or return for a transaction the shopper has since replaced by paying again.
    // The provider object read may also have been replaced on this attempt meanwhile (StepPay: an
    // order cancelled unpaid, replaced when the shopper paid again): then it is an earlier one's too,
    // and its status is not recorded on the attempt (it would be taken for the new object's).
    const replaced = locked!.attemptRef !== payment.ref;
    const earlierAttempt = replaced || (locked!.latestAttemptId !== null && locked!.latestAttemptId !== payment.id);
    // Where every attempt shares one provider object (StepPay's order), a failure cannot be told
    // apart from an earlier attempt's by its payment; the same failure "Pay again" cleared is taken
    // for that earlier one, unless this attempt's own error return brings it.
    const repeatsClearedFailure =
      verdict.state === "failed" &&
      gatewayFor(current!.provider).sharesProviderObjectAcrossAttempts &&
      current!.clearedFailureCode !== null &&
      verdict.reason.code === current!.clearedFailureCode &&
      trigger.hint !== "error";
    const onlyMoney = trigger.source === "reconciler" || earlierAttempt || repeatsClearedFailure;
    // The return's hint still counts for the current attempt: a shopper who cancels on StepPay's
    // page while it shows an earlier decline has canceled (applyVerdict's pending + "cancel").
    const hint = earlierAttempt ? null : (trigger.hint ?? null);
    const next = onlyMoney && verdict.state === "failed" ? applyVerdict(before, { ...verdict, state: "pending" }, hint) : applyVerdict(before, verdict, hint);
    const now = new Date();
    // The one change a final status may still make: a paid payment refunded outside the store.
    const refund = gateway.refundedOutside;
    const refundedOutside = refund !== undefined && locked!.attemptStatus === refund.paidStatus && verdict.providerStatus === refund.refundedStatus;
    // …and the same refund read before the payment was seen confirmed (the merchant refunded at
    // once; the refund's callback overtook the return): this older read completes the order, and
    // the refund recorded on the attempt follows, below, in this transaction.
    const refundedBeforeSeenPaid = refund !== undefined && locked!.attemptStatus === refund.refundedStatus && next.changed && next.status === "paid";
    // Where the paid answer itself tells what was refunded since (StepPay's order), the same case
    // read in one answer: the order completes with that refund recorded, in this transaction.
    const refundedOnArrival = next.changed && next.status === "paid" && verdict.state === "paid" ? Math.min(verdict.refundedAmount ?? 0, verdict.paidAmount) : 0;
    // Refunded in full before the store saw it paid: nothing to ship.
    const fulfil = next.changed && next.status === "paid" && !refundedBeforeSeenPaid && !(refundedOnArrival > 0 && verdict.state === "paid" && refundedOnArrival >= verdict.paidAmount);
    if ((!alreadyFinal || refundedOutside) && !replaced) await tx.update(providerPayments).set({ lastProviderStatus: verdict.providerStatus }).where(eq(providerPayments.id, payment.id));
    if (refundedOutside) await recordRefundOutside(tx, current!, payment, refund!.paidStatus, { source: trigger.source, providerStatus: verdict.providerStatus, exchanges });
    if (secondCharge) {
      console.warn(`[store] order ${orderId}: a second payment was taken (${current!.provider} ${payment.ref}); the order was already ${before}`);
      await addOrderEvent(tx, orderId, "second_payment", `A second payment was taken (${payment.ref}) while the order was already ${before}: refund it at the provider`, {
        source: trigger.source,
        paymentRef: payment.ref,
        verdict: verdict.state,
        providerStatus: verdict.providerStatus,
        checks: verdict.checks,
        exchanges,
      });
    }
    await tx
      .update(orders)
      .set({
        lastSyncedAt: now,
        lastSyncError: null,
        ...(next.changed
          ? {
              status: next.status,
              updatedAt: now,
              failureCode: next.failure?.code ?? null,
              failureMessage: next.failure?.message ?? null,
              ...(next.status === "paid" && verdict.state === "paid" ? { paidAt: now, paidAmount: verdict.paidAmount } : {}),
            }
          : {}),
      })
      .where(eq(orders.id, orderId));
    if (fulfil) await tx.insert(fulfilments).values({ orderId, source: trigger.source }).onConflictDoNothing();
    // Paid, or held for review with the money taken: the subscriptions StepPay started are recorded
    // either way (a held order is never fulfilled, but its subscription charges until canceled).
    if (next.changed && (next.status === "paid" || next.status === "review") && (verdict.state === "paid" || verdict.state === "mismatch") && verdict.subscriptions?.length) {
      const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, orderId));
      await recordSubscriptions(tx, current!, items, verdict.subscriptions);
    }
    // The reconciler's routine question that found nothing new is not a step of the order's story
    // (an abandoned checkout would gather hundreds); last_synced_at says when it was last asked.
    const nothingNew = trigger.source === "reconciler" && !next.changed && !secondCharge && !refundedOutside && verdict.providerStatus === locked!.attemptStatus;
    if (!nothingNew) await addOrderEvent(tx, orderId, "verified", describe(verdict, before, next.status, earlierAttempt ? "an earlier attempt" : repeatsClearedFailure ? "the failure an earlier attempt left on the order" : null), {
      source: trigger.source,
      earlierAttempt,
      repeatsClearedFailure,
      hint: trigger.hint ?? null,
      paymentRef: payment.ref,
      verdict: verdict.state,
      providerStatus: verdict.providerStatus,
      checks: verdict.checks,
      from: before,
      to: next.status,
      exchanges,
    });
    if (refundedBeforeSeenPaid) {
      const paid = { ...current!, status: "paid", paidAmount: verdict.state === "paid" ? verdict.paidAmount : current!.paidAmount };
      const status = await recordRefundOutside(tx, paid, payment, refund!.paidStatus, { source: trigger.source, providerStatus: locked!.attemptStatus });
      return { orderId, status, changed: true, verdict, error: null };
    }
    if (refundedOnArrival > 0 && verdict.state === "paid") {
      const refunded = refundTransition("paid", verdict.paidAmount, refundedOnArrival);
      await tx.update(orders).set({ refundedAmount: refundedOnArrival, status: refunded.status, updatedAt: now }).where(eq(orders.id, orderId));
      await addOrderEvent(tx, orderId, "refunded", `The provider's order already shows ${refundedOnArrival} ${current!.currency} refunded (refunded before the store saw it paid)`, {
        source: trigger.source,
        paymentRef: payment.ref,
        amount: refundedOnArrival,
        returnedAmount: refundedOnArrival,
        from: "paid",
        to: refunded.status,
      });
      return { orderId, status: refunded.status, changed: true, verdict, error: null };
    }
    return { orderId, status: next.status, changed: next.changed, verdict, error: null };
  });
}

/**
 * The id of the order's latest attempt the provider knows of (as latestPaymentOf picks it), read
 * with the order. Spelled out with table names: in a one-table select drizzle writes columns
 * unqualified, and an unqualified "id" inside this subquery would be the payment's own.
 */
const latestAttemptId = sql<string | null>`(select p.id from provider_payments p where p.order_id = "orders"."id" and p.ref is not null order by p.created_at desc limit 1)`;

/** The status recorded for one attempt, read with the order's locking read (one statement, not two). */
const attemptStatusOf = (paymentId: string) => sql<string | null>`(select p.last_provider_status from provider_payments p where p.id = ${paymentId})`;

/** The provider object one attempt names now, read the same way. */
const attemptRefOf = (paymentId: string) => sql<string | null>`(select p.ref from provider_payments p where p.id = ${paymentId})`;

/** `earlier`: why the verdict was taken for an earlier attempt's (it could then only complete the order). */
function describe(verdict: PaymentVerdict, from: OrderStatus, to: OrderStatus, earlier: string | null): string {
  const move = (from === to ? `stays ${to}` : `${from} → ${to}`) + (earlier && from === to ? ` (${earlier}: only a payment could change the order)` : "");
  switch (verdict.state) {
    case "paid":
      return `Provider confirms the payment and every check matched: ${move}`;
    case "mismatch":
      return `Provider reports a payment that does not match the order (${verdict.checks.filter((c) => !c.ok).map((c) => c.field).join(", ")}): ${move}`;
    case "failed":
      return `Provider reports the payment failed (${verdict.reason.code}): ${move}`;
    case "pending":
      return `Provider has no completed payment yet (${verdict.providerStatus}): ${move}`;
  }
}

/**
 * A paid payment the provider now reports refunded in full (its dashboard): the order is refunded
 * when no other payment of it is still paid; when another one is (the shopper paid twice and the
 * merchant refunded the extra charge), the order stays as it is and the refund is noted.
 */
async function recordRefundOutside(tx: Pick<Db, "select" | "update" | "insert">, order: OrderRow, payment: ProviderPaymentRow, paidStatus: string, data: Record<string, unknown>): Promise<OrderStatus> {
  const [other] = await tx
    .select({ id: providerPayments.id })
    .from(providerPayments)
    .where(and(eq(providerPayments.orderId, order.id), ne(providerPayments.id, payment.id), eq(providerPayments.lastProviderStatus, paidStatus)))
    .limit(1);
  const before = order.status as OrderStatus;
  const paidAmount = order.paidAmount ?? 0;
  if (other || (before !== "paid" && before !== "partially_refunded")) {
    const why = other ? `another payment of it is still paid, so the order stays ${before}` : `the order is ${before} and stays so`;
    await addOrderEvent(tx, order.id, "refunded_outside", `A payment of this order (${payment.ref}) was refunded at the provider; ${why}`, { ...data, paymentRef: payment.ref });
    return before;
  }
  const next = refundTransition(before, paidAmount, paidAmount);
  await tx.update(orders).set({ refundedAmount: paidAmount, status: next.status, updatedAt: new Date() }).where(eq(orders.id, order.id));
  await addOrderEvent(tx, order.id, "refunded", `The provider reports the payment (${payment.ref}) refunded in full, outside the store (its dashboard)`, {
    ...data,
    paymentRef: payment.ref,
    amount: paidAmount - order.refundedAmount,
    returnedAmount: paidAmount,
    from: before,
    to: next.status,
  });
  return next.status;
}
