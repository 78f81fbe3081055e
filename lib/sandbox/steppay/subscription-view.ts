import { asc, eq, or } from "drizzle-orm";
import { notFoundError } from "./api-errors";
import type { Executor } from "./database";
import { customerDto, orderDto, orderSubscriptionDto, priceDto } from "./dto";
import { loadOrderBundle } from "./order-bundle";
import { sbxStepPayCustomers, sbxStepPayOrders, sbxStepPayPrices, sbxStepPayProducts, sbxStepPaySubscriptions, type SubscriptionRow } from "./schema";
import { SANDBOX_PAYMENT_GATEWAY } from "./test-cards";
import { toStepPayTimestamp as ts } from "./timestamps";

/** A subscription id in a path: digits only (anything else cannot exist). */
export function parseSubscriptionId(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw notFoundError("subscription", id);
  return Number(id);
}

export async function findSubscription(db: Executor, id: number | string): Promise<SubscriptionRow> {
  const numeric = typeof id === "number" ? id : parseSubscriptionId(id);
  const [subscription] = await db.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.id, numeric)).limit(1);
  if (!subscription) throw notFoundError("subscription", String(id));
  return subscription;
}

/** The orders of a subscription, oldest first: the initial order, then each renewal. */
export async function subscriptionOrders(db: Executor, subscription: Pick<SubscriptionRow, "id" | "parentOrderId">) {
  return db
    .select()
    .from(sbxStepPayOrders)
    .where(or(eq(sbxStepPayOrders.id, subscription.parentOrderId), eq(sbxStepPayOrders.parentSubscriptionId, subscription.id)))
    .orderBy(asc(sbxStepPayOrders.id));
}

/**
 * The end of the paid period. While UNPAID, nextPaymentDate is the next retry, so the period ended
 * at the payment date that failed.
 */
export function currentPeriodOf(subscription: SubscriptionRow): { start: Date; end: Date } {
  const start = subscription.currentPeriodStart ?? subscription.startDate;
  const end = subscription.status === "UNPAID" ? subscription.originNextPaymentDate : (subscription.nextPaymentDate ?? subscription.endDate);
  return { start, end: end ?? start };
}

/** SubscriptionV1DTO: GET /api/v1/subscriptions/{id}, and the `data` of subscription.* webhooks. */
export async function subscriptionDto(db: Executor, subscription: SubscriptionRow) {
  const [customer] = await db.select().from(sbxStepPayCustomers).where(eq(sbxStepPayCustomers.id, subscription.customerId));
  const products = await db.select().from(sbxStepPayProducts).where(eq(sbxStepPayProducts.id, subscription.productId));
  const prices = await db.select().from(sbxStepPayPrices).where(eq(sbxStepPayPrices.productId, subscription.productId)).orderBy(asc(sbxStepPayPrices.id));
  const orders = await subscriptionOrders(db, subscription);
  // StepPay's schema lists related orders as full OrderV1DTOs.
  const related = [];
  for (const order of orders) related.push(orderDto(await loadOrderBundle(db, order)));
  const price = prices.find((p) => p.id === subscription.priceId);
  const base = orderSubscriptionDto(subscription, products, prices);
  const period = currentPeriodOf(subscription);

  return {
    id: subscription.id,
    status: subscription.status,
    price: price ? priceDto(price) : null,
    startDate: base.startDate,
    trialPeriod: null,
    lastPaymentDate: base.lastPaymentDate,
    nextPaymentDate: base.nextPaymentDate,
    endDate: base.endDate,
    parentOrder: related.find((order) => order.id === subscription.parentOrderId) ?? null,
    items: base.items,
    customer: customer ? customerDto(customer) : null,
    relatedOrders: related,
    pausedDateTime: ts(subscription.pausedAt),
    interval: subscription.interval,
    intervalCount: subscription.intervalCount,
    paymentMethod: { paymentMethod: "CARD", cardNumber: subscription.cardNumberMasked, paymentGateway: SANDBOX_PAYMENT_GATEWAY },
    originNextPaymentDate: ts(subscription.originNextPaymentDate),
    shipping: null,
    canceledVia: subscription.canceledVia,
    recurringCount: subscription.recurringCount,
    currentPeriod: { startDateTime: ts(period.start), endDateTime: ts(period.end) },
  };
}
export type SubscriptionDto = Awaited<ReturnType<typeof subscriptionDto>>;
