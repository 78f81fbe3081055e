import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { startPoller, stopPoller } from "@/lib/sandbox/shared/poller";
import { sandboxNow } from "./clock";
import { stepPayDb } from "./database";
import { chargeRenewal, type RenewalOutcome } from "./renewals";
import { sbxStepPaySubscriptions } from "./schema";
import { emitSubscriptionWebhooks } from "./webhook-events";

/**
 * StepPay's batch jobs, on the sandbox clock: charge the subscriptions whose payment date (or
 * retry date) has come, and apply the changes that were scheduled for the end of a period.
 *
 * Any number of processes may run this at once. A renewal claims its subscription with
 * FOR UPDATE SKIP LOCKED and moves its next payment date in the same transaction, so a
 * subscription is charged once per due date however many schedulers race for it.
 */
export const SCHEDULER_POLL_INTERVAL_MS = 500;
/** A pass stops after this many charges (a clock jumped years ahead catches up over several passes). */
const MAX_CHARGES_PER_PASS = 500;
const POLLER_NAME = "steppay-subscriptions";

/** PENDING_CANCEL → CANCELED at its end date; PENDING_PAUSE → PAUSE at its next payment date. Returns how many changed. */
export async function applyDueTransitions(now: Date): Promise<number> {
  const db = await stepPayDb();
  return db.transaction(async (tx) => {
    // A conditional UPDATE per state: a row another scheduler already moved no longer matches.
    const canceled = await tx
      .update(sbxStepPaySubscriptions)
      .set({ status: "CANCELED", nextPaymentDate: null, modifiedAt: now })
      .where(and(eq(sbxStepPaySubscriptions.status, "PENDING_CANCEL"), isNotNull(sbxStepPaySubscriptions.endDate), lte(sbxStepPaySubscriptions.endDate, now)))
      .returning();
    const paused = await tx
      .update(sbxStepPaySubscriptions)
      .set({ status: "PAUSE", pausedAt: now, modifiedAt: now })
      .where(and(eq(sbxStepPaySubscriptions.status, "PENDING_PAUSE"), isNotNull(sbxStepPaySubscriptions.nextPaymentDate), lte(sbxStepPaySubscriptions.nextPaymentDate, now)))
      .returning();
    for (const subscription of [...canceled, ...paused]) await emitSubscriptionWebhooks(tx, subscription, "subscription.updated", { statusChanged: true });
    return canceled.length + paused.length;
  });
}

/** Claims one due subscription (skipping those another scheduler holds) and charges it. Null when none is due. */
export async function renewOneDueSubscription(now: Date): Promise<RenewalOutcome | null> {
  const db = await stepPayDb();
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select()
      .from(sbxStepPaySubscriptions)
      .where(and(inArray(sbxStepPaySubscriptions.status, ["ACTIVE", "UNPAID"]), isNotNull(sbxStepPaySubscriptions.nextPaymentDate), lte(sbxStepPaySubscriptions.nextPaymentDate, now)))
      .orderBy(asc(sbxStepPaySubscriptions.nextPaymentDate), asc(sbxStepPaySubscriptions.id))
      .limit(1)
      .for("update", { skipLocked: true });
    return due ? chargeRenewal(tx, due, now) : null;
  });
}

export type DueWork = { transitions: number; renewals: number; failedRenewals: number };

/** Everything that is due at the sandbox's now (or `now`): the scheduler's pass, and what a clock advance triggers. */
export async function processDueSubscriptions(options: { now?: Date } = {}): Promise<DueWork> {
  const now = options.now ?? (await sandboxNow());
  const work: DueWork = { transitions: await applyDueTransitions(now), renewals: 0, failedRenewals: 0 };
  for (let i = 0; i < MAX_CHARGES_PER_PASS; i += 1) {
    const outcome = await renewOneDueSubscription(now);
    if (!outcome) break;
    if (outcome.paid) work.renewals += 1;
    else work.failedRenewals += 1;
  }
  return work;
}

/** Starts this process's scheduler, once; called by the first sandbox request. */
export function ensureStepPayScheduler(): void {
  // The pass drains what is due itself; 0 tells the poller to sleep until the next tick.
  startPoller(POLLER_NAME, SCHEDULER_POLL_INTERVAL_MS, async () => {
    await processDueSubscriptions();
    return 0;
  });
}

export function stopStepPayScheduler(): void {
  stopPoller(POLLER_NAME);
}
