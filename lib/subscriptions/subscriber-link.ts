import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appSecrets } from "@/lib/db/schema";

/**
 * "My subscriptions" is opened by a signed link, not by typing an email: the token names the
 * email and an expiry, signed with a key the app generates on first use and keeps in the database
 * (so every instance and every restart agrees on it).
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

function signature(key: string, email: string, expires: number): string {
  return createHmac("sha256", key).update(`subscriber:${email}:${expires}`).digest("base64url");
}

export async function subscriberToken(email: string, nowMs = Date.now()): Promise<string> {
  const expires = Math.floor(nowMs / 1000) + LIFETIME_SECONDS;
  return `${Buffer.from(email).toString("base64url")}.${expires}.${signature(await linkKey(), email, expires)}`;
}

/** The email a token was issued for, or null when it is forged, altered or expired. */
export async function emailFromSubscriberToken(token: string | null | undefined, nowMs = Date.now()): Promise<string | null> {
  if (!token || token.length > 1000) return null;
  const [encoded, expiresText, given] = token.split(".");
  if (!encoded || !expiresText || !given || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 < nowMs) return null;
  const email = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = Buffer.from(signature(await linkKey(), email, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? email : null;
}
