import { postOnce } from "@/lib/sandbox/shared/http-post";
import { startPoller, stopPoller } from "@/lib/sandbox/shared/poller";
import { claimDueDeliveries, recordAttempt } from "./deliveries";

/**
 * Sends due callbacks. Any number of processes may run one: claims go through the database
 * (FOR UPDATE SKIP LOCKED + lease), so no attempt is sent twice by accident; the duplicates the
 * sandbox sends on purpose are separate queued rows. The POST itself and the loop are the ones
 * StepPay's webhook sender uses (lib/sandbox/shared/http-post.ts, poller.ts).
 */
export const POLL_INTERVAL_MS = 250;
export const SEND_TIMEOUT_MS = 5_000;
const BATCH_SIZE = 10;
const POLLER_NAME = "unifipay-callbacks";
const HEADERS = { "content-type": "application/json", "user-agent": "UnifiPay-Sandbox-Callback/1.0" };

export type DispatchOptions = {
  now?: () => Date;
  fetch?: typeof fetch;
  random?: () => number;
  limit?: number;
};

/** One pass: claim what is due, send it (outside any transaction), record each outcome. Returns how many were attempted. */
export async function runDueDeliveries(options: DispatchOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimed = await claimDueDeliveries(now(), options.limit ?? BATCH_SIZE);
  // In parallel, as a provider's workers would: arrival order is not guaranteed.
  await Promise.all(
    claimed.map(async (delivery) => {
      const outcome = await postOnce({ url: delivery.url, body: delivery.body, headers: HEADERS, timeoutMs: SEND_TIMEOUT_MS, fetch: options.fetch, now });
      await recordAttempt(delivery, outcome, options.random);
    }),
  );
  return claimed.length;
}

/** Starts this process's callback sender, once; called by the first sandbox request (never at import time). */
export function ensureUnifiDispatcher(): void {
  startPoller(POLLER_NAME, POLL_INTERVAL_MS, () => runDueDeliveries());
}

export function stopUnifiDispatcher(): void {
  stopPoller(POLLER_NAME);
}
