import { eq } from "drizzle-orm";
import { z } from "zod";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { stepPayDb, type Executor } from "./database";
import { sbxStepPayWebhookSettings } from "./schema";

/**
 * What a merchant registers in StepPay's portal (the webhook URL and format) and the sandbox's
 * delivery knobs. Stored in the database, so every server process uses the same settings.
 */
export const WEBHOOK_FORMATS = ["v2", "v1", "both"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export type StepPayWebhookSettings = {
  /** Which webhook generation(s) to send. StepPay still sends v1 (deprecated) to merchants who registered it. */
  webhookFormat: WebhookFormat;
  /** Probability of one extra, byte-identical delivery ~200 ms after a successful one. */
  duplicateRate: number;
  /** Each delivery waits a random 0..shuffleMs first, so later events may overtake earlier ones. */
  shuffleMs: number;
  /** Keys besides the demo webhook key: v2 signatures carry one signature per key (key rotation). */
  extraWebhookKeys: string[];
  /** Where webhooks go: one registered URL for v1 and v2 alike (README Assumptions), by default `${APP_ORIGIN}/api/webhooks/steppay`. */
  webhookUrl: string;
};

const SETTINGS_ID = "default";

export function defaultWebhookUrl(): string {
  return `${sandboxSettings().appOrigin}/api/webhooks/steppay`;
}

export function defaultWebhookSettings(): StepPayWebhookSettings {
  return { webhookFormat: "both", duplicateRate: 0.25, shuffleMs: 0, extraWebhookKeys: [], webhookUrl: defaultWebhookUrl() };
}

export const webhookSettingsPatch = z.strictObject({
  webhookFormat: z.enum(WEBHOOK_FORMATS).optional(),
  duplicateRate: z.number().min(0).max(1).optional(),
  shuffleMs: z.number().int().min(0).max(60_000).optional(),
  extraWebhookKeys: z.array(z.string().trim().min(1).max(256)).max(5).optional(),
  /** null resets to the store's default URL. */
  webhookUrl: z
    .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
    .nullable()
    .optional(),
});
export type WebhookSettingsPatch = z.infer<typeof webhookSettingsPatch>;

export async function getWebhookSettings(db?: Executor): Promise<StepPayWebhookSettings> {
  const executor = db ?? (await stepPayDb());
  const [row] = await executor.select().from(sbxStepPayWebhookSettings).where(eq(sbxStepPayWebhookSettings.id, SETTINGS_ID)).limit(1);
  if (!row) return defaultWebhookSettings();
  return {
    webhookFormat: row.webhookFormat as WebhookFormat,
    duplicateRate: row.duplicateRate,
    shuffleMs: row.shuffleMs,
    extraWebhookKeys: row.extraWebhookKeys,
    webhookUrl: row.webhookUrl ?? defaultWebhookUrl(),
  };
}

export async function updateWebhookSettings(patch: WebhookSettingsPatch): Promise<StepPayWebhookSettings> {
  const db = await stepPayDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(sbxStepPayWebhookSettings).where(eq(sbxStepPayWebhookSettings.id, SETTINGS_ID)).for("update");
    const current = await getWebhookSettings(tx);
    const values = {
      webhookFormat: patch.webhookFormat ?? current.webhookFormat,
      duplicateRate: patch.duplicateRate ?? current.duplicateRate,
      shuffleMs: patch.shuffleMs ?? current.shuffleMs,
      extraWebhookKeys: patch.extraWebhookKeys ?? current.extraWebhookKeys,
      webhookUrl: patch.webhookUrl === undefined ? (row?.webhookUrl ?? null) : patch.webhookUrl,
      updatedAt: new Date(),
    };
    await tx.insert(sbxStepPayWebhookSettings).values({ id: SETTINGS_ID, ...values }).onConflictDoUpdate({ target: sbxStepPayWebhookSettings.id, set: values });
    return getWebhookSettings(tx);
  });
}
