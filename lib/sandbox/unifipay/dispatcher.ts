import { claimDueDeliveries, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from "./deliveries";

/**
 * Sends due callbacks. Any number of processes may run one: claims go through the database
 * (FOR UPDATE SKIP LOCKED + lease), so no attempt is sent twice by accident; the duplicates the
 * sandbox sends on purpose are separate queued rows.
 */
export const POLL_INTERVAL_MS = 250;
export const SEND_TIMEOUT_MS = 5_000;
const BATCH_SIZE = 10;

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
  await Promise.all(
    claimed.map(async (delivery) => {
      const outcome = await send(delivery, options.fetch ?? fetch, now);
      await recordAttempt(delivery, outcome, options.random);
    }),
  );
  return claimed.length;
}

async function send(delivery: ClaimedDelivery, doFetch: typeof fetch, now: () => Date): Promise<AttemptOutcome> {
  const startedAt = now();
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await doFetch(delivery.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "UnifiPay-Sandbox-Callback/1.0" },
      body: delivery.body,
      // A redirect is not a 2xx: it counts as a failed attempt, as a strict sender would treat it.
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    statusCode = response.status;
    await response.body?.cancel().catch(() => undefined);
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
    error = timedOut ? `no answer within ${SEND_TIMEOUT_MS} ms` : `network error: ${describe(cause)}`;
  }
  return { startedAt, finishedAt: now(), durationMs: Math.round(performance.now() - started), statusCode, error };
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
  return `${cause.message}${inner}`;
}

type DispatcherState = { timer: ReturnType<typeof setInterval>; busy: boolean; lastError: string | null };
// On globalThis: Next bundles route handlers and pages separately, and one poller per process is enough.
const globalForDispatcher = globalThis as unknown as { __sbxUnifiDispatcher?: DispatcherState };

/** Starts this process's poller, once; called by the first sandbox request (never at import time). */
export function ensureUnifiDispatcher(): void {
  if (globalForDispatcher.__sbxUnifiDispatcher) return;
  const state: DispatcherState = {
    timer: setInterval(() => void tick(state), POLL_INTERVAL_MS),
    busy: false,
    lastError: null,
  };
  state.timer.unref?.();
  globalForDispatcher.__sbxUnifiDispatcher = state;
}

export function stopUnifiDispatcher(): void {
  const state = globalForDispatcher.__sbxUnifiDispatcher;
  if (!state) return;
  clearInterval(state.timer);
  globalForDispatcher.__sbxUnifiDispatcher = undefined;
}

async function tick(state: DispatcherState): Promise<void> {
  // Only keeps this process from overlapping its own passes; what to send is decided by the DB.
  if (state.busy) return;
  state.busy = true;
  try {
    // Drain everything due before sleeping again.
    while ((await runDueDeliveries()) > 0) {
      if (globalForDispatcher.__sbxUnifiDispatcher !== state) break;
    }
    state.lastError = null;
  } catch (error) {
    const message = describe(error);
    if (message !== state.lastError) console.error("[sandbox/unifipay] callback dispatcher:", message);
    state.lastError = message;
  } finally {
    state.busy = false;
  }
}
