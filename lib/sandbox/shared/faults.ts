import { eq } from "drizzle-orm";
import { z } from "zod";
import { answerControl, formNumber, formText, parseControl } from "./control-http";
import type { SandboxProvider } from "./config";
import { sharedSandboxDb } from "./database";
import { sbxSharedFaults, type FaultRow } from "./schema";

/**
 * The fault switch: makes a wing's API misbehave the way real providers do on a bad day, for the
 * store's reliability tests. Stored in the database, so every server process sees the same switch
 * and a `count` is shared, not per process.
 *
 * Only API requests are affected (`/sandbox/<wing>/api/**`): never the hosted pages (a shopper
 * must still be able to pay) nor the control endpoints (or a test could not reset the switch).
 */
export const FAULT_MODES = ["none", "http500", "timeout", "malformed", "slow", "lost"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * timeout: the answer (a 504) comes long after the store's client gave up; slow: late but normal;
 * lost: the request is carried out, and its answer replaced by a 504 (the caller cannot tell
 * whether anything happened, and must find out).
 */
export const DEFAULT_FAULT_DELAY_MS: Record<FaultMode, number> = { none: 0, http500: 0, malformed: 0, timeout: 15_000, slow: 2_000, lost: 0 };

export const faultSwitchInput = z.strictObject({
  mode: z.enum(FAULT_MODES),
  /** How many API requests to affect; absent = every one until reset. */
  count: z.number().int().min(1).max(1_000_000).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  /** A substring the request's path must contain (e.g. "/api/v1/orders/"). */
  paths: z.string().trim().min(1).max(500).optional(),
});
export type FaultSwitchInput = z.infer<typeof faultSwitchInput>;

export type FaultSwitch = {
  wing: SandboxProvider;
  mode: FaultMode;
  /** Requests still to affect; null = unlimited. */
  count: number | null;
  delayMs: number;
  paths: string | null;
  updatedAt: string | null;
};

function toSwitch(wing: SandboxProvider, row: FaultRow | undefined): FaultSwitch {
  if (!row || row.mode === "none" || row.remaining === 0) {
    return { wing, mode: "none", count: null, delayMs: 0, paths: null, updatedAt: row?.updatedAt.toISOString() ?? null };
  }
  return { wing, mode: row.mode as FaultMode, count: row.remaining, delayMs: row.delayMs, paths: row.paths, updatedAt: row.updatedAt.toISOString() };
}

export async function getFaultSwitch(wing: SandboxProvider): Promise<FaultSwitch> {
  const db = await sharedSandboxDb();
  const [row] = await db.select().from(sbxSharedFaults).where(eq(sbxSharedFaults.wing, wing)).limit(1);
  return toSwitch(wing, row);
}

export async function setFaultSwitch(wing: SandboxProvider, input: FaultSwitchInput): Promise<FaultSwitch> {
  const db = await sharedSandboxDb();
  const values = {
    mode: input.mode,
    remaining: input.mode === "none" ? null : (input.count ?? null),
    delayMs: input.delayMs ?? DEFAULT_FAULT_DELAY_MS[input.mode],
    paths: input.mode === "none" ? null : (input.paths ?? null),
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(sbxSharedFaults)
    .values({ wing, ...values })
    .onConflictDoUpdate({ target: sbxSharedFaults.wing, set: values })
    .returning();
  return toSwitch(wing, row);
}

function applies(row: FaultRow | undefined, path: string): row is FaultRow {
  if (!row || row.mode === "none" || row.remaining === 0) return false;
  return row.paths === null || path.includes(row.paths);
}

/**
 * Takes one use of the wing's fault for a request to `path`, or null when none applies. The count
 * is decremented under a row lock, so two processes never spend the same use.
 */
export async function takeFault(wing: SandboxProvider, path: string): Promise<{ mode: Exclude<FaultMode, "none">; delayMs: number } | null> {
  const db = await sharedSandboxDb();
  // The common case (no fault) costs one indexed read and no transaction.
  const [current] = await db.select().from(sbxSharedFaults).where(eq(sbxSharedFaults.wing, wing)).limit(1);
  if (!applies(current, path)) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(sbxSharedFaults).where(eq(sbxSharedFaults.wing, wing)).for("update");
    if (!applies(row, path)) return null;
    if (row.remaining !== null) {
      const remaining = row.remaining - 1;
      await tx
        .update(sbxSharedFaults)
        .set(remaining === 0 ? { remaining, mode: "none", updatedAt: new Date() } : { remaining, updatedAt: new Date() })
        .where(eq(sbxSharedFaults.wing, wing));
    }
    return { mode: row.mode as Exclude<FaultMode, "none">, delayMs: row.delayMs };
  });
}

/** How a wing answers each fault in its own dialect. */
export type FaultAnswers = {
  /** The wing's own 5xx error body (StepPay's `{traceId, errorCode, ...}`, Unifi's `{error}`). */
  serverError: (status: 500 | 504, message: string) => Response;
  /** A 200 whose body stops mid-JSON, like a connection cut by a proxy. */
  malformedBody: string;
};

export type TakenFault = Awaited<ReturnType<typeof takeFault>>;

/**
 * A wing's API handler runs every request through this, with `handle` the request's normal
 * handling (authentication, routing, the work): the answer is the fault's, or `handle`'s.
 */
export async function answerWithFault(wing: SandboxProvider, request: Request, path: string, answers: FaultAnswers, handle: () => Promise<Response>): Promise<Response> {
  return applyFault(await takeFault(wing, path), request, answers, handle);
}

/** The answer to a request under a fault already taken (or none). */
export async function applyFault(fault: TakenFault, request: Request, answers: FaultAnswers, handle: () => Promise<Response>): Promise<Response> {
  if (!fault) return handle();
  switch (fault.mode) {
    case "http500":
      return answers.serverError(500, "Injected fault: the provider failed (sandbox fault switch)");
    case "malformed":
      return new Response(answers.malformedBody, { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
    case "timeout":
      await sleep(fault.delayMs, request.signal);
      return answers.serverError(504, `Injected fault: no answer for ${fault.delayMs} ms (sandbox fault switch)`);
    case "slow":
      await sleep(fault.delayMs, request.signal);
      return handle();
    case "lost": {
      const done = await handle();
      await done.arrayBuffer().catch(() => undefined);
      return answers.serverError(504, "Injected fault: the request was carried out, but its answer was lost on the way back (sandbox fault switch)");
    }
  }
}

/** Waits, but stops waiting when the caller hangs up (nobody is left to answer). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * GET → `{ fault }`; POST `{ mode, count?, delayMs?, paths? }` → `{ fault }` (400 on bad input).
 * The control panel posts the same fields as a form.
 */
export function handleFaultControl(wing: SandboxProvider, request: Request): Promise<Response> {
  return answerControl(
    request,
    async (input, copy) => {
      if (request.method !== "POST") return { body: { fault: await getFaultSwitch(wing) }, notice: "" };
      const value =
        input.kind === "form"
          ? { mode: formText(input.form, "mode"), count: formNumber(input.form, "count"), delayMs: formNumber(input.form, "delayMs"), paths: formText(input.form, "paths") }
          : input.value;
      const fault = await setFaultSwitch(wing, parseControl(faultSwitchInput, value));
      const label = wing === "steppay" ? "StepPay" : "Unifi Pay";
      return {
        body: { fault },
        notice: fault.mode === "none" ? copy.notice.faultReset(label) : copy.notice.faultArmed(label, fault.mode, fault.count),
      };
    },
    { anchor: `faults-${wing}` },
  );
}
