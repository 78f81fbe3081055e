/**
 * The messages a popup's or frame's landing page sends back to the storefront tab. They only say
 * "this order has news": the receiver re-reads the order from the server and shows that.
 */
export const PAYMENT_CHANNEL = "dalbit-payments";

/** Why the payment page could not be opened, when the start URL sent the window back instead. */
export type PayError = "provider_unavailable" | "not_payable";

export type PaymentResultMessage = { type: "payment-result"; orderId: string; status: string; payError?: PayError };

/** The storefront tab's answer to a popup's result: someone showed it, the popup may close. */
export type PaymentResultAck = { type: "payment-result-ack"; orderId: string };

export function isPaymentResultAck(data: unknown, orderId: string): data is PaymentResultAck {
  return typeof data === "object" && data !== null && (data as Record<string, unknown>).type === "payment-result-ack" && (data as Record<string, unknown>).orderId === orderId;
}

export function isPayError(value: unknown): value is PayError {
  return value === "provider_unavailable" || value === "not_payable";
}

export function isPaymentResultMessage(data: unknown): data is PaymentResultMessage {
  if (typeof data !== "object" || data === null) return false;
  const message = data as Record<string, unknown>;
  return (
    message.type === "payment-result" &&
    typeof message.orderId === "string" &&
    typeof message.status === "string" &&
    (message.payError === undefined || isPayError(message.payError))
  );
}
