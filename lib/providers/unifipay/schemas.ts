import { z } from "zod";

/**
 * Unifi Pay's published response bodies (seed 002). Objects are loose: a field Unifi adds later
 * must not make a response unreadable; only what this integration reads is checked.
 */

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** POST /api/v1/payment → where to send the shopper, and Unifi's id for the transaction. */
export const createPaymentResponseSchema = z.looseObject({
  // The store redirects the browser here: anything but an http(s) URL (javascript:, data:) is refused.
  startPageUrl: z.string().refine(isHttpUrl, "must be an absolute http(s) URL"),
  transactionId: z.string().min(1),
});
export type UnifiCreatePaymentResponse = z.infer<typeof createPaymentResponseSchema>;

export const UNIFI_FINAL_STATUSES = ["CONFIRMED", "FAILED"] as const;
/**
 * The docs list CONFIRMED and FAILED only. An open union: any other value (the sandbox's PENDING
 * and CANCELED, or whatever the real API says before the end) means "not final yet" (README
 * Assumptions).
 */
export const paymentStatusValueSchema = z.union([z.enum(UNIFI_FINAL_STATUSES), z.string().min(1)]);
export type UnifiPaymentStatusValue = (typeof UNIFI_FINAL_STATUSES)[number] | (string & {});

/** GET /api/v1/payment/{transactionId}. */
export const paymentStatusSchema = z.looseObject({
  status: paymentStatusValueSchema,
  orderId: z.string(),
  storeId: z.string(),
  payAmount: z.number(),
  orderAmount: z.string(),
  transactionId: z.string(),
  discountAmount: z.number(),
  payCurrencyCode: z.string(),
  orderCurrencyCode: z.string(),
});
/** `status` is a plain string at runtime; compare it with the UNIFI_FINAL_STATUSES values. */
export type UnifiPaymentStatus = z.infer<typeof paymentStatusSchema>;
