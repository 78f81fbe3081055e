import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The StepPay sandbox's own tables (prefix `sbx_steppay_`). They play StepPay's database: the store
 * never reads them, it only sees them through the emulated HTTP API.
 *
 * Amounts are integers in won (KRW has no minor unit; the sandbox accepts KRW only).
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const modifiedAt = () => timestamp("modified_at", { withTimezone: true }).notNull().defaultNow();

export const sbxStepPayCustomers = pgTable("sbx_steppay_customers", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  uuid: text("uuid").notNull().unique(),
  username: text("username").notNull(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  phone: text("phone"),
  createdAt: createdAt(),
  modifiedAt: modifiedAt(),
});

export const sbxStepPayProducts = pgTable("sbx_steppay_products", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  type: text("type").notNull(), // BOX | SOFTWARE | BUNDLE | INVOICE | DRAFT
  status: text("status").notNull(), // SALE | OUT_OF_STOCK | UNSOLD | ...
  name: text("name").notNull(),
  subTitle: text("sub_title"),
  description: text("description").notNull().default(""),
  summary: text("summary"),
  sku: text("sku"),
  featuredImageUrl: text("featured_image_url").notNull().default(""),
  imageUrls: jsonb("image_urls").$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
  modifiedAt: modifiedAt(),
});

export type PriceRecurring = {
  interval: "DAY" | "WEEK" | "MONTH" | "YEAR";
  intervalCount: number;
  aggregateUsageType: string;
  usageType: string;
};

export const sbxStepPayPrices = pgTable(
  "sbx_steppay_prices",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    productId: integer("product_id")
      .notNull()
      .references(() => sbxStepPayProducts.id, { onDelete: "cascade" }),
    price: integer("price").notNull(),
    unit: text("unit").notNull(),
    type: text("type").notNull(), // ONE_TIME | FLAT | ...
    planName: text("plan_name").notNull(),
    planDescription: text("plan_description").notNull().default(""),
    planDetailDescription: text("plan_detail_description").notNull().default(""),
    isHiddenFromShop: boolean("is_hidden_from_shop").notNull().default(false),
    recurring: jsonb("recurring").$type<PriceRecurring>(),
    maximumPurchaseQuantity: integer("maximum_purchase_quantity").notNull().default(0),
    createdAt: createdAt(),
    modifiedAt: modifiedAt(),
  },
  (t) => [index("sbx_steppay_prices_product_idx").on(t.productId)],
);

export const sbxStepPayOrders = pgTable(
  "sbx_steppay_orders",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    idKey: text("id_key").notNull().unique(),
    type: text("type").notNull(), // ONE_TIME | RECURRING_INITIAL | RECURRING
    customerId: integer("customer_id")
      .notNull()
      .references(() => sbxStepPayCustomers.id),
    currency: text("currency").notNull(),
    /** Σ unit price × quantity, fixed when the order is created. */
    amountDue: integer("amount_due").notNull(),
    paidAmount: integer("paid_amount").notNull().default(0),
    returnedAmount: integer("returned_amount").notNull().default(0),
    discountedAmount: integer("discounted_amount").notNull().default(0),
    paymentGateway: text("payment_gateway"),
    purchaseDeadline: timestamp("purchase_deadline", { withTimezone: true }),
    paymentDate: timestamp("payment_date", { withTimezone: true }),
    /** Set when an unpaid order is cancelled, or a paid one fully refunded. */
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** Renewal orders: the subscription they renew. */
    parentSubscriptionId: integer("parent_subscription_id"),
    createdAt: createdAt(),
    modifiedAt: modifiedAt(),
  },
  (t) => [index("sbx_steppay_orders_parent_subscription_idx").on(t.parentSubscriptionId)],
);

export const sbxStepPayOrderItems = pgTable(
  "sbx_steppay_order_items",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    orderId: integer("order_id")
      .notNull()
      .references(() => sbxStepPayOrders.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    productId: integer("product_id")
      .notNull()
      .references(() => sbxStepPayProducts.id),
    priceId: integer("price_id")
      .notNull()
      .references(() => sbxStepPayPrices.id),
    // Snapshots taken at order time, like StepPay's `ordered*` fields.
    orderedProductName: text("ordered_product_name").notNull(),
    orderedProductType: text("ordered_product_type").notNull(),
    orderedPlanName: text("ordered_plan_name").notNull(),
    unitPrice: integer("unit_price").notNull(),
    currency: text("currency").notNull(),
    minimumQuantity: integer("minimum_quantity").notNull(),
    maximumQuantity: integer("maximum_quantity"),
    selectedProductOptionIds: jsonb("selected_product_option_ids").$type<number[]>().notNull().default([]),
    status: text("status").notNull().default("CREATED"), // CREATED | PAID | PAYMENT_FAILURE | CANCELLED
    paidAmount: integer("paid_amount").notNull().default(0),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    createdAt: createdAt(),
    modifiedAt: modifiedAt(),
  },
  (t) => [index("sbx_steppay_order_items_order_idx").on(t.orderId)],
);

/** One row per card attempt on the hosted page (or per renewal charge). The latest is `order.payment`. */
export const sbxStepPayPayments = pgTable(
  "sbx_steppay_payments",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => sbxStepPayOrders.id, { onDelete: "cascade" }),
    outcome: text("outcome").notNull(), // APPROVED | DECLINED | ERROR
    paymentMethod: text("payment_method").notNull().default("CARD"),
    paymentGateway: text("payment_gateway").notNull(),
    amount: integer("amount").notNull(),
    cardNumberMasked: text("card_number_masked").notNull(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: createdAt(),
  },
  (t) => [index("sbx_steppay_payments_order_idx").on(t.orderId, t.id)],
);

/**
 * Each PATCH /api/v1/orders/{id}/cancel that changed something: a refund (amount > 0) of a paid
 * order, or the cancellation of an unpaid one (amount 0). Shown as the order's `orderLogs`.
 */
export const sbxStepPayCancellations = pgTable(
  "sbx_steppay_cancellations",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => sbxStepPayOrders.id, { onDelete: "cascade" }),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("sbx_steppay_cancellations_order_idx").on(t.orderId)],
);

/** A hosted-checkout session: what a pay link opens. The token is the only capability the page needs. */
export const sbxStepPayCheckoutSessions = pgTable(
  "sbx_steppay_checkout_sessions",
  {
    token: text("token").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => sbxStepPayOrders.id, { onDelete: "cascade" }),
    successUrl: text("success_url").notNull(),
    errorUrl: text("error_url").notNull(),
    cancelUrl: text("cancel_url").notNull(),
    lang: text("lang").notNull(), // ko | en
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sbx_steppay_checkout_sessions_order_idx").on(t.orderId)],
);

/** Created when a RECURRING_INITIAL order is paid: one per recurring order item. */
export const sbxStepPaySubscriptions = pgTable(
  "sbx_steppay_subscriptions",
  {
    id: serial("id").primaryKey(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => sbxStepPayCustomers.id),
    parentOrderId: integer("parent_order_id")
      .notNull()
      .references(() => sbxStepPayOrders.id),
    orderItemId: integer("order_item_id")
      .notNull()
      .references(() => sbxStepPayOrderItems.id),
    productId: integer("product_id")
      .notNull()
      .references(() => sbxStepPayProducts.id),
    priceId: integer("price_id")
      .notNull()
      .references(() => sbxStepPayPrices.id),
    status: text("status").notNull(), // ACTIVE | PENDING_PAUSE | PAUSE | PENDING_CANCEL | CANCELED | ...
    interval: text("interval").notNull(),
    intervalCount: integer("interval_count").notNull(),
    quantity: integer("quantity").notNull(),
    unitPrice: integer("unit_price").notNull(),
    startDate: timestamp("start_date", { withTimezone: true }).notNull(),
    lastPaymentDate: timestamp("last_payment_date", { withTimezone: true }),
    nextPaymentDate: timestamp("next_payment_date", { withTimezone: true }),
    endDate: timestamp("end_date", { withTimezone: true }),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    recurringCount: integer("recurring_count").notNull().default(1),
    /** The card of the first payment: renewals charge it (approved unless a failure is armed). */
    cardNumberMasked: text("card_number_masked").notNull(),
    canceledVia: text("canceled_via"),
    /** Start of the paid period that ends at nextPaymentDate (`currentPeriod`); null = startDate. */
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
    /** While UNPAID: the payment date that failed, which the period restarts from once a retry succeeds. */
    originNextPaymentDate: timestamp("origin_next_payment_date", { withTimezone: true }),
    /** While UNPAID: when the first charge of this unpaid spell failed (retries are counted from it). */
    unpaidSince: timestamp("unpaid_since", { withTimezone: true }),
    /** Failed charges in the current unpaid spell (0 when paid up). */
    failedRenewalAttempts: integer("failed_renewal_attempts").notNull().default(0),
    /** Armed from the control panel: this many upcoming renewal charges are declined. */
    failNextRenewals: integer("fail_next_renewals").notNull().default(0),
    createdAt: createdAt(),
    modifiedAt: modifiedAt(),
  },
  (t) => [
    index("sbx_steppay_subscriptions_parent_order_idx").on(t.parentOrderId),
    uniqueIndex("sbx_steppay_subscriptions_order_item_idx").on(t.orderItemId),
    // The scheduler's question: which subscriptions are due?
    index("sbx_steppay_subscriptions_due_idx").on(t.status, t.nextPaymentDate),
  ],
);

/**
 * The sandbox clock (one row, id "default"): sandbox time = real time + offsetMs. Subscription
 * dates run on it, so a demo can jump a month ahead and watch the renewal happen.
 */
export const sbxStepPayClock = pgTable("sbx_steppay_clock", {
  id: text("id").primaryKey(),
  offsetMs: bigint("offset_ms", { mode: "number" }).notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What StepPay's merchant portal would hold about webhooks, plus the sandbox's delivery knobs (one row). */
export const sbxStepPayWebhookSettings = pgTable("sbx_steppay_webhook_settings", {
  id: text("id").primaryKey(),
  /** v2 | v1 | both */
  webhookFormat: text("webhook_format").notNull(),
  duplicateRate: doublePrecision("duplicate_rate").notNull(),
  shuffleMs: integer("shuffle_ms").notNull(),
  /** Signing keys besides the demo key (key rotation): each signs, signatures joined with `;`. */
  extraWebhookKeys: jsonb("extra_webhook_keys").$type<string[]>().notNull().default([]),
  /** The registered webhook URL; null = the store's `${APP_ORIGIN}/api/webhooks/steppay`. */
  webhookUrl: text("webhook_url"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A webhook to send (or sent): one row per logical delivery, retried in place. */
export const sbxStepPayWebhookDeliveries = pgTable(
  "sbx_steppay_webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    /** v1 | v2 */
    format: text("format").notNull(),
    /** v2: the event name (`order.payment_completed`...); v1: `order.payment` or `subscription.status`. */
    event: text("event").notNull(),
    url: text("url").notNull(),
    orderId: integer("order_id"),
    subscriptionId: integer("subscription_id"),
    /** v2: the `data` object's JSON text, wrapped with a fresh timestamp (and signed) on each attempt. */
    dataJson: text("data_json"),
    /** When set, these exact bytes (and this signature) go out on every attempt: v1, duplicates, replays. */
    fixedBody: text("fixed_body"),
    fixedSignature: text("fixed_signature"),
    /** pending | delivered | gave_up */
    state: text("state").notNull().default("pending"),
    /** false for a replay: one attempt, whatever it answers. */
    retries: boolean("retries").notNull().default(true),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leaseToken: text("lease_token"),
    /** The extra copy sent after a success ("may deliver twice"). */
    duplicateOf: integer("duplicate_of"),
    /** A re-send of an earlier delivery from the control panel. */
    replayOf: integer("replay_of"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sbx_steppay_webhook_deliveries_due_idx").on(t.state, t.nextAttemptAt),
    index("sbx_steppay_webhook_deliveries_order_idx").on(t.orderId),
    index("sbx_steppay_webhook_deliveries_subscription_idx").on(t.subscriptionId),
  ],
);

/** Every HTTP attempt of a delivery, with the exact bytes and signature sent (the delivery log). */
export const sbxStepPayWebhookAttempts = pgTable(
  "sbx_steppay_webhook_attempts",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => sbxStepPayWebhookDeliveries.id, { onDelete: "cascade" }),
    attemptNumber: integer("attempt_number").notNull(),
    url: text("url").notNull(),
    body: text("body").notNull(),
    signature: text("signature"),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sbx_steppay_webhook_attempts_delivery_idx").on(t.deliveryId)],
);

export type CustomerRow = typeof sbxStepPayCustomers.$inferSelect;
export type ProductRow = typeof sbxStepPayProducts.$inferSelect;
export type PriceRow = typeof sbxStepPayPrices.$inferSelect;
export type OrderRow = typeof sbxStepPayOrders.$inferSelect;
export type OrderItemRow = typeof sbxStepPayOrderItems.$inferSelect;
export type PaymentRow = typeof sbxStepPayPayments.$inferSelect;
export type CancellationRow = typeof sbxStepPayCancellations.$inferSelect;
export type CheckoutSessionRow = typeof sbxStepPayCheckoutSessions.$inferSelect;
export type SubscriptionRow = typeof sbxStepPaySubscriptions.$inferSelect;
export type WebhookSettingsRow = typeof sbxStepPayWebhookSettings.$inferSelect;
export type WebhookDeliveryRow = typeof sbxStepPayWebhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof sbxStepPayWebhookAttempts.$inferSelect;
