import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { orders, subscriptions } from "@/lib/db/schema";

/** For tests: a paid subscription order of the store and its subscription, in `status`. */
export async function insertSubscription(status: string) {
  const db = await getDb();
  const orderId = randomUUID();
  await db.insert(orders).values({ id: orderId, provider: "steppay", kind: "subscription", status: "paid", currency: "KRW", totalAmount: 29000, customerName: "T", customerEmail: "t@example.com" });
  const [row] = await db
    .insert(subscriptions)
    .values({ providerSubscriptionId: Math.floor(Math.random() * 1e9), orderId, customerEmail: "t@example.com", productId: "coffee-box-monthly", renewalAmount: 29000, status })
    .returning();
  return row!;
}
