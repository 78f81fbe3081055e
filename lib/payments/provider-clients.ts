import { config } from "@/lib/env";
import { createStepPayClient, type StepPayClient } from "@/lib/providers/steppay/client";
import { createUnifiPayClient, type UnifiPayClient } from "@/lib/providers/unifipay/client";
import { recordExchange } from "./exchange-log";

/** The store's provider clients, made once from the configuration (server only: they hold secrets). */
const globalForClients = globalThis as unknown as { __stepPayClient?: StepPayClient; __unifiPayClient?: UnifiPayClient };

export function stepPayClient(): StepPayClient {
  if (!globalForClients.__stepPayClient) {
    const c = config();
    globalForClients.__stepPayClient = createStepPayClient({
      apiBase: c.steppay.apiBase,
      secretToken: c.steppay.secretToken,
      timeoutMs: c.providerTimeoutMs,
      onExchange: recordExchange,
    });
  }
  return globalForClients.__stepPayClient;
}

export function unifiPayClient(): UnifiPayClient {
  if (!globalForClients.__unifiPayClient) {
    const c = config();
    globalForClients.__unifiPayClient = createUnifiPayClient({
      apiBase: c.unifipay.apiBase,
      appId: c.unifipay.appId,
      apiKey: c.unifipay.apiKey,
      appSecret: c.unifipay.appSecret,
      timeoutMs: c.providerTimeoutMs,
      onExchange: recordExchange,
    });
  }
  return globalForClients.__unifiPayClient;
}
