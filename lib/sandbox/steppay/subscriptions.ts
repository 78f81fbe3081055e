import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, StepPayApiError } from "./api-errors";
import { sandboxNow } from "./clock";
import { stepPayDb, type Tx } from "./database";
import { RENEWAL_DECLINE, chargeRenewal, type RenewalOutcome } from "./renewals";
import type { subscriptionCancelBody, subscriptionPauseBody } from "./request-bodies";
import { sbxStepPayPrices, sbxStepPaySubscriptions, type OrderItemRow, type OrderRow, type SubscriptionRow } from "./schema";
import { currentPeriodOf, findSubscription, parseSubscriptionId, subscriptionDto } from "./subscription-view";
import { addInterval, parseStepPayTimestamp, toStepPayTimestamp as ts } from "./timestamps";
import { emitSubscriptionWebhooks } from "./webhook-events";

/**
 * StepPay's subscriptions: started by paying a RECURRING_INITIAL order, then read, cancelled,
 * paused, resumed and renewed through the API. Everything StepPay does "later" (renewals on the
 * payment date, retries, PENDING_CANCEL → CANCELED, PENDING_PAUSE → PAUSE) is done by the
 * scheduler (subscription-scheduler.ts), on the sandbox clock.
 *
 * CANCELED and EXPIRED are final: every action on them is refused.
 */

/**
 * Paying a RECURRING_INITIAL order starts one subscription per recurring item, in the payment's
 * transaction. Returns the new subscriptions (the caller announces them after the order).
 */
export async function startSubscriptions(tx: Tx, order: OrderRow, items: OrderItemRow[], paidAt: Date, cardNumberMasked: string): Promise<SubscriptionRow[]> {
  if (!items.length) return [];
  const prices = await tx.select().from(sbxStepPayPrices).where(inArray(sbxStepPayPrices.id, items.map((item) => item.priceId)));
  const rows = items.flatMap((item) => {
    const recurring = prices.find((price) => price.id === item.priceId)?.recurring;
    if (!recurring) return [];
    return [
      {
        customerId: order.customerId,
        parentOrderId: order.id,
        orderItemId: item.id,
        productId: item.productId,
        priceId: item.priceId,
        status: "ACTIVE",
        interval: recurring.interval,
        intervalCount: recurring.intervalCount,
        quantity: item.minimumQuantity,
        unitPrice: item.unitPrice,
        startDate: paidAt,
        lastPaymentDate: paidAt,
        nextPaymentDate: addInterval(paidAt, recurring.interval, recurring.intervalCount),
        currentPeriodStart: paidAt,
        recurringCount: 1,
        cardNumberMasked,
      },
    ];
  });
  if (!rows.length) return [];
  return tx.insert(sbxStepPaySubscriptions).values(rows).onConflictDoNothing().returning();
}

async function lockSubscription(tx: Tx, id: string): Promise<SubscriptionRow> {
  const [subscription] = await tx.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.id, parseSubscriptionId(id))).for("update");
  if (!subscription) return findSubscription(tx, id); // throws SUBSCRIPTION_NOT_FOUND
  return subscription;
}

export function refuse(subscription: SubscriptionRow, action: string): StepPayApiError {
  return badRequest("INVALID_SUBSCRIPTION_STATUS", `Cannot ${action} a subscription in status ${subscription.status}`, {
    subscriptionId: subscription.id,
    status: subscription.status,
  });
}

/** Writes a status change and announces it (v2 subscription.updated; v1 when the status changed). */
async function changeSubscription(tx: Tx, before: SubscriptionRow, values: Partial<typeof sbxStepPaySubscriptions.$inferInsert>): Promise<SubscriptionRow> {
  const [after] = await tx.update(sbxStepPaySubscriptions).set(values).where(eq(sbxStepPaySubscriptions.id, before.id)).returning();
  await emitSubscriptionWebhooks(tx, after!, "subscription.updated", { statusChanged: after!.status !== before.status });
  return after!;
}

/** GET /api/v1/subscriptions/{id}: SubscriptionV1DTO. */
export async function getSubscription(id: string) {
  const db = await stepPayDb();
  return subscriptionDto(db, await findSubscription(db, id));
}

/** POST /api/v1/subscriptions/{id}/cancel. */
export async function cancelSubscription(id: string, body: z.infer<typeof subscriptionCancelBody>) {
  const db = await stepPayDb();
  const message = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    // StepPay: "활성화, 일시정지, 결제실패 상태의 구독만 취소할 수 있습니다" (ACTIVE, PAUSE, UNPAID only).
    if (!["ACTIVE", "PAUSE", "UNPAID"].includes(subscription.status)) throw refuse(subscription, "cancel");
    const now = await sandboxNow(tx);
    let endDate = now;
    // The end of the paid period; an UNPAID subscription's ended already, so it cancels at once (README Assumptions).
    if (body.whenToCancel === "END_OF_PERIOD") endDate = currentPeriodOf(subscription).end;
    if (body.whenToCancel === "SPECIFIC_DATE_TIME") {
      const when = parseStepPayTimestamp(body.when ?? "");
      if (!when || when <= now) throw badRequest("INVALID_REQUEST", "when must be a future ISO-8601 date-time", { field: "when" });
      endDate = when;
    }
    const immediate = endDate <= now;
    await changeSubscription(tx, subscription, {
      status: immediate ? "CANCELED" : "PENDING_CANCEL",
      endDate: immediate ? now : endDate,
      canceledVia: "V1",
      modifiedAt: now,
      ...(immediate ? { nextPaymentDate: null } : {}),
    });
    return immediate ? "The subscription was cancelled." : `The subscription will be cancelled at ${ts(endDate)}.`;
  });
  return { message, body: null };
}

/** POST /api/v1/subscriptions/{id}/pause. StepPay: only active subscriptions. */
export async function pauseSubscription(id: string, body: z.infer<typeof subscriptionPauseBody>) {
  if (body.whenToResume === "PAUSED_UNTIL") {
    throw badRequest("UNSUPPORTED_IN_SANDBOX", "The sandbox supports whenToResume NOTHING only (resume with POST /active)", { field: "whenToResume" });
  }
  const db = await stepPayDb();
  const message = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (subscription.status !== "ACTIVE") throw refuse(subscription, "pause");
    const now = await sandboxNow(tx);
    const immediate = body.whenToPause === "IMMEDIATE";
    // LAZY: paused at the end of the period (the scheduler moves PENDING_PAUSE to PAUSE then).
    await changeSubscription(tx, subscription, { status: immediate ? "PAUSE" : "PENDING_PAUSE", pausedAt: immediate ? now : null, modifiedAt: now });
    return immediate ? "The subscription was paused." : "The subscription will be paused at its next payment date.";
  });
  return { message, body: null };
}

/** POST /api/v1/subscriptions/{id}/active. StepPay: "일시정지 및 취소 대기중 상태만 변경가능" (PAUSE, PENDING_CANCEL only). */
export async function resumeSubscription(id: string) {
  const db = await stepPayDb();
  const message = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (!["PAUSE", "PENDING_CANCEL"].includes(subscription.status)) throw refuse(subscription, "resume");
    const now = await sandboxNow(tx);
    // A subscription paused past its payment date is due again now: the scheduler charges it.
    const nextPaymentDate = subscription.nextPaymentDate && subscription.nextPaymentDate < now ? now : subscription.nextPaymentDate;
    await changeSubscription(tx, subscription, { status: "ACTIVE", pausedAt: null, endDate: null, canceledVia: null, nextPaymentDate, modifiedAt: now });
    return "The subscription is active again.";
  });
  return { message, body: null };
}

/** Renews one subscription now, in its own transaction (API, control panel). */
export async function renewSubscriptionNow(id: string): Promise<RenewalOutcome> {
  const db = await stepPayDb();
  return db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (!["ACTIVE", "UNPAID"].includes(subscription.status)) throw refuse(subscription, "renew");
    return chargeRenewal(tx, subscription, await sandboxNow(tx));
  });
}

/**
 * POST /api/v1/subscriptions/{id}/renew: charges now, as a new RECURRING order. Answers 200 with
 * the order id whether or not the card was accepted; the order tells which (README Assumptions).
 */
export async function renewSubscription(id: string) {
  const outcome = await renewSubscriptionNow(id);
  return {
    message: outcome.paid ? "The subscription was renewed." : `The renewal payment failed: ${RENEWAL_DECLINE.errorMessage}`,
    body: { orderId: outcome.order.id },
  };
}

/** Control panel: the next `count` renewal charges of this subscription are declined. */
export async function armRenewalFailures(id: string, count: number): Promise<SubscriptionRow> {
  const db = await stepPayDb();
  return db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (["CANCELED", "EXPIRED"].includes(subscription.status)) throw refuse(subscription, "arm a renewal failure on");
    const [armed] = await tx.update(sbxStepPaySubscriptions).set({ failNextRenewals: count }).where(eq(sbxStepPaySubscriptions.id, subscription.id)).returning();
    return armed!;
  });
}
