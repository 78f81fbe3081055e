import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The store's tables. The sandbox keeps its own tables (in its own wing, prefixed
 * `sbx_`); nothing here refers to them.
 *
 * Amounts are integers in the currency's minor unit (KRW has none: won; USD: cents).
 */

export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    provider: text("provider").notNull(), // 'steppay' | 'unifipay'
    kind: text("kind").notNull().default("one_time"), // 'one_time' | 'subscription'
    status: text("status").notNull(), // see lib/orders/state-machine.ts
    currency: text("currency").notNull(),
    totalAmount: integer("total_amount").notNull(),
    customerName: text("customer_name").notNull(),
    customerEmail: text("customer_email").notNull(),
    countryCode: text("country_code"),
    locale: text("locale").notNull().default("en"),
    paymentMode: text("payment_mode"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paidAmount: integer("paid_amount"),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    /** The failure "Pay again" cleared (lib/orders/start-payment.ts): read again from a shared provider object, it is that earlier attempt's. */
    clearedFailureCode: text("cleared_failure_code"),
    /** Set while a refund is being asked of the provider (lib/orders/refund-order.ts): one at a time. */
    refundStartedAt: timestamp("refund_started_at", { withTimezone: true }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    lastSyncError: text("last_sync_error"),
    /** The checkout's Idempotency-Key (lib/orders/create-order.ts): a repeated "Place order" finds this order instead of making another. */
    checkoutKey: text("checkout_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("orders_status_created_idx").on(t.status, t.createdAt),
    index("orders_email_idx").on(t.customerEmail),
    uniqueIndex("orders_checkout_key_idx").on(t.checkoutKey),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: serial("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: text("product_id").notNull(),
    name: text("name").notNull(),
    unitAmount: integer("unit_amount").notNull(),
    quantity: integer("quantity").notNull(),
    lineAmount: integer("line_amount").notNull(),
  },
  (t) => [index("order_items_order_idx").on(t.orderId)],
);

/**
 * One row per object created at the provider for an order: a StepPay order (reused for every
 * retry of the same store order) or a Unifi Pay transaction (one per attempt).
 */
export const providerPayments = pgTable(
  "provider_payments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    // StepPay: orderCode; Unifi Pay: transactionId. Null until the provider answered.
    ref: text("ref"),
    // Unifi Pay requestId (our idempotency key towards the provider); StepPay: null.
    requestId: text("request_id"),
    // Provider-specific details we must keep (StepPay numeric id and idKey, Unifi startPageUrl).
    details: jsonb("details").$type<Record<string, string | number | null>>().notNull().default({}),
    mode: text("mode"),
    lastProviderStatus: text("last_provider_status"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("provider_payments_ref_idx").on(t.provider, t.ref),
    uniqueIndex("provider_payments_request_idx").on(t.provider, t.requestId),
    index("provider_payments_order_idx").on(t.orderId, t.createdAt),
    // A store order has at most one StepPay order (retries reuse it).
    uniqueIndex("provider_payments_steppay_order_idx").on(t.orderId).where(sql`${t.provider} = 'steppay'`),
  ],
);

/** Exactly one row per paid order: the thing a real store would ship. */
export const fulfilments = pgTable("fulfilments", {
  orderId: text("order_id")
    .primaryKey()
    .references(() => orders.id, { onDelete: "cascade" }),
  source: text("source").notNull(), // which trigger won the race: return | callback | webhook | reconciler
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What happened to an order, in order: the timeline the order page and inspector show. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: serial("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    summary: text("summary").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

/** StepPay product and price codes this store created for its catalog (see lib/payments/steppay-catalog.ts). */
export const steppayCatalog = pgTable("steppay_catalog", {
  key: text("key").primaryKey(),
  productCode: text("product_code").notNull(),
  priceCode: text("price_code").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Subscriptions the store learned from StepPay (order.subscriptions[] of a verified initial order). */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: serial("id").primaryKey(),
    provider: text("provider").notNull().default("steppay"),
    providerSubscriptionId: integer("provider_subscription_id").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    customerEmail: text("customer_email").notNull(),
    productId: text("product_id").notNull(),
    quantity: integer("quantity").notNull().default(1),
    /** What each renewal must charge, from the store's own catalog (KRW). */
    renewalAmount: integer("renewal_amount").notNull(),
    currency: text("currency").notNull().default("KRW"),
    status: text("status").notNull(),
    interval: text("interval"),
    intervalCount: integer("interval_count"),
    startDate: text("start_date"),
    lastPaymentDate: text("last_payment_date"),
    nextPaymentDate: text("next_payment_date"),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("subscriptions_provider_id_idx").on(t.provider, t.providerSubscriptionId),
    // "My subscriptions" lists the subscriptions one order started (lib/subscriptions/subscriber-link.ts).
    index("subscriptions_order_idx").on(t.orderId),
  ],
);

/** One row per renewal order StepPay created, whatever announced it how often. */
export const subscriptionRenewals = pgTable(
  "subscription_renewals",
  {
    id: serial("id").primaryKey(),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    providerOrderId: integer("provider_order_id").notNull(),
    providerOrderCode: text("provider_order_code").notNull(),
    amount: integer("amount").notNull(),
    status: text("status").notNull(), // paid | failed | pending | review
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    checks: jsonb("checks").$type<unknown[]>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("subscription_renewals_order_idx").on(t.providerOrderId), index("subscription_renewals_sub_idx").on(t.subscriptionId)],
);

/** Authentic webhook deliveries already handled (dedupe by event, data id and timestamp). */
export const webhookEvents = pgTable("webhook_events", {
  key: text("key").primaryKey(),
  provider: text("provider").notNull(),
  event: text("event").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Secrets the app generates for itself on first use (e.g. the key that signs subscriber links). */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
