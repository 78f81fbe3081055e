import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";
import { getWebhookSettings, updateWebhookSettings } from "@/lib/sandbox/steppay/webhook-settings";
import { getUnifiSandboxSettings, updateUnifiSandboxSettings } from "@/lib/sandbox/unifipay/settings";
import { scenariosDb } from "./database";
import { acquireOverride, OVERRIDE_HOLD_MS, releaseLapsedOverrides, releaseOverride, withOverride } from "./setting-overrides";

/** Scenario runs hold the sandbox's global knobs through the database; overlapping runs must not pin or lose a value. */
beforeAll(async () => {
  await openSandboxDatabases();
  await scenariosDb();
}, DATABASE_WARM_UP_MS);

afterAll(async () => {
  await closeDb();
});

describe("one run", () => {
  it("sets the knob for the duration of the work and puts the value it found back, leaving the other settings alone", async () => {
    await updateWebhookSettings({ duplicateRate: 0.25, shuffleMs: 0, webhookFormat: "v2" });
    const during = await withOverride("steppay-webhooks", { duplicateRate: 1, shuffleMs: 800 }, () => getWebhookSettings());
    expect(during).toMatchObject({ duplicateRate: 1, shuffleMs: 800, webhookFormat: "v2", webhookUrl: "http://localhost:3000/api/webhooks/steppay" });
    expect(await getWebhookSettings()).toMatchObject({ duplicateRate: 0.25, shuffleMs: 0, webhookFormat: "v2" });
    await updateWebhookSettings({ webhookFormat: "both" });
  });

  it("restores even when the work throws", async () => {
    await updateUnifiSandboxSettings({ callbackDelayMs: 0, duplicateRate: 0.5 });
    await expect(withOverride("unifipay-callbacks", { callbackDelayMs: 5_000 }, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await getUnifiSandboxSettings()).toEqual({ callbackDelayMs: 0, duplicateRate: 0.5 });
  });
});

describe("overlapping runs", () => {
  it("the first one out keeps the override; the last one out restores the original value", async () => {
    await updateUnifiSandboxSettings({ callbackDelayMs: 0 });
    await acquireOverride("unifipay-callbacks", { callbackDelayMs: 5_000 });
    await acquireOverride("unifipay-callbacks", { callbackDelayMs: 5_000 }); // the second run found 5 000: not its baseline
    await releaseOverride("unifipay-callbacks");
    expect((await getUnifiSandboxSettings()).callbackDelayMs).toBe(5_000);
    await releaseOverride("unifipay-callbacks");
    expect((await getUnifiSandboxSettings()).callbackDelayMs).toBe(0);
  });

  it("a value someone set by hand meanwhile is kept", async () => {
    await updateUnifiSandboxSettings({ callbackDelayMs: 0 });
    await acquireOverride("unifipay-callbacks", { callbackDelayMs: 5_000 });
    await updateUnifiSandboxSettings({ callbackDelayMs: 600_000 }); // e.g. a test holding callbacks back
    await releaseOverride("unifipay-callbacks");
    expect((await getUnifiSandboxSettings()).callbackDelayMs).toBe(600_000);
    await updateUnifiSandboxSettings({ callbackDelayMs: 0 });
  });

  it("a run that died lets go when its hold lapses, and the value it found still comes back", async () => {
    await updateWebhookSettings({ duplicateRate: 0.25, shuffleMs: 0 });
    const started = new Date();
    await acquireOverride("steppay-webhooks", { duplicateRate: 1, shuffleMs: 800 }, started); // never released
    const later = new Date(started.getTime() + OVERRIDE_HOLD_MS + 1_000);
    // A new run after the lapse must not take the dead run's value for the original.
    await acquireOverride("steppay-webhooks", { duplicateRate: 1, shuffleMs: 800 }, later);
    await releaseOverride("steppay-webhooks", later);
    expect(await getWebhookSettings()).toMatchObject({ duplicateRate: 0.25, shuffleMs: 0 });

    await acquireOverride("steppay-webhooks", { duplicateRate: 1, shuffleMs: 800 }, started); // dies again
    await releaseLapsedOverrides(later);
    expect(await getWebhookSettings()).toMatchObject({ duplicateRate: 0.25, shuffleMs: 0 });
  });
});
