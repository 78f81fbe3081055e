import { eq } from "drizzle-orm";
import { stepPayDb, type Executor } from "./database";
import { sbxStepPayClock } from "./schema";
import { addInterval } from "./timestamps";

/**
 * The sandbox clock: real time plus an offset kept in the database, so every server process agrees
 * on "now". Subscription dates (start, payments, periods, retries) and payment dates run on it; the
 * webhook `timestamp` does not (it is checked against the receiver's real clock).
 */
const CLOCK_ID = "default";

export type ClockInterval = "DAY" | "WEEK" | "MONTH" | "YEAR";

export async function clockOffsetMs(db?: Executor): Promise<number> {
  const executor = db ?? (await stepPayDb());
  const [row] = await executor.select({ offsetMs: sbxStepPayClock.offsetMs }).from(sbxStepPayClock).where(eq(sbxStepPayClock.id, CLOCK_ID)).limit(1);
  return row?.offsetMs ?? 0;
}

/** The sandbox's "now". Pass the transaction when inside one. */
export async function sandboxNow(db?: Executor): Promise<Date> {
  return new Date(Date.now() + (await clockOffsetMs(db)));
}

/**
 * Moves the clock forward by a calendar interval (a month from Jan 31 lands on the end of
 * February) and returns the new sandbox time. Serialised by the row lock, so two concurrent
 * advances add up instead of overwriting each other.
 */
export async function advanceClockBy(interval: ClockInterval, count: number): Promise<{ now: Date; offsetMs: number }> {
  const db = await stepPayDb();
  return db.transaction(async (tx) => {
    await tx.insert(sbxStepPayClock).values({ id: CLOCK_ID, offsetMs: 0 }).onConflictDoNothing();
    const [row] = await tx.select().from(sbxStepPayClock).where(eq(sbxStepPayClock.id, CLOCK_ID)).for("update");
    const real = Date.now();
    const target = addInterval(new Date(real + (row?.offsetMs ?? 0)), interval, count);
    const offsetMs = target.getTime() - real;
    await tx.update(sbxStepPayClock).set({ offsetMs, updatedAt: new Date(real) }).where(eq(sbxStepPayClock.id, CLOCK_ID));
    return { now: target, offsetMs };
  });
}

/** Back to real time. Dates already in the future stay there (nothing is undone). */
export async function resetClock(): Promise<{ now: Date; offsetMs: number }> {
  const db = await stepPayDb();
  await db
    .insert(sbxStepPayClock)
    .values({ id: CLOCK_ID, offsetMs: 0 })
    .onConflictDoUpdate({ target: sbxStepPayClock.id, set: { offsetMs: 0, updatedAt: new Date() } });
  return { now: new Date(), offsetMs: 0 };
}
