import type { GuideMessageKey } from "@/lib/i18n/guide-messages";

/**
 * "Environment variables for live use" on /integrate: the README's configuration table, narrowed
 * to what a merchant sets to take real payments. Each name needs its `value` and `meaning` texts in
 * lib/i18n/guide-messages.ts (a compile error otherwise), and the unit test beside this file checks
 * every name against lib/env.ts, so a renamed variable cannot linger here.
 */
type LiveVariableName =
  | "APP_ORIGIN"
  | "DATABASE_URL"
  | "PROVIDER_TIMEOUT_MS"
  | "PAYMENT_PROVIDERS"
  | "STEPPAY_API_BASE"
  | "STEPPAY_SECRET_TOKEN"
  | "STEPPAY_WEBHOOK_SECRET"
  | "UNIFIPAY_API_BASE"
  | "UNIFIPAY_APP_ID"
  | "UNIFIPAY_API_KEY"
  | "UNIFIPAY_APP_SECRET"
  | "UNIFIPAY_STORE_ID";

export type LiveVariable = { name: LiveVariableName; value: GuideMessageKey; meaning: GuideMessageKey };

export type LiveVariableGroup = { id: "store" | "steppay" | "unifipay"; heading: GuideMessageKey; variables: LiveVariable[] };

function variable(name: LiveVariableName): LiveVariable {
  const value: `guide.env.${LiveVariableName}.value` = `guide.env.${name}.value`;
  const meaning: `guide.env.${LiveVariableName}.meaning` = `guide.env.${name}.meaning`;
  return { name, value, meaning };
}

export const LIVE_VARIABLES: LiveVariableGroup[] = [
  { id: "store", heading: "guide.env.group.store", variables: (["APP_ORIGIN", "DATABASE_URL", "PROVIDER_TIMEOUT_MS", "PAYMENT_PROVIDERS"] as const).map(variable) },
  { id: "steppay", heading: "guide.env.group.steppay", variables: (["STEPPAY_API_BASE", "STEPPAY_SECRET_TOKEN", "STEPPAY_WEBHOOK_SECRET"] as const).map(variable) },
  {
    id: "unifipay",
    heading: "guide.env.group.unifipay",
    variables: (["UNIFIPAY_API_BASE", "UNIFIPAY_APP_ID", "UNIFIPAY_API_KEY", "UNIFIPAY_APP_SECRET", "UNIFIPAY_STORE_ID"] as const).map(variable),
  },
];
