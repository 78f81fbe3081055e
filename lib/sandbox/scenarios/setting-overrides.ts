import { eq } from "drizzle-orm";
import { getUnifiSandboxSettings } from "@/lib/sandbox/unifipay/settings";
import { sbxUnifiSettings } from "@/lib/sandbox/unifipay/schema";
import { getWebhookSettings } from "@/lib/sandbox/steppay/webhook-settings";
import { sbxStepPayWebhookSettings } from "@/lib/sandbox/steppay/schema";
import { scenariosDb, type ScenariosTx } from "./database";
import { sbxScenarioSettingOverrides, type SettingValues } from "./schema";

/**
 * Scenarios turn the sandbox's global knobs (StepPay's webhook duplicates and shuffle, Unifi Pay's
 * callback delay) for a moment and put them back. Several runs may hold the same knob at once:
 * the first one in records the value it found, the last one out restores it, and only where the
 * knob still holds the scenario's value (someone who changed it meanwhile keeps their change).
 *
 * Bookkeeping and the settings row change in ONE transaction: restoring in a second step would let
 * a run starting in between take the scenario's value for the baseline and make it permanent.
 * That is why this writes the settings rows itself instead of calling each wing's update
 * function, which opens its own transaction.
 */
export type OverrideKey = "steppay-webhooks" | "unifipay-callbacks";

/** A hold lapses after this long, so a run that died cannot pin a knob for ever. */
export const OVERRIDE_HOLD_MS = 2 * 60_000;

type Knob = {
  fields: readonly string[];
  read: (tx: ScenariosTx) => Promise<SettingValues>;
  write: (tx: ScenariosTx, values: SettingValues) => Promise<void>;
};

// Each wing keeps its settings in one row with this id (lib/sandbox/<wing>/*settings.ts).
const SETTINGS_ROW_ID = "default";

const KNOBS: Record<OverrideKey, Knob> = {
  "steppay-webhooks": {
    fields: ["duplicateRate", "shuffleMs"],
    read: async (tx) => {
      const { duplicateRate, shuffleMs } = await getWebhookSettings(tx);
      return { duplicateRate, shuffleMs };
    },
    write: async (tx, values) => {
      const [row] = await tx.select().from(sbxStepPayWebhookSettings).where(eq(sbxStepPayWebhookSettings.id, SETTINGS_ROW_ID)).for("update");
      const current = await getWebhookSettings(tx);
      const next = {
        webhookFormat: current.webhookFormat,
        duplicateRate: values.duplicateRate ?? current.duplicateRate,
        shuffleMs: values.shuffleMs ?? current.shuffleMs,
        extraWebhookKeys: current.extraWebhookKeys,
        // null keeps "the store's default URL" (it follows APP_ORIGIN).
        webhookUrl: row?.webhookUrl ?? null,
        updatedAt: new Date(),
      };
      await tx.insert(sbxStepPayWebhookSettings).values({ id: SETTINGS_ROW_ID, ...next }).onConflictDoUpdate({ target: sbxStepPayWebhookSettings.id, set: next });
    },
  },
  "unifipay-callbacks": {
    fields: ["callbackDelayMs"],
    read: async (tx) => ({ callbackDelayMs: (await getUnifiSandboxSettings(tx)).callbackDelayMs }),
    write: async (tx, values) => {
      const current = await getUnifiSandboxSettings(tx);
      const next = {
        duplicateRate: current.duplicateRate,
        callbackDelayMs: values.callbackDelayMs ?? current.callbackDelayMs,
        updatedAt: new Date(),
      };
      await tx.insert(sbxUnifiSettings).values({ id: SETTINGS_ROW_ID, ...next }).onConflictDoUpdate({ target: sbxUnifiSettings.id, set: next });
    },
  },
};

async function lockOverride(tx: ScenariosTx, key: OverrideKey) {
  // The row must exist before it can be locked: two first runs then queue on the same lock.
  await tx.insert(sbxScenarioSettingOverrides).values({ key, holders: 0 }).onConflictDoNothing();
  const [row] = await tx.select().from(sbxScenarioSettingOverrides).where(eq(sbxScenarioSettingOverrides.key, key)).for("update");
  return row!;
}

/** Sets the knob to `values` and counts this run as a holder. Always pair with releaseOverride (in a finally). */
export async function acquireOverride(key: OverrideKey, values: SettingValues, now: Date = new Date()): Promise<void> {
  const knob = KNOBS[key];
  const db = await scenariosDb();
  await db.transaction(async (tx) => {
    const row = await lockOverride(tx, key);
    const live = row.holders > 0 && row.expiresAt !== null && row.expiresAt > now;
    // A lapsed hold left the scenario's value in place: its baseline is still the one to restore.
    const baseline = row.baseline ?? (await knob.read(tx));
    await knob.write(tx, values);
    await tx
      .update(sbxScenarioSettingOverrides)
      .set({ holders: live ? row.holders + 1 : 1, baseline, applied: values, expiresAt: new Date(now.getTime() + OVERRIDE_HOLD_MS), updatedAt: now })
      .where(eq(sbxScenarioSettingOverrides.key, key));
  });
}

/** Lets go of the knob; the last holder restores the baseline wherever the knob still holds the scenario's value. */
export async function releaseOverride(key: OverrideKey, now: Date = new Date()): Promise<void> {
  const db = await scenariosDb();
  await db.transaction(async (tx) => {
    const row = await lockOverride(tx, key);
    if (row.baseline === null) return;
    const lapsed = row.expiresAt === null || row.expiresAt <= now;
    const holders = lapsed ? 0 : Math.max(0, row.holders - 1);
    if (holders > 0) {
      await tx.update(sbxScenarioSettingOverrides).set({ holders, updatedAt: now }).where(eq(sbxScenarioSettingOverrides.key, key));
      return;
    }
    await restore(tx, key, row.baseline, row.applied ?? {});
    await tx.update(sbxScenarioSettingOverrides).set({ holders: 0, baseline: null, applied: null, expiresAt: null, updatedAt: now }).where(eq(sbxScenarioSettingOverrides.key, key));
  });
}

async function restore(tx: ScenariosTx, key: OverrideKey, baseline: SettingValues, applied: SettingValues): Promise<void> {
  const knob = KNOBS[key];
  const current = await knob.read(tx);
  const back: SettingValues = {};
  for (const field of knob.fields) {
    const before = baseline[field];
    if (before !== undefined && current[field] === applied[field]) back[field] = before;
  }
  if (Object.keys(back).length) await knob.write(tx, back);
}

/** Restores knobs whose every holder died (their holds lapsed). Cheap when there are none. */
export async function releaseLapsedOverrides(now: Date = new Date()): Promise<void> {
  const db = await scenariosDb();
  const rows = await db.select().from(sbxScenarioSettingOverrides);
  for (const row of rows) {
    if (row.baseline !== null && (row.expiresAt === null || row.expiresAt <= now)) await releaseOverride(row.key as OverrideKey, now);
  }
}

/** Holds the knob for the duration of `work`, and lets go however `work` ends. */
export async function withOverride<T>(key: OverrideKey, values: SettingValues, work: () => Promise<T>): Promise<T> {
  await acquireOverride(key, values);
  try {
    return await work();
  } finally {
    await releaseOverride(key);
  }
}
