import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { orders, providerPayments } from "@/lib/db/schema";
import { collectExchanges, type RecordedExchange } from "@/lib/payments/exchange-log";
import type { OrderRow } from "@/lib/payments/gateway";
import { stepPayClient } from "@/lib/payments/provider-clients";
import { loadOrder } from "./load-order";
import { addOrderEvent } from "./order-events";
import { writeOrder } from "./order-view-cache";
import { refundTransition, type OrderStatus } from "./state-machine";

export type RefundResult =
  | { kind: "refunded"; status: OrderStatus; refundedAmount: number }
  | { kind: "error"; status: number; code: string; message: string };

/**
 * Refunds part or all of a paid StepPay order through PATCH /api/v1/orders/{code}/cancel, then
 * re-reads the order: the refunded total the store shows is StepPay's returnedAmount, not ours.
 * (Unifi Pay publishes no refund API.)
 */
export async function refundOrder(orderId: string, amount: number, reason: string): Promise<RefundResult> {
  const order = await loadOrder(orderId);
  if (!order) return { kind: "error", status: 404, code: "order_not_found", message: "No order with this id" };
  if (order.provider !== "steppay") return { kind: "error", status: 409, code: "refund_unsupported", message: "This provider publishes no refund API" };
  if (order.status !== "paid" && order.status !== "partially_refunded") {
    return { kind: "error", status: 409, code: "not_refundable", message: "Only a paid order can be refunded" };
  }
  const refundable = (order.paidAmount ?? 0) - order.refundedAmount;
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > refundable) {
    return { kind: "error", status: 400, code: "invalid_amount", message: `The refund must be between 1 and ${refundable}` };
  }
  const db = await getDb();
  const [payment] = await db.select().from(providerPayments).where(and(eq(providerPayments.orderId, orderId), eq(providerPayments.provider, "steppay")));
  const client = stepPayClient();
  const outcome = await collectExchanges(async () => {
    await client.cancelOrder(payment!.ref!, { requestPrice: amount, reason });
    return client.getOrder(payment!.ref!);
  });
  if ("error" in outcome) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    await addOrderEvent(db, orderId, "refund_failed", "StepPay refused or could not take the refund", { amount, error: message, exchanges: outcome.exchanges });
    return { kind: "error", status: 502, code: "refund_failed", message: "StepPay could not refund this order right now" };
  }
  const returned = Math.round(outcome.result.returnedAmount ?? 0);
  return writeOrder(orderId, () => recordRefund(db, order, amount, returned, outcome.exchanges));
}

async function recordRefund(db: Db, order: OrderRow, amount: number, returned: number, exchanges: RecordedExchange[]) {
  const orderId = order.id;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    const next = refundTransition(current!.status as OrderStatus, current!.paidAmount ?? 0, returned);
    await tx.update(orders).set({ refundedAmount: returned, status: next.status, updatedAt: new Date() }).where(eq(orders.id, orderId));
    await addOrderEvent(tx, orderId, "refunded", `Refund of ${amount} ${order.currency} accepted; StepPay reports ${returned} returned in total`, {
      amount,
      returnedAmount: returned,
      from: current!.status,
      to: next.status,
      exchanges,
    });
    return { kind: "refunded" as const, status: next.status, refundedAmount: returned };
  });
}
