import type { Executor } from "./database";
import { orderDto } from "./dto";
import { loadOrderBundle } from "./order-bundle";
import type { OrderRow, SubscriptionRow } from "./schema";
import { subscriptionDto } from "./subscription-view";
import { enqueueWebhooks, type V2Event, type WebhookMessage } from "./webhook-deliveries";
import { getWebhookSettings } from "./webhook-settings";

/**
 * What StepPay tells the merchant, and when. Called inside the transaction that made the change,
 * so `data` is the order or subscription exactly as that change left it.
 *
 *   order created (API or renewal)      v2 order.created
 *   order paid (hosted page, renewal)   v2 payment.completed + order.payment_completed; v1 {"webHookType":"PAYMENT","orderId"}
 *   payment failed (page, renewal)      v2 payment.failed
 *   refund of a paid order              v2 payment.canceled + order.updated
 *   unpaid order cancelled              v2 order.updated
 *   subscription started                v2 subscription.created; v1 {"id","status"}
 *   subscription changed                v2 subscription.updated; v1 {"id","status"} when the status changed
 *
 * StepPay documents v1's order webhook for renewals; the sandbox also sends it for paid initial and
 * one-time orders, and v1's subscription webhook on creation (README Assumptions).
 */

export async function emitOrderWebhooks(tx: Executor, order: OrderRow, events: V2Event[], options: { v1Payment?: boolean } = {}): Promise<void> {
  const { webhookFormat } = await getWebhookSettings(tx);
  const messages: WebhookMessage[] = [];
  const ids = { orderId: order.id, subscriptionId: order.parentSubscriptionId };
  if (webhookFormat !== "v1" && events.length) {
    // Rendered once: every event of this change carries the same order.
    const dataJson = JSON.stringify(orderDto(await loadOrderBundle(tx, order)));
    for (const event of events) messages.push({ format: "v2", event, ...ids, dataJson });
  }
  if (options.v1Payment) messages.push({ format: "v1", event: "order.payment", ...ids, body: JSON.stringify({ webHookType: "PAYMENT", orderId: order.id }) });
  await enqueueWebhooks(tx, messages);
}

export async function emitSubscriptionWebhooks(
  tx: Executor,
  subscription: SubscriptionRow,
  event: "subscription.created" | "subscription.updated",
  options: { statusChanged: boolean },
): Promise<void> {
  const { webhookFormat } = await getWebhookSettings(tx);
  const messages: WebhookMessage[] = [];
  const ids = { orderId: null, subscriptionId: subscription.id };
  if (webhookFormat !== "v1") messages.push({ format: "v2", event, ...ids, dataJson: JSON.stringify(await subscriptionDto(tx, subscription)) });
  if (options.statusChanged) messages.push({ format: "v1", event: "subscription.status", ...ids, body: JSON.stringify({ id: subscription.id, status: subscription.status }) });
  await enqueueWebhooks(tx, messages);
}

/** A paid order: its payment events, then one subscription.created per subscription it started. */
export async function emitOrderPaid(tx: Executor, order: OrderRow, startedSubscriptions: SubscriptionRow[] = []): Promise<void> {
  await emitOrderWebhooks(tx, order, ["payment.completed", "order.payment_completed"], { v1Payment: true });
  for (const subscription of startedSubscriptions) await emitSubscriptionWebhooks(tx, subscription, "subscription.created", { statusChanged: true });
}
