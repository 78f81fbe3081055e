import { config } from "@/lib/env";
import { createStepPayClient, type StepPayClient } from "@/lib/providers/steppay/client";
import { createUnifiPayClient, type UnifiPayClient } from "@/lib/providers/unifipay/client";
import { recordExchange } from "./exchange-log";

/**
 * The store's provider clients, made once per bundle from the configuration (server only: they
 * hold secrets).
 *
 * Per bundle, not per process: Next bundles route handlers and instrumentation.ts (which starts the
 * reconciler) separately, each with its own copy of the exchange log and of the clients' error
 * classes. A client shared through globalThis would record its calls into whichever copy created
 * it first (the inspector then shows nothing) and throw errors the other bundles' `instanceof`
 * checks do not recognise. A client per bundle keeps each one consistent with its own code.
 */
let stepPay: StepPayClient | undefined;
let unifiPay: UnifiPayClient | undefined;

export function stepPayClient(): StepPayClient {
  if (!stepPay) {
    const c = config();
    stepPay = createStepPayClient({
      apiBase: c.steppay.apiBase,
      secretToken: c.steppay.secretToken,
      timeoutMs: c.providerTimeoutMs,
      onExchange: recordExchange,
    });
  }
  return stepPay;
}

export function unifiPayClient(): UnifiPayClient {
  if (!unifiPay) {
    const c = config();
    unifiPay = createUnifiPayClient({
      apiBase: c.unifipay.apiBase,
      appId: c.unifipay.appId,
      apiKey: c.unifipay.apiKey,
      appSecret: c.unifipay.appSecret,
      timeoutMs: c.providerTimeoutMs,
      onExchange: recordExchange,
    });
  }
  return unifiPay;
}
