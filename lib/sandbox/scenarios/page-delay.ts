import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { stepPayDb } from "@/lib/sandbox/steppay/database";
import { sbxStepPayCustomers, sbxStepPayOrders } from "@/lib/sandbox/steppay/schema";
import { scenariosDb } from "./database";
import { SLOW_PAGE_ARMED_FOR_MS } from "./scenario-catalog";
import { sbxScenarioPageDelays, sbxScenarioRuns } from "./schema";

/**
 * The switch behind "Payment page slow to load": armed for one StepPay order, consumed by the next
 * load of that order's hosted page, which then waits. One-shot and in the database, so it holds
 * across processes and a second load (or another shopper's page) is never slowed.
 */

/** The sandbox's latest StepPay order of a customer email (the store creates a customer per order, with the shopper's email). */
export async function findStepPayOrderIdByEmail(email: string): Promise<number | null> {
  const db = await stepPayDb();
  const [row] = await db
    .select({ id: sbxStepPayOrders.id })
    .from(sbxStepPayOrders)
    .innerJoin(sbxStepPayCustomers, eq(sbxStepPayCustomers.id, sbxStepPayOrders.customerId))
    .where(sql`lower(${sbxStepPayCustomers.email}) = ${email.toLowerCase()}`)
    .orderBy(desc(sbxStepPayOrders.id))
    .limit(1);
  return row?.id ?? null;
}

export async function armPageDelay(input: { runId: number; steppayOrderId: number; delayMs: number; now?: Date }): Promise<void> {
  const db = await scenariosDb();
  const now = input.now ?? new Date();
  await db.insert(sbxScenarioPageDelays).values({
    runId: input.runId,
    steppayOrderId: input.steppayOrderId,
    delayMs: input.delayMs,
    armedAt: now,
    expiresAt: new Date(now.getTime() + SLOW_PAGE_ARMED_FOR_MS),
  });
}

/**
 * Takes the armed delay of this StepPay order, if any: marks it consumed and its run passed, in
 * one transaction, and returns how long to wait (0 when nothing was armed).
 */
export async function takePageDelay(steppayOrderId: number, now: Date = new Date()): Promise<number> {
  const db = await scenariosDb();
  return db.transaction(async (tx) => {
    const [delay] = await tx
      .update(sbxScenarioPageDelays)
      .set({ consumedAt: now })
      .where(and(eq(sbxScenarioPageDelays.steppayOrderId, steppayOrderId), isNull(sbxScenarioPageDelays.consumedAt), gt(sbxScenarioPageDelays.expiresAt, now)))
      .returning();
    if (!delay) return 0;
    const seconds = (delay.delayMs / 1000).toLocaleString("en-US");
    await tx
      .update(sbxScenarioRuns)
      .set({
        state: "done",
        passed: true,
        finishedAt: now,
        detail: `The payment page was opened and held back ${seconds} s, once (by redirect, the store shows “Opening payment page…” meanwhile).`,
      })
      .where(eq(sbxScenarioRuns.id, delay.runId));
    return delay.delayMs;
  });
}

/**
 * Called at the top of the StepPay hosted page's loader. The switch is a demo aid: if it cannot
 * be read, the page loads at once rather than fail a shopper's checkout.
 */
export async function holdHostedPageIfArmed(steppayOrderId: number): Promise<void> {
  let delayMs = 0;
  try {
    delayMs = await takePageDelay(steppayOrderId);
  } catch (error) {
    console.error("[sandbox/scenarios] the slow-page switch could not be read:", error);
  }
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
}
