import { and, asc, desc, eq, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import { findProduct } from "@/lib/catalog";
import { getDb, preparedStatement } from "@/lib/db/client";
import { config } from "@/lib/env";
import { orderEvents, orderItems, orders, providerPayments } from "@/lib/db/schema";
import { formatMoney, type Currency } from "@/lib/money";
import type { OrderItemRow, OrderRow, OrderWithItems, ProviderPaymentRow } from "@/lib/payments/gateway";
import { followOrderChanges } from "./order-change-feed";
import { orderViewTtlMs, readOrderThroughCache, type CacheSource } from "./order-view-cache";
import type { OrderStatus } from "./state-machine";

const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Order ids are random UUIDs; anything else is not an order (and never reaches the database). */
export function isOrderId(value: unknown): value is string {
  return typeof value === "string" && ORDER_ID.test(value);
}

export async function loadOrder(id: string): Promise<OrderRow | null> {
  if (!isOrderId(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row ?? null;
}

const orderWithItemsQuery = preparedStatement((db) =>
  db
    .select({ order: orders, item: orderItems })
    .from(orders)
    .leftJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(eq(orders.id, sql.placeholder("id")))
    .orderBy(asc(orderItems.id))
    .prepare("store_order_with_items"),
);

/** The order and its items in one query (the order pages, and starting a payment). */
export async function loadOrderWithItems(id: string): Promise<OrderWithItems | null> {
  if (!isOrderId(id)) return null;
  return withItems(await (await orderWithItemsQuery()).execute({ id }));
}

/** An order left-joined to its items, one row per item, folded into the order with its items. */
function withItems<O, I>(rows: { order: O; item: I | null }[]): (O & { items: I[] }) | null {
  if (rows.length === 0) return null;
  return { ...rows[0]!.order, items: rows.flatMap((row) => (row.item ? [row.item] : [])) };
}

/** The columns an order's view shows (toOrderView). */
const viewColumns = {
  order: {
    id: orders.id,
    status: orders.status,
    provider: orders.provider,
    kind: orders.kind,
    currency: orders.currency,
    totalAmount: orders.totalAmount,
    paidAmount: orders.paidAmount,
    refundedAmount: orders.refundedAmount,
    paymentMode: orders.paymentMode,
    failureCode: orders.failureCode,
    failureMessage: orders.failureMessage,
    lastSyncError: orders.lastSyncError,
    paidAt: orders.paidAt,
    createdAt: orders.createdAt,
    updatedAt: orders.updatedAt,
    customerName: orders.customerName,
  },
  item: { productId: orderItems.productId, name: orderItems.name, quantity: orderItems.quantity, unitAmount: orderItems.unitAmount, lineAmount: orderItems.lineAmount },
};

/** What toOrderView reads: a full order with its items, or the polling read's narrower row. */
export type OrderViewSource = { [K in keyof typeof viewColumns.order]: OrderRow[K] } & { items: { [K in keyof typeof viewColumns.item]: OrderItemRow[K] }[] };

// Only the shown columns: on PostgreSQL every column costs the poll parsing and mapping, and the
// poll is the store's most frequent request.
const orderViewQuery = preparedStatement((db) =>
  db
    .select(viewColumns)
    .from(orders)
    .leftJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(eq(orders.id, sql.placeholder("id")))
    .orderBy(asc(orderItems.id))
    .prepare("store_order_view"),
);

async function loadOrderView(id: string): Promise<OrderViewSource | null> {
  return withItems(await (await orderViewQuery()).execute({ id }));
}

/**
 * The polling route's read (GET /api/orders/{id}): through the order view cache, which every
 * write to an order clears (lib/orders/order-view-cache.ts; on PostgreSQL, other instances' writes
 * too, through lib/orders/order-change-feed.ts). Pages and payment logic read the
 * database directly.
 */
export async function loadOrderForPolling(id: string, report?: (source: CacheSource) => void): Promise<OrderViewSource | null> {
  if (!isOrderId(id)) return null;
  const { databaseUrl } = config();
  const everyWriteSeen = databaseUrl ? followOrderChanges(databaseUrl) : true;
  return readOrderThroughCache(id, loadOrderView, { ttlMs: orderViewTtlMs(everyWriteSeen), report });
}

/** The store order a provider object belongs to (a StepPay order code, a Unifi transaction id). */
export async function findPaymentByRef(provider: string, ref: string): Promise<ProviderPaymentRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerPayments)
    .where(and(eq(providerPayments.provider, provider), eq(providerPayments.ref, ref)));
  return row ?? null;
}

/**
 * The provider object and its store order in one query (the return URLs and the callback start
 * from a provider ref; the sync needs both).
 */
const paymentAndOrderByRefQuery = preparedStatement((db) =>
  db
    .select({ payment: providerPayments, order: orders })
    .from(providerPayments)
    .innerJoin(orders, eq(orders.id, providerPayments.orderId))
    .where(and(eq(providerPayments.provider, sql.placeholder("provider")), eq(providerPayments.ref, sql.placeholder("ref"))))
    .prepare("store_payment_and_order_by_ref"),
);

export async function findPaymentAndOrderByRef(provider: string, ref: string): Promise<{ payment: ProviderPaymentRow; order: OrderRow } | null> {
  const [row] = await (await paymentAndOrderByRefQuery()).execute({ provider, ref });
  return row ?? null;
}

/**
 * The order's latest attempt that the provider knows of (has a ref). An attempt whose create call
 * failed has no ref and can never be looked up; taking it for the latest would hide the attempt
 * before it, which may have been paid.
 */
export async function latestPaymentOf(orderId: string): Promise<ProviderPaymentRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerPayments)
    .where(and(eq(providerPayments.orderId, orderId), isNotNull(providerPayments.ref)))
    .orderBy(desc(providerPayments.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The order's attempts the provider knows of whose status may still change (none of
 * `finalStatuses` recorded), newest first, at most `limit`: where each attempt is its own provider
 * object, an earlier one may be paid while the shopper pays the latest (two windows). Where every
 * attempt shares one (StepPay: one row per order, no final status), that one.
 */
export async function openAttemptsOf(orderId: string, finalStatuses: readonly string[], limit = 5): Promise<ProviderPaymentRow[]> {
  const db = await getDb();
  const open = finalStatuses.length
    ? or(isNull(providerPayments.lastProviderStatus), notInArray(providerPayments.lastProviderStatus, [...finalStatuses]))
    : undefined;
  return db
    .select()
    .from(providerPayments)
    .where(and(eq(providerPayments.orderId, orderId), isNotNull(providerPayments.ref), open))
    .orderBy(desc(providerPayments.createdAt))
    .limit(limit);
}

/** What the shopper's browser may see of an order (GET /api/orders/{id} and the order page). */
export type OrderView = {
  id: string;
  status: OrderStatus;
  provider: string;
  kind: string;
  currency: Currency;
  totalAmount: number;
  paidAmount: number | null;
  refundedAmount: number;
  paymentMode: string | null;
  failure: { code: string; message: string } | null;
  syncError: string | null;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
  customer: { name: string };
  items: { productId: string; name: string; image: string | null; quantity: number; unitAmount: number; lineAmount: number }[];
  /**
   * The amounts above, formatted in the view's language on the server. The order page's client
   * components show these rather than calling Intl.NumberFormat while they hydrate: a page's first
   * Intl formatter costs the browser 20–50 ms of ICU set-up, and the Pay button waits for hydration.
   */
  amountLabels: { total: string; paid: string | null; refunded: string };
};

export function toOrderView(order: OrderViewSource, locale: "en" | "ko" = "en"): OrderView {
  const currency = order.currency as Currency;
  return {
    id: order.id,
    status: order.status as OrderStatus,
    provider: order.provider,
    kind: order.kind,
    currency: order.currency as Currency,
    totalAmount: order.totalAmount,
    paidAmount: order.paidAmount,
    refundedAmount: order.refundedAmount,
    paymentMode: order.paymentMode,
    failure: order.failureCode ? { code: order.failureCode, message: order.failureMessage ?? "" } : null,
    syncError: order.lastSyncError,
    paidAt: order.paidAt?.toISOString() ?? null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    // Not the email address: anyone with the order's link may read this, and no page shows it.
    customer: { name: order.customerName },
    items: order.items.map((item) => {
      const product = findProduct(item.productId);
      return {
        productId: item.productId,
        name: product ? product.name[locale] : item.name,
        image: product?.image ?? null,
        quantity: item.quantity,
        unitAmount: item.unitAmount,
        lineAmount: item.lineAmount,
      };
    }),
    amountLabels: {
      total: formatMoney(order.totalAmount, currency, locale),
      paid: order.paidAmount === null ? null : formatMoney(order.paidAmount, currency, locale),
      refunded: formatMoney(order.refundedAmount, currency, locale),
    },
  };
}

export async function loadOrderEvents(orderId: string) {
  const db = await getDb();
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}
