import { eq } from "drizzle-orm";
import { z } from "zod";
import { unifiSandboxDb, type DbExecutor } from "./db";
import { sbxUnifiSettings } from "./schema";

/** Knobs e2e tests turn through POST /sandbox/unifipay/control/settings. Stored in the DB, so every instance sees them. */
export type UnifiSandboxSettings = {
  /** Probability of one extra, identical callback after a successful delivery. */
  duplicateRate: number;
  /** Delay before the first callback attempt after the shopper decides. */
  callbackDelayMs: number;
};

export const DEFAULT_UNIFI_SANDBOX_SETTINGS: UnifiSandboxSettings = { duplicateRate: 0.25, callbackDelayMs: 0 };

const SETTINGS_ID = "default";

export const settingsPatchSchema = z.strictObject({
  duplicateRate: z.number().min(0).max(1).optional(),
  callbackDelayMs: z.number().int().min(0).max(600_000).optional(),
});
export type UnifiSandboxSettingsPatch = z.infer<typeof settingsPatchSchema>;

export async function getUnifiSandboxSettings(executor?: DbExecutor): Promise<UnifiSandboxSettings> {
  const db = executor ?? (await unifiSandboxDb());
  const [row] = await db.select().from(sbxUnifiSettings).where(eq(sbxUnifiSettings.id, SETTINGS_ID));
  return row ? { duplicateRate: row.duplicateRate, callbackDelayMs: row.callbackDelayMs } : { ...DEFAULT_UNIFI_SANDBOX_SETTINGS };
}

export async function updateUnifiSandboxSettings(patch: UnifiSandboxSettingsPatch): Promise<UnifiSandboxSettings> {
  const db = await unifiSandboxDb();
  return db.transaction(async (tx) => {
    const current = await getUnifiSandboxSettings(tx);
    const next: UnifiSandboxSettings = {
      duplicateRate: patch.duplicateRate ?? current.duplicateRate,
      callbackDelayMs: patch.callbackDelayMs ?? current.callbackDelayMs,
    };
    await tx
      .insert(sbxUnifiSettings)
      .values({ id: SETTINGS_ID, ...next, updatedAt: new Date() })
      .onConflictDoUpdate({ target: sbxUnifiSettings.id, set: { ...next, updatedAt: new Date() } });
    return next;
  });
}
