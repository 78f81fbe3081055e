import { config, offeredFromSandbox, SANDBOX_DEFAULTS } from "@/lib/env";

/**
 * The sandbox's view of the configuration. The sandbox is a separate wing: it plays the provider,
 * on SANDBOX_ORIGIN, and the store reaches it over HTTP only (never by import).
 *
 * A wing is on only while the store offers that provider and points it at the sandbox; with real
 * credentials configured, or the provider turned off, the wing answers 404 everywhere.
 */
export type SandboxProvider = "steppay" | "unifipay";

export function sandboxSettings() {
  const c = config();
  return {
    appOrigin: c.appOrigin,
    sandboxOrigin: c.sandboxOrigin,
    steppay: {
      enabled: offeredFromSandbox(c.steppay),
      base: `${c.sandboxOrigin}/sandbox/steppay`,
      secretToken: SANDBOX_DEFAULTS.steppaySecretToken,
      webhookKey: SANDBOX_DEFAULTS.steppayWebhookSecret,
    },
    unifipay: {
      enabled: offeredFromSandbox(c.unifipay),
      base: `${c.sandboxOrigin}/sandbox/unifipay`,
      appId: SANDBOX_DEFAULTS.unifipayAppId,
      apiKey: SANDBOX_DEFAULTS.unifipayApiKey,
      appSecret: SANDBOX_DEFAULTS.unifipayAppSecret,
      storeId: SANDBOX_DEFAULTS.unifipayStoreId,
    },
  };
}

export function isSandboxEnabled(provider?: SandboxProvider): boolean {
  const settings = sandboxSettings();
  return provider ? settings[provider].enabled : settings.steppay.enabled || settings.unifipay.enabled;
}

/** The answer of a disabled wing, or of an unknown sandbox path. */
export function sandboxNotFound(): Response {
  return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}
