import { config, type AppConfig } from "@/lib/env";
import type { ProviderId } from "@/lib/orders/checkout-input";
import type { PaymentGateway } from "./gateway";
import { stepPayGateway } from "./steppay-gateway";
import { unifiPayGateway } from "./unifipay-gateway";

/** The one place that knows every provider. Adding a provider: implement PaymentGateway, list it here. */
const GATEWAYS: Partial<Record<ProviderId, PaymentGateway>> = {
  steppay: stepPayGateway,
  unifipay: unifiPayGateway,
};

export function gatewayFor(provider: string): PaymentGateway {
  const gateway = GATEWAYS[provider as ProviderId];
  if (!gateway) throw new Error(`No payment gateway for provider "${provider}"`);
  return gateway;
}

/** The providers checkout offers: every one with a gateway that PAYMENT_PROVIDERS turns on. */
export function availableProviders(c: AppConfig = config()): ProviderId[] {
  return (Object.keys(GATEWAYS) as ProviderId[]).filter((id) => GATEWAYS[id] && c[id].enabled);
}
