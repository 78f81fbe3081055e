import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { collectExchanges, type RecordedExchange } from "@/lib/payments/exchange-log";
import { gatewayFor } from "@/lib/payments/gateways";
import type { PaymentMode } from "@/lib/providers/types";
import { latestPaymentOf, loadOrderWithItems, openAttemptsOf } from "./load-order";
import { addOrderEvent } from "./order-events";
import { writeOrder } from "./order-view-cache";
import { canStartPayment, isSettled, startPaymentTransition, type OrderStatus } from "./state-machine";
import { syncOrderFromProvider } from "./sync-order";

export type StartPaymentResult =
  | { kind: "redirect"; url: string }
  | { kind: "settled" }
  | { kind: "not_found" }
  | { kind: "error"; code: "not_payable" | "provider_unavailable"; message: string };

/**
 * Opens the provider's payment page for an order, in any mode: the same order, the same provider
 * calls; only the return URLs (which carry the mode) differ.
 */
export async function startPayment(orderId: string, mode: PaymentMode): Promise<StartPaymentResult> {
  const order = await loadOrderWithItems(orderId);
  if (!order) return { kind: "not_found" };
  const status = order.status as OrderStatus;
  if (isSettled(status)) return { kind: "settled" };
  if (!canStartPayment(status)) {
    return { kind: "error", code: "not_payable", message: "This order is under review and cannot be paid again" };
  }

  // Before opening another payment page, ask about the last one: it may have been paid in a
  // window whose return never reached us. Paying twice is worse than one extra lookup. Where each
  // attempt is its own provider object, every one still open is asked about (newest first): an
  // earlier window may be the one that was paid.
  const gateway = gatewayFor(order.provider);
  const previous = await latestPaymentOf(orderId);
  for (const attempt of await openAttemptsOf(orderId, gateway.finalStatuses)) {
    const synced = await syncOrderFromProvider(orderId, { source: "manual", paymentRef: attempt.ref!, payment: attempt });
    if (isSettled(synced.status)) return { kind: "settled" };
    // An attempt was paid with an amount or ids that do not match: held for review, and no
    // second payment page (a matching second payment would take the money twice).
    if (!canStartPayment(synced.status)) return { kind: "error", code: "not_payable", message: "This order is under review and cannot be paid again" };
  }

  const db = await getDb();
  const outcome = await collectExchanges(() => gateway.start(order, mode));
  if ("error" in outcome) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    await addOrderEvent(db, orderId, "payment_start_failed", "Could not open the payment page", { mode, error: message, exchanges: outcome.exchanges });
    return { kind: "error", code: "provider_unavailable", message: "The payment provider could not be reached. Please try again in a moment." };
  }

  // Where attempts share one provider object, a new one (StepPay replaced an order cancelled unpaid)
  // starts with no failure of its own to remember.
  const freshObject = gateway.sharesProviderObjectAcrossAttempts && outcome.result.payment.ref !== (previous?.ref ?? null);
  await writeOrder(orderId, () => recordStart(db, orderId, mode, outcome.result.payment.ref, outcome.exchanges, freshObject));
  return { kind: "redirect", url: outcome.result.url };
}

async function recordStart(db: Db, orderId: string, mode: PaymentMode, paymentRef: string | null, exchanges: RecordedExchange[], freshObject: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    const next = startPaymentTransition(current!.status as OrderStatus);
    await tx
      .update(orders)
      .set({
        paymentMode: mode,
        // The failure this clears is kept: StepPay's lookup will still show it while the shopper pays
        // again (not when its order was replaced: the new one never showed it).
        ...(next.changed
          ? { status: next.status, failureCode: null, failureMessage: null, clearedFailureCode: freshObject ? null : (current!.failureCode ?? current!.clearedFailureCode), updatedAt: new Date() }
          : freshObject
            ? { clearedFailureCode: null }
            : {}),
      })
      .where(eq(orders.id, orderId));
    await addOrderEvent(tx, orderId, "payment_started", `Payment page opened by ${mode}`, { mode, paymentRef, exchanges });
  });
}
