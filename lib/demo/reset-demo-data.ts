import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { forgetAllOrders } from "@/lib/orders/order-view-cache";
import { getDb } from "@/lib/db/client";
import {
  fulfilments,
  orderEvents,
  orderItems,
  orders,
  providerPayments,
  steppayCatalog,
  subscriptionRenewals,
  subscriptions,
  webhookEvents,
} from "@/lib/db/schema";
import { config, type AppConfig } from "@/lib/env";

/**
 * The store's half of the sandbox's "Reset demo data" (the sandbox asks over HTTP, as it asks
 * everything of the store). Demo data only makes sense against the sandbox: with a real provider
 * configured, the reset does not exist.
 *
 * Kept: app_secrets (the key that signs subscriber links is the store's, not demo data).
 * Forgotten with the rest: the StepPay product and price codes, so the next order provisions them
 * again in the (freshly emptied) sandbox.
 */
export function isDemoResetEnabled(c: AppConfig = config()): boolean {
  // Every provider the store offers is the sandbox (a provider turned off takes no part).
  return (c.steppay.usesSandbox || !c.steppay.enabled) && (c.unifipay.usesSandbox || !c.unifipay.enabled);
}

// Children before parents. The foreign keys cascade from orders anyway; deleting each table
// explicitly is what lets the answer say how many rows went.
const STORE_TABLES: ReadonlyArray<readonly [string, PgTable]> = [
  ["subscriptionRenewals", subscriptionRenewals],
  ["subscriptions", subscriptions],
  ["fulfilments", fulfilments],
  ["orderEvents", orderEvents],
  ["providerPayments", providerPayments],
  ["orderItems", orderItems],
  ["orders", orders],
  ["webhookEvents", webhookEvents],
  ["steppayCatalog", steppayCatalog],
];

export type DemoResetCounts = Record<string, number>;

/** Deletes the store's demo data in one transaction; answers rows deleted per table. */
export async function resetDemoData(): Promise<DemoResetCounts> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const cleared: DemoResetCounts = {};
      for (const [name, table] of STORE_TABLES) {
        cleared[name] = (await tx.delete(table).returning({ one: sql<number>`1` })).length;
      }
      return cleared;
    });
  } finally {
    forgetAllOrders(); // polled orders are gone: the polling route must answer 404
  }
}
