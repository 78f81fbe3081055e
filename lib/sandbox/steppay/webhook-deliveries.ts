import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { isSuccessStatus, type PostOutcome } from "@/lib/sandbox/shared/http-post";
import { stepPayDb, type Executor } from "./database";
import { sbxStepPayWebhookAttempts, sbxStepPayWebhookDeliveries, type WebhookDeliveryRow } from "./schema";
import { getWebhookSettings } from "./webhook-settings";
import { V2_ENVELOPE_VERSION } from "./webhook-signature";

/**
 * The webhook queue and its delivery log. Rows are written in the same transaction as the change
 * they report, so a committed change always has its webhooks queued; the dispatcher sends them.
 *
 * Retries: StepPay publishes no schedule. The sandbox retries after 1 s, 5 s, 30 s, 2 min and
 * 10 min, divided by 100 so a demo sees every retry, then gives up (README Assumptions).
 */
export const WEBHOOK_RETRY_DELAYS_MS = [10, 50, 300, 1_200, 6_000] as const;
/** The extra copy after a success goes out this much later ("may deliver twice": README Assumptions). */
export const DUPLICATE_DELAY_MS = 200;
/** A claimed delivery stays invisible to other dispatchers this long (well above the 5 s send timeout). */
export const LEASE_MS = 30_000;

export const V2_EVENTS = [
  "order.created",
  "order.updated",
  "order.payment_completed",
  "payment.completed",
  "payment.failed",
  "payment.canceled",
  "subscription.created",
  "subscription.updated",
] as const;
export type V2Event = (typeof V2_EVENTS)[number];
/** v1 has two webhooks: the order webhook (`{"webHookType":"PAYMENT","orderId"}`) and the subscription webhook (`{"id","status"}`). */
export type V1Event = "order.payment" | "subscription.status";

export type WebhookMessage =
  | { format: "v2"; event: V2Event; orderId: number | null; subscriptionId: number | null; dataJson: string }
  | { format: "v1"; event: V1Event; orderId: number | null; subscriptionId: number | null; body: string };

/**
 * Queues messages in the caller's transaction, keeping those of the registered format(s). With
 * shuffleMs, each waits a random extra delay, so later events may arrive first.
 */
export async function enqueueWebhooks(tx: Executor, messages: WebhookMessage[], options: { now?: Date; random?: () => number } = {}): Promise<void> {
  if (!messages.length) return;
  const settings = await getWebhookSettings(tx);
  const wanted = messages.filter((message) => settings.webhookFormat === "both" || settings.webhookFormat === message.format);
  if (!wanted.length) return;
  const now = options.now ?? new Date();
  const random = options.random ?? Math.random;
  await tx.insert(sbxStepPayWebhookDeliveries).values(
    wanted.map((message) => {
      const dueAt = new Date(now.getTime() + (settings.shuffleMs > 0 ? Math.floor(random() * (settings.shuffleMs + 1)) : 0));
      return {
        format: message.format,
        event: message.event,
        url: settings.webhookUrl,
        orderId: message.orderId,
        subscriptionId: message.subscriptionId,
        dataJson: message.format === "v2" ? message.dataJson : null,
        fixedBody: message.format === "v1" ? message.body : null,
        nextAttemptAt: dueAt,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
}

export type ClaimedWebhook = WebhookDeliveryRow & { leaseToken: string };

/**
 * Claims due deliveries: FOR UPDATE SKIP LOCKED picks rows no other dispatcher is claiming right
 * now, and the lease written in the same transaction keeps them away from other dispatchers after
 * the commit, while the HTTP call runs outside any transaction.
 */
export async function claimDueWebhooks(now: Date, limit: number): Promise<ClaimedWebhook[]> {
  const db = await stepPayDb();
  const token = randomUUID();
  const rows = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: sbxStepPayWebhookDeliveries.id })
      .from(sbxStepPayWebhookDeliveries)
      .where(
        and(
          eq(sbxStepPayWebhookDeliveries.state, "pending"),
          lte(sbxStepPayWebhookDeliveries.nextAttemptAt, now),
          or(isNull(sbxStepPayWebhookDeliveries.leaseUntil), lt(sbxStepPayWebhookDeliveries.leaseUntil, now)),
        ),
      )
      .orderBy(asc(sbxStepPayWebhookDeliveries.nextAttemptAt), asc(sbxStepPayWebhookDeliveries.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(sbxStepPayWebhookDeliveries)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), leaseToken: token, attemptCount: sql`${sbxStepPayWebhookDeliveries.attemptCount} + 1`, updatedAt: now })
      .where(inArray(sbxStepPayWebhookDeliveries.id, due.map((row) => row.id)))
      .returning();
  });
  return rows.map((row) => ({ ...row, leaseToken: token }));
}

/** The exact bytes of one attempt, and its signature header (v2 only). */
export type SentBytes = { body: string; signature: string | null };

/**
 * Logs an attempt and moves the delivery on: delivered on a 2xx (maybe queueing one byte-identical
 * duplicate), else the next retry, or gave_up once the retries are spent. Only the lease holder may
 * move it.
 */
export async function recordWebhookAttempt(delivery: ClaimedWebhook, sent: SentBytes, outcome: PostOutcome, random: () => number = Math.random): Promise<void> {
  const db = await stepPayDb();
  const attemptNumber = delivery.attemptCount; // incremented when claimed
  await db.transaction(async (tx) => {
    await tx.insert(sbxStepPayWebhookAttempts).values({
      deliveryId: delivery.id,
      attemptNumber,
      url: delivery.url,
      body: sent.body,
      signature: sent.signature,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: outcome.durationMs,
      startedAt: outcome.startedAt,
    });
    const mine = and(eq(sbxStepPayWebhookDeliveries.id, delivery.id), eq(sbxStepPayWebhookDeliveries.leaseToken, delivery.leaseToken));
    const released = { leaseUntil: null, leaseToken: null, updatedAt: outcome.finishedAt };

    if (isSuccessStatus(outcome.statusCode)) {
      const [row] = await tx
        .update(sbxStepPayWebhookDeliveries)
        .set({ ...released, state: "delivered", deliveredAt: outcome.finishedAt, lastError: null })
        .where(mine)
        .returning();
      // Only an original may spawn a copy, so a duplicateRate of 1 still means "exactly twice".
      if (row && row.duplicateOf === null && row.replayOf === null) {
        const { duplicateRate } = await getWebhookSettings(tx);
        if (random() < duplicateRate) {
          const dueAt = new Date(outcome.finishedAt.getTime() + DUPLICATE_DELAY_MS);
          await tx.insert(sbxStepPayWebhookDeliveries).values({
            format: row.format,
            event: row.event,
            url: row.url,
            orderId: row.orderId,
            subscriptionId: row.subscriptionId,
            dataJson: row.dataJson,
            // The same bytes and signature as the attempt that succeeded: a true duplicate.
            fixedBody: sent.body,
            fixedSignature: sent.signature,
            duplicateOf: row.id,
            nextAttemptAt: dueAt,
            createdAt: dueAt,
            updatedAt: dueAt,
          });
        }
      }
      return;
    }

    const lastError = outcome.error ?? `HTTP ${outcome.statusCode}`;
    const delay = delivery.retries ? WEBHOOK_RETRY_DELAYS_MS[attemptNumber - 1] : undefined;
    await tx
      .update(sbxStepPayWebhookDeliveries)
      .set(
        delay === undefined
          ? { ...released, state: "gave_up", lastError }
          : { ...released, state: "pending", lastError, nextAttemptAt: new Date(outcome.finishedAt.getTime() + delay) },
      )
      .where(mine);
  });
}

/**
 * Queues a re-send of a past delivery with the bytes and signature of its latest attempt, already
 * claimed by the caller (so no dispatcher sends it too). Null when there is no such delivery or it
 * was never sent.
 */
export async function queueReplay(deliveryId: number, now: Date = new Date()): Promise<ClaimedWebhook | null> {
  const db = await stepPayDb();
  const [original] = await db.select().from(sbxStepPayWebhookDeliveries).where(eq(sbxStepPayWebhookDeliveries.id, deliveryId)).limit(1);
  if (!original) return null;
  const [attempt] = await db
    .select()
    .from(sbxStepPayWebhookAttempts)
    .where(eq(sbxStepPayWebhookAttempts.deliveryId, deliveryId))
    .orderBy(desc(sbxStepPayWebhookAttempts.id))
    .limit(1);
  if (!attempt) return null;
  const token = randomUUID();
  const [row] = await db
    .insert(sbxStepPayWebhookDeliveries)
    .values({
      format: original.format,
      event: original.event,
      url: original.url,
      orderId: original.orderId,
      subscriptionId: original.subscriptionId,
      dataJson: original.dataJson,
      fixedBody: attempt.body,
      fixedSignature: attempt.signature,
      retries: false,
      replayOf: original.id,
      attemptCount: 1,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      leaseToken: token,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row ? { ...row, leaseToken: token } : null;
}

export type WebhookLogEntry = {
  id: number;
  format: string;
  event: string;
  url: string;
  orderId: number | null;
  subscriptionId: number | null;
  state: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  inFlight: boolean;
  duplicateOf: number | null;
  replayOf: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The bytes of the latest attempt (null before the first one). */
  body: string | null;
  /** The parsed payload: the latest body, or (v2, never sent) the envelope without its timestamp. */
  payload: unknown;
  attempts: Array<{
    attemptNumber: number;
    url: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    startedAt: string;
    body: string;
    signature: string | null;
  }>;
};

/** The delivery log, oldest first: filtered by order and/or subscription, else the latest `limit`. */
export async function listWebhookDeliveries(
  filter: { orderId?: number; subscriptionId?: number; deliveryId?: number; limit?: number } = {},
  now: Date = new Date(),
): Promise<WebhookLogEntry[]> {
  const db = await stepPayDb();
  const conditions: SQL[] = [];
  if (filter.deliveryId !== undefined) conditions.push(eq(sbxStepPayWebhookDeliveries.id, filter.deliveryId));
  if (filter.orderId !== undefined) conditions.push(eq(sbxStepPayWebhookDeliveries.orderId, filter.orderId));
  if (filter.subscriptionId !== undefined) conditions.push(eq(sbxStepPayWebhookDeliveries.subscriptionId, filter.subscriptionId));
  const rows = (
    await db
      .select()
      .from(sbxStepPayWebhookDeliveries)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(sbxStepPayWebhookDeliveries.id))
      .limit(filter.limit ?? (conditions.length ? 1_000 : 100))
  ).reverse();
  const attempts = rows.length
    ? await db
        .select()
        .from(sbxStepPayWebhookAttempts)
        .where(inArray(sbxStepPayWebhookAttempts.deliveryId, rows.map((row) => row.id)))
        .orderBy(asc(sbxStepPayWebhookAttempts.id))
    : [];
  return rows.map((row) => {
    const own = attempts.filter((attempt) => attempt.deliveryId === row.id);
    const body = own.at(-1)?.body ?? row.fixedBody;
    return {
      id: row.id,
      format: row.format,
      event: row.event,
      url: row.url,
      orderId: row.orderId,
      subscriptionId: row.subscriptionId,
      state: row.state,
      attemptCount: row.attemptCount,
      nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
      inFlight: row.leaseUntil !== null && row.leaseUntil > now,
      duplicateOf: row.duplicateOf,
      replayOf: row.replayOf,
      lastError: row.lastError,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      body: own.at(-1)?.body ?? null,
      payload: body !== null ? (JSON.parse(body) as unknown) : { timestamp: null, version: V2_ENVELOPE_VERSION, event: row.event, data: JSON.parse(row.dataJson ?? "null") as unknown },
      attempts: own.map((attempt) => ({
        attemptNumber: attempt.attemptNumber,
        url: attempt.url,
        statusCode: attempt.statusCode,
        error: attempt.error,
        durationMs: attempt.durationMs,
        startedAt: attempt.startedAt.toISOString(),
        body: attempt.body,
        signature: attempt.signature,
      })),
    };
  });
}
