import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { steppayCatalog } from "@/lib/db/schema";
import type { Product } from "@/lib/catalog";
import type { StepPayClient } from "@/lib/providers/steppay/client";

/**
 * StepPay sells only what exists in the merchant's StepPay account (productCode + priceCode).
 * The store creates each catalog product and price there once, through the API, and remembers the
 * codes. A price change makes a new key, hence a new price plan: an order can never be created
 * against a stale price.
 *
 * Two requests racing to create the same entry may both create it at StepPay; the first insert
 * wins and the other product is simply unused. No lock is held across the HTTP call.
 */
export type StepPayCodes = { productCode: string; priceCode: string };

const inFlight = new Map<string, Promise<StepPayCodes>>(); // de-duplicates concurrent work in one process only

export function catalogKey(product: Product): string {
  const recurring = product.recurring ? `${product.recurring.interval}x${product.recurring.intervalCount}` : "once";
  return `${product.id}:KRW:${product.prices.KRW}:${recurring}`;
}

export async function ensureStepPayCodes(client: StepPayClient, product: Product): Promise<StepPayCodes> {
  const key = catalogKey(product);
  const db = await getDb();
  const [known] = await db.select().from(steppayCatalog).where(eq(steppayCatalog.key, key));
  if (known) return { productCode: known.productCode, priceCode: known.priceCode };
  let pending = inFlight.get(key);
  if (!pending) {
    pending = provision(client, product, key).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function provision(client: StepPayClient, product: Product, key: string): Promise<StepPayCodes> {
  const created = await client.createProduct({ name: product.name.ko, type: "BOX", description: product.description.ko });
  const price = await client.createPrice(created.id, {
    price: product.prices.KRW,
    // StepPay shows "product (plan)": name the plan for what it is, not the product again.
    planName: product.recurring ? (product.recurring.interval === "YEAR" ? "연간 정기구독" : "월간 정기구독") : "단품",
    recurring: product.recurring,
  });
  const db = await getDb();
  await db.insert(steppayCatalog).values({ key, productCode: created.code, priceCode: price.code }).onConflictDoNothing();
  const [row] = await db.select().from(steppayCatalog).where(eq(steppayCatalog.key, key));
  return { productCode: row!.productCode, priceCode: row!.priceCode };
}
