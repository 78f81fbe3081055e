import { and, desc, eq, inArray } from "drizzle-orm";
import { findProduct } from "@/lib/catalog";
import { getDb } from "@/lib/db/client";
import { subscriptionRenewals, subscriptions } from "@/lib/db/schema";
import { stepPayClient } from "@/lib/payments/provider-clients";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { syncSubscriptionFromProvider } from "./sync-subscription";

export const SUBSCRIPTION_ACTIONS = ["cancel-now", "cancel-end-of-period", "pause", "resume"] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

export type SubscriptionView = {
  id: number;
  productId: string;
  name: { en: string; ko: string };
  image: string | null;
  status: string;
  interval: string | null;
  renewalAmount: number;
  currency: "KRW";
  startDate: string | null;
  lastPaymentDate: string | null;
  nextPaymentDate: string | null;
  renewals: { orderCode: string; amount: number; status: string; failure: string | null; at: string }[];
};

/** The subscriptions an order started, with their renewal history (two queries, whatever the count). */
export async function listSubscriptions(orderId: string): Promise<SubscriptionView[]> {
  const db = await getDb();
  const rows = await db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId)).orderBy(desc(subscriptions.createdAt));
  if (rows.length === 0) return [];
  const renewals = await db
    .select()
    .from(subscriptionRenewals)
    .where(inArray(subscriptionRenewals.subscriptionId, rows.map((row) => row.id)))
    .orderBy(desc(subscriptionRenewals.providerOrderId));
  return rows.map((row) => {
    const product = findProduct(row.productId);
    return {
      id: row.id,
      productId: row.productId,
      name: product?.name ?? { en: row.productId, ko: row.productId },
      image: product?.image ?? null,
      status: row.status,
      interval: row.interval,
      renewalAmount: row.renewalAmount,
      currency: "KRW",
      startDate: row.startDate,
      lastPaymentDate: row.lastPaymentDate,
      nextPaymentDate: row.nextPaymentDate,
      renewals: renewals
        .filter((renewal) => renewal.subscriptionId === row.id)
        .map((renewal) => ({
          orderCode: renewal.providerOrderCode,
          amount: renewal.amount,
          status: renewal.status,
          failure: renewal.failureMessage ?? renewal.failureCode,
          at: (renewal.paidAt ?? renewal.createdAt).toISOString(),
        })),
    };
  });
}

export type ManageResult =
  /** Done, and the subscription re-read from StepPay (`refreshed`), or not: then it shows as stored until the reconciler reads it. */
  | { kind: "done"; view: SubscriptionView; refreshed: boolean }
  /** StepPay refused (a 4xx): nothing changed. */
  | { kind: "refused"; message: string }
  /** No usable answer: the change may or may not have been made. `view` is StepPay's state read afterwards, when that worked. */
  | { kind: "unknown"; view: SubscriptionView | null };

/** Cancel, pause or resume (one of the order's subscriptions) through StepPay's API, then re-read it from StepPay. Null: no such subscription of this order. */
export async function manageSubscription(orderId: string, id: number, action: SubscriptionAction): Promise<ManageResult | null> {
  const db = await getDb();
  const [row] = await db.select().from(subscriptions).where(and(eq(subscriptions.id, id), eq(subscriptions.orderId, orderId)));
  if (!row) return null;
  const client = stepPayClient();
  const providerId = row.providerSubscriptionId;
  const view = async () => (await listSubscriptions(orderId)).find((one) => one.id === id) ?? null;
  const reread = () => syncSubscriptionFromProvider(providerId).then(() => true, () => false);
  try {
    if (action === "cancel-now") await client.cancelSubscription(providerId, { whenToCancel: "NOW" });
    if (action === "cancel-end-of-period") await client.cancelSubscription(providerId, { whenToCancel: "END_OF_PERIOD" });
    if (action === "pause") await client.pauseSubscription(providerId, { whenToPause: "IMMEDIATE", whenToResume: "NOTHING" });
    if (action === "resume") await client.resumeSubscription(providerId);
  } catch (error) {
    if (!(error instanceof StepPayError)) throw error;
    if (error.kind === "http" && error.status !== null && error.status < 500) return { kind: "refused", message: error.message };
    // A timeout or a 5xx says nothing about whether StepPay made the change: its own state does.
    return { kind: "unknown", view: (await reread()) ? await view() : null };
  }
  const refreshed = await reread();
  // Made at StepPay but not read back: the reconciler reads it on its next pass.
  if (!refreshed) await db.update(subscriptions).set({ lastSyncedAt: new Date(0) }).where(eq(subscriptions.id, id));
  return { kind: "done", view: (await view())!, refreshed };
}
