import { and, eq, inArray, lt, notInArray, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { orderItems, providerPayments, subscriptionRenewals, subscriptions } from "@/lib/db/schema";
import { loadOrder } from "@/lib/orders/load-order";
import { stepPayClient } from "@/lib/payments/provider-clients";
import { verifyStepPayOrder, toProviderSubscription } from "@/lib/providers/steppay/verify-order";
import type { StepPaySubscription } from "@/lib/providers/steppay/schemas";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { parseStepPayTimestamp } from "@/lib/providers/steppay/timestamps";
import { recordSubscriptions } from "./record-subscriptions";

export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** How long a renewal not yet paid is read again when its subscription is refreshed: StepPay retries a failed renewal for 14 days. */
const RENEWAL_RECHECK_MS = 15 * 24 * 60 * 60_000;

export type RenewalSyncResult =
  | { kind: "ignored"; reason: "not_a_renewal" | "unknown_subscription" }
  | { kind: "synced"; subscriptionId: number; status: string; created: boolean };

async function findSubscription(providerSubscriptionId: number): Promise<SubscriptionRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.provider, "steppay"), eq(subscriptions.providerSubscriptionId, providerSubscriptionId)));
  return row ?? null;
}

/**
 * A StepPay renewal order (type RECURRING, parentSubscription set), however it was announced:
 * re-read it, check it against the price the subscription was sold at, and keep exactly one record
 * per renewal order (unique provider order id). A paid renewal stays paid, but for refunds.
 */
export async function syncRenewalOrder(orderRef: string): Promise<RenewalSyncResult> {
  const order = await stepPayClient().getOrder(orderRef);
  const parentId = order.parentSubscription?.id;
  // Only a renewal charge: a card change (PAYMENT_METHOD) or a usage charge (ADD_USAGE) may name
  // the subscription too, and is not a renewal.
  if (!parentId || order.type !== "RECURRING") return { kind: "ignored", reason: "not_a_renewal" };
  // A renewal of a subscription the store has not recorded yet (its start was announced late, or
  // lost): adopt the subscription first if its first order is ours, which also syncs this renewal.
  const subscription = (await findSubscription(parentId)) ?? (await syncSubscriptionFromProvider(parentId));
  if (!subscription) return { kind: "ignored", reason: "unknown_subscription" };

  // The order read must be the one asked for: by its code, or by its number (a v1 webhook's orderId).
  const asked = /^\d+$/.test(orderRef) ? (order.orderId === Number(orderRef) ? order.orderCode : `#${orderRef}`) : orderRef;
  const verdict = verifyStepPayOrder(order, { orderCode: asked, amount: subscription.renewalAmount, currency: subscription.currency });
  // A paid renewal refunded since (in StepPay's dashboard): StepPay's returnedAmount grows.
  const returned = verdict.state === "paid" ? (order.returnedAmount ?? 0) : 0;
  const status =
    verdict.state === "paid" && returned > 0
      ? returned >= verdict.paidAmount
        ? "refunded"
        : "partially_refunded"
      : { paid: "paid", failed: "failed", mismatch: "review", pending: "pending" }[verdict.state];
  const failure = verdict.state === "failed" ? verdict.reason : null;
  // What was charged once StepPay took money (a renewal held for review shows what it took), the
  // price owed until then; paid when StepPay says so.
  const amount = verdict.state === "paid" || verdict.state === "mismatch" ? order.paidAmount : subscription.renewalAmount;
  const paidAt = verdict.state !== "paid" ? null : (parseStepPayTimestamp(verdict.paidAt) ?? new Date());
  const db = await getDb();
  const inserted = await db
    .insert(subscriptionRenewals)
    .values({
      subscriptionId: subscription.id,
      providerOrderId: order.orderId,
      providerOrderCode: order.orderCode,
      amount,
      status,
      failureCode: failure?.code ?? null,
      failureMessage: failure?.message ?? null,
      paidAt,
      checks: verdict.checks,
    })
    .onConflictDoUpdate({
      target: subscriptionRenewals.providerOrderId,
      set: { status, amount, failureCode: failure?.code ?? null, failureMessage: failure?.message ?? null, checks: verdict.checks, updatedAt: new Date(), paidAt },
      // Paid is final but for refunds: a late or replayed announcement cannot undo a payment, and
      // a refund only grows (partially refunded, then refunded).
      setWhere:
        status === "partially_refunded" || status === "refunded"
          ? sql`${subscriptionRenewals.status} <> 'refunded'`
          : sql`${subscriptionRenewals.status} not in ('paid', 'partially_refunded', 'refunded')`,
    })
    .returning({ createdAt: subscriptionRenewals.createdAt, updatedAt: subscriptionRenewals.updatedAt });
  await refreshSubscription(subscription, await stepPayClient().getSubscription(parentId));
  const created = inserted.length > 0 && inserted[0]!.createdAt.getTime() === inserted[0]!.updatedAt.getTime();
  return { kind: "synced", subscriptionId: subscription.id, status, created };
}

/**
 * Re-reads a subscription from StepPay and updates the store's copy; records it first if the store
 * has not seen it yet (its initial order must be one of ours), and picks up renewals it lists.
 */
export async function syncSubscriptionFromProvider(providerSubscriptionId: number): Promise<SubscriptionRow | null> {
  const remote = await stepPayClient().getSubscription(providerSubscriptionId);
  // The subscription asked for, or nothing is believed (an answer about another one would be
  // adopted and followed in its place).
  if (remote.id !== providerSubscriptionId) throw new StepPayError({ kind: "invalid_response", message: `Asked for subscription ${providerSubscriptionId}, StepPay answered ${remote.id}` });
  let local = await findSubscription(providerSubscriptionId);
  if (!local) local = await adoptSubscription(remote);
  if (!local) return null;
  await refreshSubscription(local, remote);
  const db = await getDb();
  // A renewal known as paid is final; one recorded pending, failed or for review is read again
  // while StepPay may still retry its charge (its payment webhook may have been lost).
  const settled = await db
    .select({ code: subscriptionRenewals.providerOrderCode })
    .from(subscriptionRenewals)
    .where(and(eq(subscriptionRenewals.subscriptionId, local.id), or(inArray(subscriptionRenewals.status, ["paid", "partially_refunded", "refunded"]), lt(subscriptionRenewals.createdAt, new Date(Date.now() - RENEWAL_RECHECK_MS)))));
  const known = new Set(settled.map((r) => r.code));
  const initial = await db.select({ ref: providerPayments.ref }).from(providerPayments).where(eq(providerPayments.orderId, local.orderId));
  for (const related of remote.relatedOrders ?? []) {
    const code = related.orderCode ?? related.code ?? null;
    if (!code || known.has(code) || initial.some((p) => p.ref === code)) continue;
    await syncRenewalOrder(code);
  }
  return findSubscription(providerSubscriptionId);
}

/** StepPay's final statuses: nothing follows them. */
const FINAL_STATUSES = ["CANCELED", "EXPIRED"];

export async function refreshSubscription(local: SubscriptionRow, remote: StepPaySubscription): Promise<void> {
  const db = await getDb();
  // Reads race (a webhook's, the reconciler's, the shopper's re-read after "Cancel now"): one
  // answered before a cancellation may land after it. A final status is replaced by no other
  // (checked on the row as it is when written, not as it was read).
  const remoteFinal = FINAL_STATUSES.includes(remote.status);
  await db
    .update(subscriptions)
    .set({
      status: remote.status,
      nextPaymentDate: remote.nextPaymentDate ?? null,
      lastPaymentDate: remote.lastPaymentDate ?? null,
      startDate: remote.startDate ?? local.startDate,
      lastSyncedAt: new Date(),
    })
    .where(remoteFinal ? eq(subscriptions.id, local.id) : and(eq(subscriptions.id, local.id), notInArray(subscriptions.status, FINAL_STATUSES)));
}

/**
 * A subscription announced before the store recorded it: adopt it if its first order is ours and
 * StepPay took its money (paid, held for review, or refunded since: the subscription charges all
 * the same, and the shopper must be able to cancel it).
 */
const ADOPTABLE = new Set(["paid", "review", "partially_refunded", "refunded"]);
async function adoptSubscription(remote: StepPaySubscription): Promise<SubscriptionRow | null> {
  const db = await getDb();
  for (const related of remote.relatedOrders ?? []) {
    const code = related.orderCode ?? related.code;
    if (!code) continue;
    const [payment] = await db.select().from(providerPayments).where(and(eq(providerPayments.provider, "steppay"), eq(providerPayments.ref, code)));
    if (!payment) continue;
    const order = await loadOrder(payment.orderId);
    if (!order || !ADOPTABLE.has(order.status)) return null;
    const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    await recordSubscriptions(db, order, items, [toProviderSubscription({ ...remote, interval: remote.interval ?? null })]);
    return findSubscription(remote.id);
  }
  return null;
}
