import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { isSuccessStatus, type PostOutcome } from "@/lib/sandbox/shared/http-post";
import { unifiSandboxDb, type DbExecutor } from "./db";
import { sbxUnifiDeliveries, sbxUnifiDeliveryAttempts, sbxUnifiTransactions } from "./schema";
import { getUnifiSandboxSettings } from "./settings";

/**
 * The callback queue. Unifi Pay publishes no callback contract; this one is modelled on its sibling
 * "Unifi Pay Direct" (README Assumptions): POST JSON { transactionId, orderId, status, type:
 * "PURCHASE" }, retried after a non-2xx, sometimes sent twice.
 */
export type SandboxDelivery = typeof sbxUnifiDeliveries.$inferSelect;
export type SandboxDeliveryAttempt = typeof sbxUnifiDeliveryAttempts.$inferSelect;

/** Direct's 3 s, 30 s, 10 min, 1 h, 3 h, divided by 100 so a demo sees every retry (README Assumptions). */
export const RETRY_DELAYS_MS = [30, 300, 6_000, 36_000, 108_000] as const;
/** The extra copy after a success goes out this much later. */
export const DUPLICATE_DELAY_MS = 200;
/** A claimed delivery stays invisible to other dispatchers this long (well above the 5 s send timeout). */
export const LEASE_MS = 30_000;

export function callbackBody(transaction: Pick<typeof sbxUnifiTransactions.$inferSelect, "transactionId" | "orderId" | "status">): string {
  // "REFUND" for a refund's callback: the sandbox's own value, like REFUNDED (README Assumptions).
  return JSON.stringify({ transactionId: transaction.transactionId, orderId: transaction.orderId, status: transaction.status, type: transaction.status === "REFUNDED" ? "REFUND" : "PURCHASE" });
}

/** Called inside the decision's transaction, so a decided payment always has its callback queued. */
export async function enqueueCallback(
  executor: DbExecutor,
  transaction: Pick<typeof sbxUnifiTransactions.$inferSelect, "transactionId" | "orderId" | "status" | "callbackUrl">,
  dueAt: Date,
): Promise<SandboxDelivery> {
  const [row] = await executor
    .insert(sbxUnifiDeliveries)
    .values({ transactionId: transaction.transactionId, url: transaction.callbackUrl, body: callbackBody(transaction), nextAttemptAt: dueAt, createdAt: dueAt, updatedAt: dueAt })
    .returning();
  if (!row) throw new Error("Unifi sandbox: could not enqueue the callback");
  return row;
}

export type ClaimedDelivery = SandboxDelivery & { leaseToken: string };

/**
 * Claims due deliveries for this dispatcher: FOR UPDATE SKIP LOCKED picks rows nobody else is
 * claiming right now, and the lease (written in the same transaction) keeps them away from other
 * dispatchers after the commit, while the HTTP call runs outside any transaction.
 */
export async function claimDueDeliveries(now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const db = await unifiSandboxDb();
  const token = randomUUID();
  const rows = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: sbxUnifiDeliveries.id })
      .from(sbxUnifiDeliveries)
      .where(
        and(
          eq(sbxUnifiDeliveries.state, "pending"),
          lte(sbxUnifiDeliveries.nextAttemptAt, now),
          or(isNull(sbxUnifiDeliveries.leaseUntil), lt(sbxUnifiDeliveries.leaseUntil, now)),
        ),
      )
      .orderBy(asc(sbxUnifiDeliveries.nextAttemptAt), asc(sbxUnifiDeliveries.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(sbxUnifiDeliveries)
      .set({
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        leaseToken: token,
        attemptCount: sql`${sbxUnifiDeliveries.attemptCount} + 1`,
        updatedAt: now,
      })
      .where(inArray(sbxUnifiDeliveries.id, due.map((row) => row.id)))
      .returning();
  });
  return rows.map((row) => ({ ...row, leaseToken: token }));
}

/**
 * Logs the attempt and moves the delivery on: delivered on a 2xx (maybe queueing one duplicate),
 * else the next retry, or gave_up once every retry is spent. Only the lease holder may move it.
 */
export async function recordAttempt(delivery: ClaimedDelivery, outcome: PostOutcome, random: () => number = Math.random): Promise<void> {
  const db = await unifiSandboxDb();
  const attemptNumber = delivery.attemptCount; // incremented when claimed
  const succeeded = isSuccessStatus(outcome.statusCode);
  await db.transaction(async (tx) => {
    await tx.insert(sbxUnifiDeliveryAttempts).values({
      deliveryId: delivery.id,
      attemptNumber,
      url: delivery.url,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: outcome.durationMs,
      startedAt: outcome.startedAt,
    });
    const mine = and(eq(sbxUnifiDeliveries.id, delivery.id), eq(sbxUnifiDeliveries.leaseToken, delivery.leaseToken));
    const released = { leaseUntil: null, leaseToken: null, updatedAt: outcome.finishedAt };

    if (succeeded) {
      const [row] = await tx
        .update(sbxUnifiDeliveries)
        .set({ ...released, state: "delivered", deliveredAt: outcome.finishedAt, lastError: null })
        .where(mine)
        .returning();
      // Only an original may spawn a copy, so a duplicateRate of 1 still means "exactly twice".
      if (row && row.duplicateOf === null) {
        const { duplicateRate } = await getUnifiSandboxSettings(tx);
        if (random() < duplicateRate) {
          const dueAt = new Date(outcome.finishedAt.getTime() + DUPLICATE_DELAY_MS);
          await tx
            .insert(sbxUnifiDeliveries)
            .values({ transactionId: row.transactionId, url: row.url, body: row.body, nextAttemptAt: dueAt, duplicateOf: row.id, createdAt: dueAt, updatedAt: dueAt });
        }
      }
      return;
    }

    const lastError = outcome.error ?? `HTTP ${outcome.statusCode}`;
    const delay = RETRY_DELAYS_MS[attemptNumber - 1];
    await tx
      .update(sbxUnifiDeliveries)
      .set(
        delay === undefined
          ? { ...released, state: "gave_up", lastError }
          : { ...released, state: "pending", lastError, nextAttemptAt: new Date(outcome.finishedAt.getTime() + delay) },
      )
      .where(mine);
  });
}

export type DeliveryLogEntry = {
  id: number;
  transactionId: string;
  url: string;
  payload: unknown;
  state: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  inFlight: boolean;
  duplicateOf: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  attempts: Array<{ attemptNumber: number; url: string; statusCode: number | null; error: string | null; durationMs: number; startedAt: string }>;
};

/** The delivery log (oldest first): every delivery of a transaction, or the latest 100 overall. */
export async function listSandboxDeliveries(transactionId?: string, now: Date = new Date()): Promise<DeliveryLogEntry[]> {
  const db = await unifiSandboxDb();
  const rows = transactionId
    ? await db.select().from(sbxUnifiDeliveries).where(eq(sbxUnifiDeliveries.transactionId, transactionId)).orderBy(asc(sbxUnifiDeliveries.id))
    : (await db.select().from(sbxUnifiDeliveries).orderBy(desc(sbxUnifiDeliveries.id)).limit(100)).reverse();
  const attempts = rows.length
    ? await db
        .select()
        .from(sbxUnifiDeliveryAttempts)
        .where(inArray(sbxUnifiDeliveryAttempts.deliveryId, rows.map((row) => row.id)))
        .orderBy(asc(sbxUnifiDeliveryAttempts.id))
    : [];
  return rows.map((row) => ({
    id: row.id,
    transactionId: row.transactionId,
    url: row.url,
    payload: JSON.parse(row.body) as unknown,
    state: row.state,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    inFlight: row.leaseUntil !== null && row.leaseUntil > now,
    duplicateOf: row.duplicateOf,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attempts: attempts
      .filter((attempt) => attempt.deliveryId === row.id)
      .map((attempt) => ({
        attemptNumber: attempt.attemptNumber,
        url: attempt.url,
        statusCode: attempt.statusCode,
        error: attempt.error,
        durationMs: attempt.durationMs,
        startedAt: attempt.startedAt.toISOString(),
      })),
  }));
}
