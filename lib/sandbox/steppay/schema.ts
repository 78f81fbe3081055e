import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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
    /** The card of the first payment: renewals charge it (always approved in the sandbox). */
    cardNumberMasked: text("card_number_masked").notNull(),
    canceledVia: text("canceled_via"),
    createdAt: createdAt(),
    modifiedAt: modifiedAt(),
  },
  (t) => [
    index("sbx_steppay_subscriptions_parent_order_idx").on(t.parentOrderId),
    uniqueIndex("sbx_steppay_subscriptions_order_item_idx").on(t.orderItemId),
  ],
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
