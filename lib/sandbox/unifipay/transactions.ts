import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { amountToCents, IDEMPOTENT_FIELDS, type CreatePaymentRequest } from "./create-request";
import { unifiSandboxDb } from "./db";
import { enqueueCallback } from "./deliveries";
import { sbxUnifiTransactions } from "./schema";
import { getUnifiSandboxSettings } from "./settings";

export type SandboxTransaction = typeof sbxUnifiTransactions.$inferSelect;

/**
 * PENDING until the shopper acts. CANCELED and REFUNDED are the sandbox's own status names (README
 * Assumptions: cancel is not documented; Unifi's overview says callbacks carry refunded states, but
 * no value is published).
 */
export type SandboxStatus = "PENDING" | "CONFIRMED" | "FAILED" | "CANCELED" | "REFUNDED";
export type ShopperDecision = "approve" | "decline" | "cancel";

export const DECISIONS: readonly ShopperDecision[] = ["approve", "decline", "cancel"];
const DECISION_STATUS: Record<ShopperDecision, SandboxStatus> = { approve: "CONFIRMED", decline: "FAILED", cancel: "CANCELED" };

export function isShopperDecision(value: unknown): value is ShopperDecision {
  return typeof value === "string" && (DECISIONS as readonly string[]).includes(value);
}

export function startPageUrl(transactionId: string): string {
  return `${sandboxSettings().unifipay.base}/start/${encodeURIComponent(transactionId)}`;
}

/**
 * `returnUrl?transactionId=<id>` (seed 002), appended to any query the merchant already put there
 * without re-encoding it, and before any fragment.
 */
export function returnUrlFor(transaction: Pick<SandboxTransaction, "returnUrl" | "transactionId">): string {
  const url = new URL(transaction.returnUrl);
  const param = `transactionId=${encodeURIComponent(transaction.transactionId)}`;
  url.search = url.search.length > 1 ? `${url.search}&${param}` : `?${param}`;
  return url.toString();
}

/** The body of GET /api/v1/payment/{transactionId}, with the published field names and types. */
export function paymentStatusBody(transaction: SandboxTransaction) {
  return {
    status: transaction.status,
    orderId: transaction.orderId,
    storeId: transaction.storeId,
    payAmount: transaction.status === "CONFIRMED" || transaction.status === "REFUNDED" ? transaction.amountCents / 100 : 0,
    orderAmount: transaction.orderAmount,
    transactionId: transaction.transactionId,
    discountAmount: 0,
    payCurrencyCode: "USD",
    orderCurrencyCode: transaction.orderCurrencyCode,
  };
}

export type CreateOutcome =
  | { kind: "created" | "replayed"; transaction: SandboxTransaction }
  | { kind: "conflict"; transaction: SandboxTransaction; differingFields: string[] };

/**
 * Creates the transaction, or returns the one already created for this (app, requestId). The
 * unique index decides the race between two instances; no in-memory state is consulted.
 */
export async function createSandboxTransaction(appId: string, input: CreatePaymentRequest): Promise<CreateOutcome> {
  const db = await unifiSandboxDb();
  const [created] = await db
    .insert(sbxUnifiTransactions)
    .values({
      transactionId: randomUUID(),
      appId,
      requestId: input.requestId,
      orderId: input.orderId,
      storeId: input.storeId,
      returnUrl: input.returnUrl,
      callbackUrl: input.callbackUrl,
      countryCode: input.countryCode,
      orderCurrencyCode: input.orderCurrencyCode,
      orderAmount: input.orderAmount,
      amountCents: amountToCents(input.orderAmount),
    })
    .onConflictDoNothing({ target: [sbxUnifiTransactions.appId, sbxUnifiTransactions.requestId] })
    .returning();
  if (created) return { kind: "created", transaction: created };

  const [existing] = await db
    .select()
    .from(sbxUnifiTransactions)
    .where(and(eq(sbxUnifiTransactions.appId, appId), eq(sbxUnifiTransactions.requestId, input.requestId)));
  if (!existing) throw new Error(`Unifi sandbox: requestId ${input.requestId} conflicted but no transaction was found`);
  const differingFields = IDEMPOTENT_FIELDS.filter((field) => existing[field] !== input[field]);
  return differingFields.length > 0 ? { kind: "conflict", transaction: existing, differingFields } : { kind: "replayed", transaction: existing };
}

export async function findSandboxTransaction(transactionId: string): Promise<SandboxTransaction | null> {
  const db = await unifiSandboxDb();
  const [row] = await db.select().from(sbxUnifiTransactions).where(eq(sbxUnifiTransactions.transactionId, transactionId));
  return row ?? null;
}

/**
 * The shopper's decision, applied once: the row is locked (SELECT … FOR UPDATE), changed only
 * while PENDING, and the callback is enqueued in the same transaction, so a double click or two
 * instances can neither decide twice nor lose the callback.
 */
export async function decideSandboxTransaction(
  transactionId: string,
  decision: ShopperDecision,
  now: Date = new Date(),
): Promise<{ transaction: SandboxTransaction; changed: boolean } | null> {
  return changeStatusOnce(transactionId, "PENDING", { status: DECISION_STATUS[decision], decidedAt: now }, now);
}

/**
 * The merchant refunds a confirmed payment in Unifi's dashboard (the API has no refund): the
 * transaction becomes REFUNDED, once, and its callback is queued the same way.
 */
export async function refundSandboxTransaction(transactionId: string, now: Date = new Date()): Promise<{ transaction: SandboxTransaction; changed: boolean } | null> {
  return changeStatusOnce(transactionId, "CONFIRMED", { status: "REFUNDED" }, now);
}

/** One status change, made only from `from`, with its callback queued in the same transaction. */
async function changeStatusOnce(
  transactionId: string,
  from: SandboxStatus,
  change: { status: SandboxStatus; decidedAt?: Date },
  now: Date,
): Promise<{ transaction: SandboxTransaction; changed: boolean } | null> {
  const db = await unifiSandboxDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(sbxUnifiTransactions).where(eq(sbxUnifiTransactions.transactionId, transactionId)).for("update");
    if (!row) return null;
    if (row.status !== from) return { transaction: row, changed: false };
    const [updated] = await tx.update(sbxUnifiTransactions).set(change).where(eq(sbxUnifiTransactions.transactionId, transactionId)).returning();
    if (!updated) throw new Error(`Unifi sandbox: transaction ${transactionId} vanished while locked`);
    const { callbackDelayMs } = await getUnifiSandboxSettings(tx);
    await enqueueCallback(tx, updated, new Date(now.getTime() + callbackDelayMs));
    return { transaction: updated, changed: true };
  });
}
