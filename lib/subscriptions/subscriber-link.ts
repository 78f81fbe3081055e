import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appSecrets } from "@/lib/db/schema";
import { isOrderId } from "@/lib/orders/load-order";

/**
 * "My subscriptions" is opened by a signed link from the order page. The link names the ORDER
 * that started the subscriptions (and an expiry), never the email address: checkout does not
 * verify the email, so a link for an email would let anyone who places an order with someone
 * else's address see and cancel that person's subscriptions. Whoever holds an order's id (its
 * page's capability) may manage the subscriptions that order started, and nothing else.
 *
 * Signed with a key the app generates on first use and keeps in the database (so every instance
 * and every restart agrees on it).
 */
const SECRET_NAME = "subscriber-link-key";
const LIFETIME_SECONDS = 60 * 60 * 24 * 30;

async function linkKey(): Promise<string> {
  const db = await getDb();
  const [known] = await db.select().from(appSecrets).where(eq(appSecrets.name, SECRET_NAME));
  if (known) return known.value;
  await db.insert(appSecrets).values({ name: SECRET_NAME, value: randomBytes(32).toString("base64url") }).onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, SECRET_NAME));
  return row!.value;
}

// The purpose is part of what is signed, so a signature made for anything else (the email links
// of earlier versions among them) never verifies here.
function signature(key: string, orderId: string, expires: number): string {
  return createHmac("sha256", key).update(`subscriptions-of-order:${orderId}:${expires}`).digest("base64url");
}

export async function subscriptionsLinkToken(orderId: string, nowMs = Date.now()): Promise<string> {
  const expires = Math.floor(nowMs / 1000) + LIFETIME_SECONDS;
  return `${orderId}.${expires}.${signature(await linkKey(), orderId, expires)}`;
}

/** The order a token was issued for, or null when it is forged, altered or expired. */
export async function orderFromSubscriptionsToken(token: string | null | undefined, nowMs = Date.now()): Promise<string | null> {
  if (!token || token.length > 1000) return null;
  const [orderId, expiresText, given, ...rest] = token.split(".");
  if (rest.length || !isOrderId(orderId) || !expiresText || !given || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 < nowMs) return null;
  const expected = Buffer.from(signature(await linkKey(), orderId, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? orderId : null;
}
