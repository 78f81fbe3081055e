import { config } from "@/lib/env";
import type { PaymentMode } from "@/lib/providers/types";

/**
 * Return and callback URLs, always built from APP_ORIGIN and never from request headers (a Host
 * or Origin header chosen by the caller would make them an open redirect).
 * The mode travels in the path, so one set of handlers serves redirect, popup and iframe.
 */
export function stepPayReturnUrls(mode: PaymentMode, orderId: string) {
  const base = `${config().appOrigin}/api/payments/steppay/${mode}`;
  // StepPay documents what it appends to successUrl and errorUrl, not to cancelUrl: the store
  // names its own order there, so a shopper closing the payment page always finds the way back.
  return { successUrl: `${base}/success`, errorUrl: `${base}/error`, cancelUrl: `${base}/cancel?store_order=${encodeURIComponent(orderId)}` };
}

export function unifiPayReturnUrl(mode: PaymentMode): string {
  return `${config().appOrigin}/api/payments/unifipay/${mode}/return`;
}

export function unifiPayCallbackUrl(): string {
  return `${config().appOrigin}/api/payments/unifipay/callback`;
}

/** Where the shopper lands after a return: the order page, or the small bridge page in a popup/frame. */
export function landingPath(orderId: string, mode: PaymentMode, extra?: Record<string, string>): string {
  const query = new URLSearchParams(extra);
  const order = `/orders/${encodeURIComponent(orderId)}`;
  if (mode === "redirect") return `${order}${query.size ? `?${query}` : ""}`;
  query.set("mode", mode);
  return `${order}/return?${query}`;
}
