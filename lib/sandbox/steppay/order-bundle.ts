import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { notFoundError } from "./api-errors";
import type { Executor } from "./database";
import type { OrderBundle } from "./dto";
import { parseIdOrCode } from "./identifiers";
import {
  sbxStepPayCancellations,
  sbxStepPayCustomers,
  sbxStepPayOrderItems,
  sbxStepPayOrders,
  sbxStepPayPayments,
  sbxStepPayPrices,
  sbxStepPayProducts,
  sbxStepPaySubscriptions,
  type OrderRow,
} from "./schema";

/**
 * Reading an order with everything its body shows. Kept apart from the order endpoints so the
 * webhook emitter and the subscription engine can render orders without importing the endpoints.
 */

export function receiptUrl(idKey: string): string {
  return `${sandboxSettings().steppay.base}/receipt/${encodeURIComponent(idKey)}`;
}

/** By numeric id or code; `codeOnly` for the public pay link, which takes an order code. */
export async function findOrder(db: Executor, idOrCode: string, options: { codeOnly?: boolean } = {}): Promise<OrderRow> {
  const key = options.codeOnly ? { code: idOrCode } : parseIdOrCode(idOrCode);
  const [order] = await db
    .select()
    .from(sbxStepPayOrders)
    .where("id" in key ? eq(sbxStepPayOrders.id, key.id) : eq(sbxStepPayOrders.code, key.code))
    .limit(1);
  if (!order) throw notFoundError("order", idOrCode);
  return order;
}

/** Reads everything an order's body shows. */
export async function loadOrderBundle(db: Executor, order: OrderRow): Promise<OrderBundle> {
  const [customer] = await db.select().from(sbxStepPayCustomers).where(eq(sbxStepPayCustomers.id, order.customerId)).limit(1);
  const items = await db.select().from(sbxStepPayOrderItems).where(eq(sbxStepPayOrderItems.orderId, order.id)).orderBy(asc(sbxStepPayOrderItems.position));
  const [payment] = await db.select().from(sbxStepPayPayments).where(eq(sbxStepPayPayments.orderId, order.id)).orderBy(desc(sbxStepPayPayments.id)).limit(1);
  const cancellations = await db.select().from(sbxStepPayCancellations).where(eq(sbxStepPayCancellations.orderId, order.id)).orderBy(asc(sbxStepPayCancellations.id));
  const subscriptions = await db.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.parentOrderId, order.id)).orderBy(asc(sbxStepPaySubscriptions.id));
  const [parentSubscription] = order.parentSubscriptionId
    ? await db.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.id, order.parentSubscriptionId)).limit(1)
    : [];
  const productIds = [...new Set([...items.map((i) => i.productId), ...subscriptions.map((s) => s.productId), ...(parentSubscription ? [parentSubscription.productId] : [])])];
  const products = productIds.length ? await db.select().from(sbxStepPayProducts).where(inArray(sbxStepPayProducts.id, productIds)) : [];
  const prices = productIds.length
    ? await db.select().from(sbxStepPayPrices).where(inArray(sbxStepPayPrices.productId, productIds)).orderBy(asc(sbxStepPayPrices.id))
    : [];
  if (!customer) throw new Error(`Sandbox order ${order.id} has no customer ${order.customerId}`);
  return {
    order,
    customer,
    items,
    products,
    prices,
    payment: payment ?? null,
    cancellations,
    subscriptions,
    parentSubscription: parentSubscription ?? null,
    receiptUrl: receiptUrl(order.idKey),
  };
}

/** Item paid amounts at payment time: unit price × quantity, computed by the database. */
export const itemLineAmount = sql<number>`${sbxStepPayOrderItems.unitPrice} * ${sbxStepPayOrderItems.minimumQuantity}`;
