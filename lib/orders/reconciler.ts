import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { orders, providerPayments, subscriptions } from "@/lib/db/schema";
import { gatewayFor } from "@/lib/payments/gateways";
import { syncSubscriptionFromProvider } from "@/lib/subscriptions/sync-subscription";
import { openAttemptsOf } from "./load-order";
import { refundClaimMs, syncRefundsFromProvider } from "./refund-order";
import { isSettled } from "./state-machine";
import { syncOrderFromProvider } from "./sync-order";

/**
 * The safety net under the return URL, the callback and the webhook, any of which may never
 * arrive: pending orders older than `pendingAfterMs` are asked about again, and so are live
 * subscriptions not heard of for a while. An order is asked again after `pendingAfterMs`, or an
 * eighth of its age once that is longer, at most hourly: a lost announcement of a fresh order is
 * caught within minutes, while a checkout abandoned days ago costs the provider (and its timeline)
 * about 200 lookups in its seven days instead of one every `pendingAfterMs`. Rows are claimed
 * with FOR UPDATE SKIP LOCKED, so several store instances share the work instead of repeating it;
 * nothing is held in memory.
 *
 * Failed and canceled orders of the last hour are asked about too, five times less often: the
 * shopper may have paid after all (a return read while the payment was still being confirmed, a
 * failure left over from an earlier attempt while they paid again) and the announcement was lost.
 * The reconciler only ever applies money taken to them (sync-order.ts), never a failure.
 *
 * Paid orders are read again for refunds the store may have missed: at once when a refund from
 * the store never learned its outcome (its claim lapsed; StepPay's webhooks about it were answered
 * "busy" meanwhile and may all be spent), and otherwise once a day for 30 days after payment (a
 * refund made in the provider's dashboard whose every announcement was lost).
 */
export type ReconcileOptions = {
  pendingAfterMs: number;
  batch?: number;
  /**
   * How long one pass may keep claiming further batches of due orders while each batch comes back
   * full (default 0: one batch). A backlog of due orders (a burst of abandoned checkouts) is then
   * worked through within a pass or two instead of `batch` orders per interval, so an order whose
   * announcement was lost does not wait behind it for hours.
   */
  budgetMs?: number;
};

export async function reconcileOnce({
  pendingAfterMs,
  batch = 20,
  budgetMs = 0,
}: ReconcileOptions): Promise<{ orders: number; changed: number; subscriptions: number; refundsChecked: number; refundsFound: number }> {
  const db = await getDb();
  const seconds = Math.max(1, Math.round(pendingAfterMs / 1000));
  const until = Date.now() + budgetMs;
  let claimedOrders = 0;
  let changed = 0;
  for (;;) {
    // A claimed order is not due again within this pass (it was just asked), so each batch is new.
    const pass = await reconcileDueOrders(seconds, batch);
    claimedOrders += pass.orders;
    changed += pass.changed;
    // A provider that could not be asked about most of a batch (it is down, or refusing us) is
    // not asked about the rest of the backlog in the same pass: the next pass tries one batch
    // again. An order or two whose lookup always fails (an object the provider no longer knows)
    // does not stop the backlog.
    if (pass.orders < batch || pass.unanswered * 2 > pass.orders || Date.now() >= until) break;
  }

  const stale = await db.execute<{ provider_subscription_id: number }>(sql`
    update ${subscriptions} set last_synced_at = now()
    where id in (
      select id from ${subscriptions}
      where status not in ('CANCELED', 'EXPIRED')
        and last_synced_at < now() - make_interval(secs => ${seconds * 5})
      order by last_synced_at
      limit ${batch}
      for update skip locked
    )
    returning provider_subscription_id`);
  const subs = rowsOf<{ provider_subscription_id: number }>(stale);
  for (const row of subs) await syncSubscriptionFromProvider(row.provider_subscription_id).catch(() => null);
  const refunds = await sweepRefunds(batch);
  return { orders: claimedOrders, changed, subscriptions: subs.length, refundsChecked: refunds.checked, refundsFound: refunds.found };
}

/** One batch of due pending (and recently failed or canceled) orders: claimed, then each asked about. */
async function reconcileDueOrders(seconds: number, batch: number): Promise<{ orders: number; changed: number; unanswered: number }> {
  const db = await getDb();
  // Claim: mark as being looked at now, so another instance skips them for the next minute.
  const claimed = await db.execute<{ id: string; provider: string }>(sql`
    update ${orders} set last_synced_at = now()
    where id in (
      select id from ${orders}
      where updated_at < now() - make_interval(secs => ${seconds})
        and created_at > now() - interval '7 days'
        and (
          (status = 'pending' and (last_synced_at is null or last_synced_at < now() - ${askAgainAfter(seconds)}))
          or (status in ('failed', 'canceled')
            and updated_at > now() - interval '1 hour'
            and (last_synced_at is null or last_synced_at < now() - make_interval(secs => ${seconds * 5})))
        )
      -- Least recently asked first (never asked before all): with more waiting orders than a pass
      -- takes, ordering by age would ask the same oldest ones every time (abandoned checkouts
      -- pile up) and never reach a newer order whose announcement was lost.
      order by last_synced_at asc nulls first, updated_at
      limit ${batch}
      for update skip locked
    )
    returning id, provider`);
  let changed = 0;
  let unanswered = 0;
  for (const { id, provider } of rowsOf<{ id: string; provider: string }>(claimed)) {
    // Every attempt still open, newest first: where each is its own provider object (Unifi Pay),
    // the shopper may have paid an earlier window while the latest stays open.
    // (A failed lookup of one attempt does not skip the others: an earlier one may be the one paid.)
    let orderUnanswered = false;
    for (const attempt of await openAttemptsOf(id, gatewayFor(provider as "steppay").finalStatuses)) {
      const result = await syncOrderFromProvider(id, { source: "reconciler", paymentRef: attempt.ref!, payment: attempt }).catch(() => null);
      if (!result || result.error) orderUnanswered = true;
      if (result?.changed) changed++;
      if (result && isSettled(result.status)) break;
    }
    if (orderUnanswered) unanswered++;
  }
  return { orders: rowsOf(claimed).length, changed, unanswered };
}

async function sweepRefunds(batch: number): Promise<{ checked: number; found: number }> {
  const db = await getDb();
  const lapsedBefore = new Date(Date.now() - refundClaimMs());
  const due = await db.execute<{ id: string; provider: string }>(sql`
    update ${orders} set last_synced_at = now()
    where id in (
      select id from ${orders}
      where status in ('paid', 'partially_refunded')
        and (
          refund_started_at < ${lapsedBefore}
          or (paid_at > now() - interval '30 days' and (last_synced_at is null or last_synced_at < now() - interval '1 day'))
        )
      order by refund_started_at asc nulls last, last_synced_at asc nulls first
      limit ${batch}
      for update skip locked
    )
    returning id, provider`);
  let found = 0;
  for (const row of rowsOf<{ id: string; provider: string }>(due)) {
    if (row.provider === "steppay") {
      const read = await syncRefundsFromProvider(row.id).catch(() => null);
      if (!read) continue; // StepPay unreachable: the lapsed claim stays, and is tried again next pass
      if (read.changed) found++;
      // Read: a lapsed claim has nothing more to hold (a refund started since holds a newer one).
      await db.update(orders).set({ refundStartedAt: null }).where(and(eq(orders.id, row.id), lt(orders.refundStartedAt, lapsedBefore)));
      continue;
    }
    // Where each attempt is its own provider object (Unifi Pay), every paid one is read again.
    const refund = gatewayFor(row.provider as "unifipay").refundedOutside;
    if (!refund) continue;
    const paid = await db.select().from(providerPayments).where(and(eq(providerPayments.orderId, row.id), eq(providerPayments.lastProviderStatus, refund.paidStatus)));
    for (const payment of paid) {
      const result = await syncOrderFromProvider(row.id, { source: "reconciler", paymentRef: payment.ref!, payment }).catch(() => null);
      if (result?.changed) found++;
    }
  }
  return { checked: rowsOf(due).length, found };
}

/** How long an order waits between two questions: `seconds`, or an eighth of its age when longer, but at most an hour (never under `seconds`). */
function askAgainAfter(seconds: number) {
  return sql`greatest(make_interval(secs => ${seconds}), least((now() - created_at) / 8, interval '1 hour'))`;
}

// node-postgres answers { rows }, PGlite answers { rows } too; keep the access in one place.
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * How long a pass may work through a backlog: two thirds of the interval (20 s of the default 30 s),
 * but under half of `pendingAfterMs`, so no order can come due twice in one pass. A short interval
 * (tests, a demo tuned to react fast) keeps one batch per pass: it already passes often enough.
 */
export function passBudgetMs(intervalMs: number, pendingAfterMs: number): number {
  if (intervalMs < 10_000) return 0;
  return Math.round(Math.min((intervalMs * 2) / 3, pendingAfterMs / 2));
}

const globalForReconciler = globalThis as unknown as { __reconciler?: NodeJS.Timeout };

/** Starts the periodic reconciler in this process (once). */
export function startReconciler(intervalMs: number, pendingAfterMs: number): void {
  if (globalForReconciler.__reconciler || intervalMs <= 0) return;
  let running = false;
  globalForReconciler.__reconciler = setInterval(() => {
    if (running) return;
    running = true;
    reconcileOnce({ pendingAfterMs, budgetMs: passBudgetMs(intervalMs, pendingAfterMs) })
      .catch((error: unknown) => console.error("[store] reconciler:", error instanceof Error ? error.message : error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  globalForReconciler.__reconciler.unref();
}
