import { and, eq, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { providerPayments, subscriptions, webhookEvents } from "@/lib/db/schema";
import { readBytesCapped, streamBody } from "@/lib/http/api-error";
import { config } from "@/lib/env";
import { syncRefundsFromProvider } from "@/lib/orders/refund-order";
import { syncOrderFromProvider } from "@/lib/orders/sync-order";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { checkSignatureHeader, createSignatureHasher } from "@/lib/providers/steppay/webhook-signature";
import { parseStepPayWebhook } from "@/lib/providers/steppay/webhooks";
import { syncRenewalOrder, syncSubscriptionFromProvider } from "@/lib/subscriptions/sync-subscription";

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

const ok = (body: Record<string, unknown> = {}): WebhookAnswer => ({ status: 200, body: { ok: true, ...body } });
const refuse = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { error: { code, message } } });

/**
 * Body limits. A v1 delivery is unsigned and a few dozen bytes. A v2 delivery carries the whole
 * order or subscription, and a subscription's `relatedOrders` holds every order it ever made
 * (~5 KB each): a daily subscription passes 256 KiB in under two months. So a signed delivery is
 * hashed as it streams in, kept up to `keepBytes` (what one forged delivery can make the store
 * hold), and judged on its signature, whatever its size, before anything is parsed; an authentic
 * one too large to keep is still answered 2xx (answering 413 would make StepPay redeliver it
 * forever), and the subscriptions it may be about are re-read by the reconciler.
 */
export const WEBHOOK_LIMITS = { unsignedBytes: 64 * 1024, keepBytes: 1024 * 1024, hashBytes: 64 * 1024 * 1024 };

/** POST /api/webhooks/steppay's whole work: read the request as the limits above say, then handle it. */
export async function receiveStepPayWebhook(request: Request, limits = WEBHOOK_LIMITS): Promise<WebhookAnswer> {
  const header = request.headers.get("steppay-signature");
  if (header === null) return handleStepPayWebhook(await readBytesCapped(request, limits.unsignedBytes), false);
  // Refused unread: no key, a malformed header or a stale timestamp can never be authentic.
  const checked = checkSignatureHeader({ secret: config().steppay.webhookSecret, header });
  if (!checked.ok) return refuse(401, "invalid_signature", `Webhook refused: ${checked.reason}`);

  const hasher = createSignatureHasher(checked.secret, checked.timestamp);
  const { bytes, size } = await streamBody(request, { maxBytes: limits.hashBytes, keepBytes: limits.keepBytes, onChunk: (chunk) => hasher.update(chunk) });
  // Judged before anything is parsed, whatever the size; the one check of a signed delivery.
  if (!hasher.matches(checked.signatures)) return refuse(401, "invalid_signature", "Webhook refused: bad_signature");
  if (bytes) return handleStepPayWebhook(bytes, true);
  // Authentic but unread: only subscriptions grow this large. Every live one is re-read on the
  // reconciler's next pass instead of after its usual wait.
  const db = await getDb();
  const marked = await db
    .update(subscriptions)
    .set({ lastSyncedAt: new Date(0) })
    .where(sql`${subscriptions.status} not in ('CANCELED', 'EXPIRED')`)
    .returning({ id: subscriptions.id });
  console.warn(`[webhook] authentic StepPay delivery of ${size} bytes, too large to read: ${marked.length} live subscriptions queued for a re-read`);
  return ok({ ignored: "too_large", resyncQueued: marked.length });
}

/**
 * StepPay's webhooks, v1 and v2, once read. `verified`: the signature was checked on the raw bytes
 * before this (receiveStepPayWebhook, the one check). The body is then only a hint: the order or
 * subscription it names is read again from StepPay and synced.
 *  - v2 (signed): a bad, missing or stale signature → 401; with no key configured every v2
 *    delivery is refused (never accepted unverified). Deduplicated by (event, id, timestamp).
 *  - v1 (unsigned, deprecated): acted on only through the lookup, so a forged one changes nothing.
 * Authentic events the store does not use are answered 2xx, so StepPay stops retrying; a
 * provider fault while looking up is answered 503, so it retries later.
 */
export async function handleStepPayWebhook(rawBody: Uint8Array, verified: boolean): Promise<WebhookAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    json = undefined;
  }
  // A v2 body comes signed: unsigned, it is never accepted (no key configured: nothing is).
  const looksV2 = typeof json === "object" && json !== null && "event" in json && "timestamp" in json;
  if (!verified && looksV2) {
    const refused = checkSignatureHeader({ secret: config().steppay.webhookSecret, header: null });
    return refuse(401, "invalid_signature", `Webhook refused: ${refused.ok ? "missing_header" : refused.reason}`);
  }
  // Authentic but unreadable: answered 2xx all the same (a 4xx is redelivered forever).
  if (json === undefined) return verified ? ok({ ignored: "not_json" }) : refuse(400, "invalid_json", "Webhook body is not valid JSON");
  const hook = parseStepPayWebhook(json);
  if (!hook) return verified ? ok({ ignored: "unknown_shape" }) : refuse(400, "invalid_request", "Not a StepPay webhook");

  const dedupeKey = hook.version === 2 ? `steppay:${hook.event}:${hook.subscriptionId ?? hook.orderRef ?? "-"}:${hook.timestamp}` : null;
  const db = await getDb();
  if (dedupeKey) {
    const [seen] = await db.select().from(webhookEvents).where(eq(webhookEvents.key, dedupeKey));
    if (seen) return ok({ duplicate: true });
  }

  try {
    let result: Record<string, unknown>;
    if (hook.version === 2) {
      if (hook.event.startsWith("subscription.") && hook.subscriptionId) result = await subscription(hook.subscriptionId);
      else if ((hook.event.startsWith("order.") || hook.event.startsWith("payment.")) && hook.orderRef) result = await order(hook.orderRef);
      else result = { ignored: "event_not_used" };
    } else {
      result = hook.kind === "order" ? await order(hook.orderRef) : await subscription(hook.subscriptionId);
    }
    // Remember an authentic delivery only once it was handled, so a failed one can be retried.
    if (dedupeKey) await db.insert(webhookEvents).values({ key: dedupeKey, provider: "steppay", event: hook.version === 2 ? hook.event : "v1" }).onConflictDoNothing();
    return ok(result);
  } catch (error) {
    if (error instanceof StepPayError && error.isNotFound) return ok({ ignored: "unknown_to_steppay" });
    if (error instanceof StepPayError) return refuse(503, "provider_unavailable", "Could not look the webhook's subject up at StepPay; retry later");
    throw error;
  }
}

/** An order named by a webhook: one of ours (sync it), or a renewal of one of our subscriptions. */
async function order(ref: string): Promise<Record<string, unknown>> {
  const db = await getDb();
  const [payment] = await db
    .select()
    .from(providerPayments)
    .where(and(eq(providerPayments.provider, "steppay"), or(eq(providerPayments.ref, ref), sql`${providerPayments.details}->>'orderId' = ${ref}`)));
  if (payment?.ref) {
    // A paid order can still change at StepPay: refunded in its dashboard.
    const refunds = await syncRefundsFromProvider(payment.orderId);
    // The store's own refund of this order is in flight: deliver this again later, when it is over.
    if (refunds.busy) throw new StepPayError({ kind: "network", message: "A refund of this order is in progress" });
    if (refunds.changed) return { order: payment.orderId, refundedAmount: refunds.refundedAmount };
    const result = await syncOrderFromProvider(payment.orderId, { source: "webhook", paymentRef: payment.ref, payment });
    if (result.error) throw new StepPayError({ kind: "network", message: result.error });
    return { order: payment.orderId, status: result.status };
  }
  const renewal = await syncRenewalOrder(ref);
  return renewal.kind === "ignored" ? { ignored: renewal.reason } : { renewalOf: renewal.subscriptionId, status: renewal.status };
}

async function subscription(id: number): Promise<Record<string, unknown>> {
  const row = await syncSubscriptionFromProvider(id);
  return row ? { subscription: row.id, status: row.status } : { ignored: "unknown_subscription" };
}
