import { doublePrecision, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The Unifi Pay sandbox's own tables (prefix `sbx_unifi_`, migrations in drizzle/sandbox-unifipay).
 * The store never reads them: it sees the sandbox only through its HTTP API, like the real one.
 * All state lives here, so two store instances on one Postgres behave as one provider.
 */

/** One row per created payment (the provider's "transaction"). */
export const sbxUnifiTransactions = pgTable(
  "sbx_unifi_transactions",
  {
    transactionId: text("transaction_id").primaryKey(),
    appId: text("app_id").notNull(),
    requestId: text("request_id").notNull(),
    orderId: text("order_id").notNull(),
    storeId: text("store_id").notNull(),
    returnUrl: text("return_url").notNull(),
    callbackUrl: text("callback_url").notNull(),
    countryCode: text("country_code").notNull(),
    orderCurrencyCode: text("order_currency_code").notNull(),
    /** As the merchant sent it ("12.50"); echoed by the status API. */
    orderAmount: text("order_amount").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** PENDING | CONFIRMED | FAILED | CANCELED */
    status: text("status").notNull().default("PENDING"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("sbx_unifi_transactions_request_uq").on(t.appId, t.requestId)],
);

/** A callback to send (or sent): one row per logical delivery, retried in place. */
export const sbxUnifiDeliveries = pgTable(
  "sbx_unifi_deliveries",
  {
    id: serial("id").primaryKey(),
    transactionId: text("transaction_id")
      .notNull()
      .references(() => sbxUnifiTransactions.transactionId, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** The exact JSON text POSTed, identical on every attempt and on the duplicate. */
    body: text("body").notNull(),
    /** pending | delivered | gave_up */
    state: text("state").notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    /** A claimed delivery is invisible to other dispatchers until its lease runs out. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leaseToken: text("lease_token"),
    /** Set on the extra copy sent after a success ("sometimes twice, as the real one may"). */
    duplicateOf: integer("duplicate_of"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sbx_unifi_deliveries_due_idx").on(t.state, t.nextAttemptAt),
    index("sbx_unifi_deliveries_tx_idx").on(t.transactionId),
  ],
);

/** Every HTTP attempt of a delivery, for the delivery log. */
export const sbxUnifiDeliveryAttempts = pgTable(
  "sbx_unifi_delivery_attempts",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => sbxUnifiDeliveries.id, { onDelete: "cascade" }),
    attemptNumber: integer("attempt_number").notNull(),
    url: text("url").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sbx_unifi_delivery_attempts_delivery_idx").on(t.deliveryId)],
);

/** Knobs for tests and demos (one row, id "default"). */
export const sbxUnifiSettings = pgTable("sbx_unifi_settings", {
  id: text("id").primaryKey(),
  duplicateRate: doublePrecision("duplicate_rate").notNull(),
  callbackDelayMs: integer("callback_delay_ms").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
