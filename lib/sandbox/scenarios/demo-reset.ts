import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { sharedSandboxDb } from "@/lib/sandbox/shared/database";
import { sbxSharedFaults } from "@/lib/sandbox/shared/schema";
import { stepPayDb } from "@/lib/sandbox/steppay/database";
import {
  sbxStepPayCancellations,
  sbxStepPayCheckoutSessions,
  sbxStepPayClock,
  sbxStepPayCustomers,
  sbxStepPayOrderItems,
  sbxStepPayOrders,
  sbxStepPayPayments,
  sbxStepPayPrices,
  sbxStepPayProducts,
  sbxStepPaySubscriptions,
  sbxStepPayWebhookAttempts,
  sbxStepPayWebhookDeliveries,
  sbxStepPayWebhookSettings,
} from "@/lib/sandbox/steppay/schema";
import { unifiSandboxDb } from "@/lib/sandbox/unifipay/db";
import { sbxUnifiDeliveries, sbxUnifiDeliveryAttempts, sbxUnifiSettings, sbxUnifiTransactions } from "@/lib/sandbox/unifipay/schema";
import { scenariosDb } from "./database";
import { sbxScenarioPageDelays, sbxScenarioRuns, sbxScenarioSettingOverrides } from "./schema";

/**
 * "Reset demo data": the store first (over HTTP, `POST ${APP_ORIGIN}/api/demo/reset`), then every
 * sandbox table. In that order because a store that still remembers StepPay products and
 * customers the sandbox has forgotten could not sell; a sandbox holding data the store forgot is
 * harmless. Settings rows are deleted too: an absent row means the defaults.
 */

// Children before parents (foreign keys); one transaction, so a reset is all or nothing.
const SANDBOX_TABLES: ReadonlyArray<readonly [string, PgTable]> = [
  ["steppayWebhookAttempts", sbxStepPayWebhookAttempts],
  ["steppayWebhookDeliveries", sbxStepPayWebhookDeliveries],
  ["steppaySubscriptions", sbxStepPaySubscriptions],
  ["steppayCheckoutSessions", sbxStepPayCheckoutSessions],
  ["steppayCancellations", sbxStepPayCancellations],
  ["steppayPayments", sbxStepPayPayments],
  ["steppayOrderItems", sbxStepPayOrderItems],
  ["steppayOrders", sbxStepPayOrders],
  ["steppayPrices", sbxStepPayPrices],
  ["steppayProducts", sbxStepPayProducts],
  ["steppayCustomers", sbxStepPayCustomers],
  ["steppayClock", sbxStepPayClock],
  ["steppayWebhookSettings", sbxStepPayWebhookSettings],
  ["unifiDeliveryAttempts", sbxUnifiDeliveryAttempts],
  ["unifiDeliveries", sbxUnifiDeliveries],
  ["unifiTransactions", sbxUnifiTransactions],
  ["unifiSettings", sbxUnifiSettings],
  ["faultSwitches", sbxSharedFaults],
  ["scenarioPageDelays", sbxScenarioPageDelays],
  ["scenarioRuns", sbxScenarioRuns],
  ["scenarioSettingOverrides", sbxScenarioSettingOverrides],
];

export type ClearedCounts = Record<string, number>;

/** Deletes every sandbox row (both wings, the fault switches, the scenarios); answers rows per table. */
export async function clearSandboxTables(): Promise<ClearedCounts> {
  // Every wing's migrations first: a wing nobody used yet still has to have its tables.
  await Promise.all([stepPayDb(), unifiSandboxDb(), sharedSandboxDb()]);
  const db = await scenariosDb();
  return db.transaction(async (tx) => {
    const cleared: ClearedCounts = {};
    for (const [name, table] of SANDBOX_TABLES) {
      cleared[name] = (await tx.delete(table).returning({ one: sql<number>`1` })).length;
    }
    return cleared;
  });
}

const storeAnswer = z.object({ ok: z.literal(true), cleared: z.record(z.string(), z.number()) });

export class StoreResetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreResetError";
  }
}

/** `POST ${APP_ORIGIN}/api/demo/reset`, server to server (no Origin header, so the store's same-origin check lets it through). */
export async function askStoreToReset(fetcher: typeof fetch = fetch): Promise<ClearedCounts> {
  const url = `${sandboxSettings().appOrigin}/api/demo/reset`;
  let response: Response;
  try {
    response = await fetcher(url, { method: "POST", headers: { accept: "application/json" }, redirect: "manual", cache: "no-store", signal: AbortSignal.timeout(15_000) });
  } catch (cause) {
    throw new StoreResetError(`The store did not answer ${url} (${cause instanceof Error ? cause.message : String(cause)}); nothing was cleared`);
  }
  const body: unknown = await response.json().catch(() => null);
  const parsed = storeAnswer.safeParse(body);
  if (response.status !== 200 || !parsed.success) {
    const hint = response.status === 404 ? ": the store allows it only while both providers use the sandbox" : "";
    throw new StoreResetError(`The store refused to clear its data (HTTP ${response.status}${hint}); nothing was cleared`);
  }
  return parsed.data.cleared;
}

export async function resetDemoEverywhere(): Promise<{ store: ClearedCounts; sandbox: ClearedCounts }> {
  const store = await askStoreToReset();
  const sandbox = await clearSandboxTables();
  return { store, sandbox };
}
