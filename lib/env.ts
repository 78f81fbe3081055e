import { z } from "zod";

/**
 * The store's configuration, validated once. Every variable has a default that points at the
 * bundled sandbox, so `npm run dev` works with no accounts and no keys; set the provider
 * variables to real hosts and credentials and the same code talks to the real providers.
 *
 * Server only: nothing here may reach the browser bundle.
 */

// The sandbox's demo credentials. They are not secrets (they only open the local emulator) and
// are repeated in .env.example; the sandbox holds its own copy, the store never imports it.
export const SANDBOX_DEFAULTS = {
  steppaySecretToken: "sandbox-steppay-secret-token",
  steppayWebhookSecret: "sandbox-steppay-webhook-key",
  unifipayAppId: "sandbox-unifi-app",
  unifipayApiKey: "sandbox-unifi-api-key",
  unifipayAppSecret: "sandbox-unifi-app-secret",
  unifipayStoreId: "sandbox-store-001",
} as const;

const origin = z
  .string()
  .url()
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === "http:" || url.protocol === "https:", "must be an http(s) URL")
  .refine((url) => url.pathname === "/" && !url.search && !url.hash, "must be an origin only (no path, query or fragment)")
  .transform((url) => url.origin);

const baseUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value), "must be an http(s) URL")
  .transform((value) => value.replace(/\/+$/, ""));

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

const schema = z.object({
  APP_ORIGIN: origin.default("http://localhost:3000"),
  SANDBOX_ORIGIN: origin.default("http://127.0.0.1:3000"),
  DATABASE_URL: optionalString.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL").optional(),
  ),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  STEPPAY_API_BASE: optionalString.pipe(baseUrl.optional()),
  STEPPAY_SECRET_TOKEN: z.string().min(1).default(SANDBOX_DEFAULTS.steppaySecretToken),
  STEPPAY_WEBHOOK_SECRET: optionalString,
  UNIFIPAY_API_BASE: optionalString.pipe(baseUrl.optional()),
  UNIFIPAY_APP_ID: z.string().min(1).default(SANDBOX_DEFAULTS.unifipayAppId),
  UNIFIPAY_API_KEY: z.string().min(1).default(SANDBOX_DEFAULTS.unifipayApiKey),
  UNIFIPAY_APP_SECRET: z.string().min(1).default(SANDBOX_DEFAULTS.unifipayAppSecret),
  UNIFIPAY_STORE_ID: z.string().min(1).default(SANDBOX_DEFAULTS.unifipayStoreId),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  RECONCILE_AFTER_MS: z.coerce.number().int().min(1000).max(86_400_000).default(120_000),
  SANDBOX_BESIDE_LIVE_PROVIDER: z.enum(["allow"]).optional(),
  // The providers checkout offers (a merchant with one contract turns the other off).
  PAYMENT_PROVIDERS: z
    .string()
    .default("steppay,unifipay")
    .transform((value) => [...new Set(value.split(",").map((p) => p.trim()).filter(Boolean))])
    .refine((list) => list.length > 0 && list.every((p) => p === "steppay" || p === "unifipay"), "must list steppay and/or unifipay, comma-separated"),
});

export type AppConfig = {
  appOrigin: string;
  sandboxOrigin: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  providerTimeoutMs: number;
  reconciler: { intervalMs: number; pendingAfterMs: number };
  steppay: { enabled: boolean; apiBase: string; secretToken: string; webhookSecret: string | undefined; usesSandbox: boolean };
  unifipay: {
    enabled: boolean;
    apiBase: string;
    appId: string;
    apiKey: string;
    appSecret: string;
    storeId: string;
    usesSandbox: boolean;
  };
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** A provider checkout offers whose API base is this app's sandbox: its sandbox wing is open. */
export function offeredFromSandbox(provider: { enabled: boolean; usesSandbox: boolean }): boolean {
  return provider.enabled && provider.usesSandbox;
}

/** Parses an environment (process.env by default). Throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const steppaySandbox = `${e.SANDBOX_ORIGIN}/sandbox/steppay`;
  const unifiSandbox = `${e.SANDBOX_ORIGIN}/sandbox/unifipay`;
  const steppayBase = e.STEPPAY_API_BASE ?? steppaySandbox;
  const unifiBase = e.UNIFIPAY_API_BASE ?? unifiSandbox;
  const steppayUsesSandbox = steppayBase === steppaySandbox;
  const unifiUsesSandbox = unifiBase === unifiSandbox;
  const steppayEnabled = e.PAYMENT_PROVIDERS.includes("steppay");
  const unifiEnabled = e.PAYMENT_PROVIDERS.includes("unifipay");
  // The sandbox's demo credentials open only the sandbox: against any other API base they are a
  // forgotten variable, refused here rather than answered with 401 by the provider at checkout.
  const demoLeft = (usesSandbox: boolean, base: string, sandbox: string, credentials: [name: string, value: string, demo: string][]) =>
    usesSandbox
      ? []
      : credentials
          .filter(([, value, demo]) => value === demo)
          .map(([name]) => `${name}: still the sandbox's demo value, but ${base} is not this app's sandbox (${sandbox}); set the provider's own credential`);
  const demoIssues = [
    ...demoLeft(steppayUsesSandbox, "STEPPAY_API_BASE", steppaySandbox, [
      ["STEPPAY_SECRET_TOKEN", e.STEPPAY_SECRET_TOKEN, SANDBOX_DEFAULTS.steppaySecretToken],
      // A published webhook key is no key: anyone could sign StepPay's webhooks.
      ["STEPPAY_WEBHOOK_SECRET", e.STEPPAY_WEBHOOK_SECRET ?? "", SANDBOX_DEFAULTS.steppayWebhookSecret],
    ]),
    ...demoLeft(unifiUsesSandbox, "UNIFIPAY_API_BASE", unifiSandbox, [
      ["UNIFIPAY_APP_ID", e.UNIFIPAY_APP_ID, SANDBOX_DEFAULTS.unifipayAppId],
      ["UNIFIPAY_API_KEY", e.UNIFIPAY_API_KEY, SANDBOX_DEFAULTS.unifipayApiKey],
      ["UNIFIPAY_APP_SECRET", e.UNIFIPAY_APP_SECRET, SANDBOX_DEFAULTS.unifipayAppSecret],
      ["UNIFIPAY_STORE_ID", e.UNIFIPAY_STORE_ID, SANDBOX_DEFAULTS.unifipayStoreId],
    ]),
  ];
  // One provider real and the other still on the sandbox (both offered): the live store would offer
  // the emulator at checkout, where anyone can approve their own payment. Refused, unless a test
  // setup says so. A merchant with one provider turns the other off (PAYMENT_PROVIDERS).
  if (steppayEnabled && unifiEnabled && steppayUsesSandbox !== unifiUsesSandbox && e.SANDBOX_BESIDE_LIVE_PROVIDER !== "allow") {
    const [live, left, keep] = steppayUsesSandbox ? ["UNIFIPAY_API_BASE", "StepPay", "unifipay"] : ["STEPPAY_API_BASE", "Unifi Pay", "steppay"];
    demoIssues.push(
      `${live} points at a real provider while ${left} is still this app's sandbox: a live store would accept the emulator's payments. Configure both providers, or offer only the real one (PAYMENT_PROVIDERS=${keep}); a test setup may set SANDBOX_BESIDE_LIVE_PROVIDER=allow`,
    );
  }
  if (demoIssues.length) throw new ConfigError(demoIssues);
  return {
    appOrigin: e.APP_ORIGIN,
    sandboxOrigin: e.SANDBOX_ORIGIN,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    reconciler: { intervalMs: e.RECONCILE_INTERVAL_MS, pendingAfterMs: e.RECONCILE_AFTER_MS },
    steppay: {
      enabled: steppayEnabled,
      apiBase: steppayBase,
      secretToken: e.STEPPAY_SECRET_TOKEN,
      // With the sandbox, its demo key is the default; against real StepPay there is no default,
      // and signed webhooks are then refused (never accepted unverified).
      webhookSecret: e.STEPPAY_WEBHOOK_SECRET ?? (steppayUsesSandbox ? SANDBOX_DEFAULTS.steppayWebhookSecret : undefined),
      usesSandbox: steppayUsesSandbox,
    },
    unifipay: {
      enabled: unifiEnabled,
      apiBase: unifiBase,
      appId: e.UNIFIPAY_APP_ID,
      apiKey: e.UNIFIPAY_API_KEY,
      appSecret: e.UNIFIPAY_APP_SECRET,
      storeId: e.UNIFIPAY_STORE_ID,
      usesSandbox: unifiUsesSandbox,
    },
  };
}

const globalForConfig = globalThis as unknown as { __storeConfig?: AppConfig };

/** The process's configuration, parsed on first use. */
export function config(): AppConfig {
  globalForConfig.__storeConfig ??= parseConfig();
  return globalForConfig.__storeConfig;
}
