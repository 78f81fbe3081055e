import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { postOnce } from "@/lib/sandbox/shared/http-post";
import { startPoller, stopPoller } from "@/lib/sandbox/shared/poller";
import { claimDueWebhooks, listWebhookDeliveries, queueReplay, recordWebhookAttempt, type ClaimedWebhook, type SentBytes, type WebhookLogEntry } from "./webhook-deliveries";
import { getWebhookSettings } from "./webhook-settings";
import { SIGNATURE_HEADER, signatureHeaderValue, v2WebhookBody } from "./webhook-signature";

/**
 * Sends due webhooks. Any number of processes may run one: claims go through the database
 * (FOR UPDATE SKIP LOCKED + lease), so no attempt is sent twice by accident; the duplicates the
 * sandbox sends on purpose are separate queued rows.
 */
export const WEBHOOK_POLL_INTERVAL_MS = 200;
export const WEBHOOK_SEND_TIMEOUT_MS = 5_000;
const BATCH_SIZE = 10;
const POLLER_NAME = "steppay-webhooks";

export type WebhookDispatchOptions = {
  now?: () => Date;
  fetch?: typeof fetch;
  random?: () => number;
  limit?: number;
};

/**
 * The bytes of an attempt. A v2 delivery is wrapped and signed afresh each time (the envelope's
 * timestamp and the header's must agree, and a receiver rejects stale timestamps); v1 bodies,
 * duplicates and replays go out exactly as stored.
 */
function bytesFor(delivery: ClaimedWebhook, keys: readonly string[], now: Date): SentBytes {
  if (delivery.fixedBody !== null) return { body: delivery.fixedBody, signature: delivery.fixedSignature };
  // The real clock, not the sandbox clock: receivers check the timestamp against their own time.
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = v2WebhookBody(timestamp, delivery.event, delivery.dataJson ?? "null");
  return { body, signature: signatureHeaderValue(keys, timestamp, body) };
}

async function signingKeys(): Promise<string[]> {
  const { extraWebhookKeys } = await getWebhookSettings();
  return [sandboxSettings().steppay.webhookKey, ...extraWebhookKeys];
}

async function send(delivery: ClaimedWebhook, keys: readonly string[], options: WebhookDispatchOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const sent = bytesFor(delivery, keys, now());
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "StepPay-Sandbox-Webhook/1.0" };
  if (sent.signature !== null) headers[SIGNATURE_HEADER] = sent.signature;
  const outcome = await postOnce({ url: delivery.url, body: sent.body, headers, timeoutMs: WEBHOOK_SEND_TIMEOUT_MS, fetch: options.fetch, now });
  await recordWebhookAttempt(delivery, sent, outcome, options.random);
}

/** One pass: claim what is due, send it (outside any transaction), record each outcome. Returns how many were attempted. */
export async function runDueWebhookDeliveries(options: WebhookDispatchOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimed = await claimDueWebhooks(now(), options.limit ?? BATCH_SIZE);
  if (!claimed.length) return 0;
  const keys = await signingKeys();
  // In parallel, as a provider's workers would: arrival order is not guaranteed.
  await Promise.all(claimed.map((delivery) => send(delivery, keys, options)));
  return claimed.length;
}

/**
 * Re-sends a past delivery now, with the identical bytes and signature of its latest attempt (to
 * show a receiver's replay protection). One attempt, no retries. Null when the delivery does not
 * exist or was never sent.
 */
export async function replayWebhookDelivery(deliveryId: number, options: WebhookDispatchOptions = {}): Promise<WebhookLogEntry | null> {
  const replay = await queueReplay(deliveryId, (options.now ?? (() => new Date()))());
  if (!replay) return null;
  await send(replay, [], options);
  const [entry] = await listWebhookDeliveries({ deliveryId: replay.id });
  return entry ?? null;
}

/** Starts this process's webhook sender, once; called by the first sandbox request. */
export function ensureStepPayWebhookDispatcher(): void {
  startPoller(POLLER_NAME, WEBHOOK_POLL_INTERVAL_MS, () => runDueWebhookDeliveries());
}

export function stopStepPayWebhookDispatcher(): void {
  stopPoller(POLLER_NAME);
}
