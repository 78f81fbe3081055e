import type { SandboxProvider } from "@/lib/sandbox/shared/config";

/**
 * The demo scenarios: one button each on the control panel. Each is played by a headless shopper
 * over HTTP against the store (run-scenario.ts); this file only says what each one shows.
 */
export const SCENARIO_KEYS = ["approve", "decline", "cancel", "slow-page", "late-callback", "duplicate-webhooks", "tampered-return"] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

// Each scenario's words (its button, the outcome to expect, a sentence for the presenter) live in
// lib/sandbox/shared/panel-copy.ts, in English and Korean, with the rest of the panel's.
export type ScenarioDefinition = {
  key: ScenarioKey;
  provider: SandboxProvider;
};

/** How long the slow-page scenario holds the StepPay hosted page back. */
export const SLOW_PAGE_DELAY_MS = 4_000;
/** How long the armed delay waits for the presenter to open the page before it lapses. */
export const SLOW_PAGE_ARMED_FOR_MS = 10 * 60_000;
/** The late Unifi Pay callback (callbackDelayMs while the shopper decides). */
export const LATE_CALLBACK_DELAY_MS = 5_000;
/** StepPay webhook knobs for the duplicates scenario: every webhook twice, each up to this much late. */
export const WEBHOOK_SHUFFLE_MS = 800;

export const SCENARIOS: Record<ScenarioKey, ScenarioDefinition> = {
  approve: { key: "approve", provider: "steppay" },
  decline: { key: "decline", provider: "steppay" },
  cancel: { key: "cancel", provider: "steppay" },
  "slow-page": { key: "slow-page", provider: "steppay" },
  "late-callback": { key: "late-callback", provider: "unifipay" },
  "duplicate-webhooks": { key: "duplicate-webhooks", provider: "steppay" },
  "tampered-return": { key: "tampered-return", provider: "steppay" },
};

export function isScenarioKey(value: unknown): value is ScenarioKey {
  return typeof value === "string" && (SCENARIO_KEYS as readonly string[]).includes(value);
}
