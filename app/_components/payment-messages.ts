/**
 * The messages a popup's or frame's landing page sends back to the storefront tab. They only say
 * "this order has news": the receiver re-reads the order from the server and shows that.
 */
export const PAYMENT_CHANNEL = "dalbit-payments";

export type PaymentResultMessage = { type: "payment-result"; orderId: string; status: string };

export function isPaymentResultMessage(data: unknown): data is PaymentResultMessage {
  if (typeof data !== "object" || data === null) return false;
  const message = data as Record<string, unknown>;
  return message.type === "payment-result" && typeof message.orderId === "string" && typeof message.status === "string";
}
