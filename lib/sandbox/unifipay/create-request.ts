import { z } from "zod";

/**
 * The body of POST /api/v1/payment as the sandbox accepts it: every published field is a
 * required string (seed 002), plus `orderAmount`, this project's addition (README Assumptions).
 * Unknown extra fields are ignored, as a lenient real API would.
 */
function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const requiredString = (field: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) });

const httpUrl = (field: string) => requiredString(field).refine(isAbsoluteHttpUrl, `${field} must be an absolute http(s) URL`);

export const createPaymentRequestSchema = z.object({
  orderId: requiredString("orderId").min(1, "orderId must not be empty").max(128, "orderId is too long"),
  storeId: requiredString("storeId").min(1, "storeId must not be empty"),
  requestId: requiredString("requestId").min(1, "requestId must not be empty").max(128, "requestId is too long"),
  returnUrl: httpUrl("returnUrl"),
  callbackUrl: httpUrl("callbackUrl"),
  countryCode: requiredString("countryCode").regex(/^[A-Z]{3}$/, "countryCode must be an ISO 3166 alpha-3 code (3 letters A-Z)"),
  orderCurrencyCode: requiredString("orderCurrencyCode").refine((value) => value === "USD", 'orderCurrencyCode must be "USD"'),
  // Not in the published API: the project's amount field (README Assumptions).
  orderAmount: requiredString("orderAmount")
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'orderAmount must be a decimal string with at most 2 decimals, e.g. "12.50"')
    .refine((value) => Number(value) > 0, "orderAmount must be greater than 0"),
});
export type CreatePaymentRequest = z.infer<typeof createPaymentRequestSchema>;

/** The fields a repeated requestId must repeat exactly (README Assumptions: requestId is the idempotency key). */
export const IDEMPOTENT_FIELDS = ["orderId", "storeId", "returnUrl", "callbackUrl", "countryCode", "orderCurrencyCode", "orderAmount"] as const;

/** "12.50" → 1250 (the regex above guarantees the shape). */
export function amountToCents(orderAmount: string): number {
  const [whole = "0", fraction = ""] = orderAmount.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
