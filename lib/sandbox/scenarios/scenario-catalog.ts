import type { SandboxProvider } from "@/lib/sandbox/shared/config";

/**
 * The demo scenarios: one button each on the control panel. Each is played by a headless shopper
 * over HTTP against the store (run-scenario.ts); this file only says what each one shows.
 */
export const SCENARIO_KEYS = ["approve", "decline", "cancel", "slow-page", "late-callback", "duplicate-webhooks", "tampered-return"] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export type ScenarioDefinition = {
  key: ScenarioKey;
  /** The button's label (and accessible name). */
  title: string;
  provider: SandboxProvider;
  /** The outcome to expect, as the runs table shows it. */
  expected: string;
  /** One sentence for the presenter: what the shopper does and what to look for. */
  description: string;
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
  approve: {
    key: "approve",
    title: "Approve",
    provider: "steppay",
    expected: "paid",
    description: "The shopper pays with the approved test card and returns to the store.",
  },
  decline: {
    key: "decline",
    title: "Decline with a named reason",
    provider: "steppay",
    expected: "failed: CARD_DECLINED, “insufficient limit”",
    description: "Test card 4000 0000 0000 0002: the store shows the issuer's reason.",
  },
  cancel: {
    key: "cancel",
    title: "Shopper cancels",
    provider: "steppay",
    expected: "canceled",
    description: "The shopper presses “Cancel payment” on the hosted page.",
  },
  "slow-page": {
    key: "slow-page",
    title: "Payment page slow to load",
    provider: "steppay",
    expected: `payment page opens ${SLOW_PAGE_DELAY_MS / 1000} s late`,
    description: `Creates an order whose StepPay page will take ${SLOW_PAGE_DELAY_MS / 1000} s to load once: open it in the store and press Pay to see “Opening payment page…”.`,
  },
  "late-callback": {
    key: "late-callback",
    title: "Callback late",
    provider: "unifipay",
    expected: "pending, then paid",
    description: `The shopper approves and never returns; the callback comes ${LATE_CALLBACK_DELAY_MS / 1000} s later.`,
  },
  "duplicate-webhooks": {
    key: "duplicate-webhooks",
    title: "Webhook twice / out of order",
    provider: "steppay",
    expected: "paid exactly once",
    description: `The shopper pays and never returns; every webhook arrives twice, shuffled by up to ${WEBHOOK_SHUFFLE_MS} ms.`,
  },
  "tampered-return": {
    key: "tampered-return",
    title: "Tampered return URL",
    provider: "steppay",
    expected: "still pending (return refused)",
    description: "Nobody pays, yet the store's success URL is called with status=success and the real order code.",
  },
};

export function isScenarioKey(value: unknown): value is ScenarioKey {
  return typeof value === "string" && (SCENARIO_KEYS as readonly string[]).includes(value);
}
