import { z } from "zod";

/**
 * The parts of StepPay's published schemas (openapi-v1.json) this integration relies on. Objects
 * are loose: StepPay adds fields freely; only what we read is checked. Field names follow
 * StepPay's DTOs (OrderV1DTO, CustomerV1DTO, SubscriptionV1DTO, ...).
 */

export const errorBodySchema = z.looseObject({
  traceId: z.string().nullish(),
  errorCode: z.string(),
  errorMessage: z.string().nullish(),
  details: z.unknown().optional(),
});
export type StepPayErrorBody = z.infer<typeof errorBodySchema>;

export const customerSchema = z.looseObject({
  id: z.number().int(),
  // Only id is required in CustomerV1DTO; orders name their customer by id.
  code: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  createdAt: z.string().nullish(),
});
export type StepPayCustomer = z.infer<typeof customerSchema>;

export const recurringSchema = z.looseObject({
  // Not required in PriceRecurringV1DTO (only id and intervalCount are).
  interval: z.enum(["DAY", "WEEK", "MONTH", "YEAR"]).nullish(),
  intervalCount: z.number().int(),
});

export const priceSchema = z.looseObject({
  id: z.number().int(),
  code: z.string(),
  price: z.number(),
  type: z.string(),
  recurring: recurringSchema.nullish(),
});
export type StepPayPrice = z.infer<typeof priceSchema>;

export const productSchema = z.looseObject({
  id: z.number().int(),
  code: z.string(),
  name: z.string().nullish(),
  prices: z.array(priceSchema).nullish(),
});
export type StepPayProduct = z.infer<typeof productSchema>;

export const SUBSCRIPTION_STATUSES = [
  "ACTIVE",
  "UNPAID",
  "PENDING_PAUSE",
  "PAUSE",
  "PENDING_CANCEL",
  "EXPIRED",
  "CANCELED",
  "INCOMPLETE",
  "QUEUEING",
] as const;
// An open union: a status StepPay adds later must not make the whole order unreadable.
export const subscriptionStatusSchema = z.union([z.enum(SUBSCRIPTION_STATUSES), z.string()]);

export const orderSubscriptionSchema = z.looseObject({
  id: z.number().int(),
  status: subscriptionStatusSchema,
  startDate: z.string().nullish(),
  lastPaymentDate: z.string().nullish(),
  nextPaymentDate: z.string().nullish(),
  endDate: z.string().nullish(),
  interval: z.string().nullish(),
  intervalCount: z.number().int().nullish(),
});
export type StepPayOrderSubscription = z.infer<typeof orderSubscriptionSchema>;

export const orderItemSchema = z.looseObject({
  id: z.number().int().nullish(),
  status: z.string().nullish(),
  currency: z.string().nullish(),
  paidAmount: z.number().nullish(),
  minimumQuantity: z.number().int().nullish(),
  maximumQuantity: z.number().int().nullish(),
  orderedProductName: z.string().nullish(),
});

export const orderPaymentSchema = z.looseObject({
  paymentMethod: z.string().nullish(),
  paymentDate: z.string().nullish(),
  amount: z.number().nullish(),
  paymentReceiptUrl: z.string().nullish(),
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
});

export const ORDER_TYPES = ["ONE_TIME", "RECURRING_INITIAL", "RECURRING", "PAYMENT_METHOD", "ADD_USAGE"] as const;

export const orderSchema = z.looseObject({
  orderId: z.number().int(),
  id: z.number().int().nullish(),
  orderCode: z.string(),
  idKey: z.string().nullish(),
  type: z.union([z.enum(ORDER_TYPES), z.string()]),
  paidAmount: z.number(),
  leftAmount: z.number().nullish(),
  returnedAmount: z.number().nullish(),
  productName: z.string().nullish(),
  paymentDate: z.string().nullish(),
  payment: orderPaymentSchema.nullish(),
  items: z.array(orderItemSchema).nullish(),
  subscriptions: z.array(orderSubscriptionSchema).nullish(),
  parentSubscription: orderSubscriptionSchema.nullish(),
  currency: z.string().nullish(),
  createdAt: z.string().nullish(),
});
export type StepPayOrder = z.infer<typeof orderSchema>;

/**
 * GET /api/payment/receipt/{idKey} (seed 001). Its schema is not published; the guide reads
 * `paymentDate` and `paymentStatus` (COMPLETE | FAILED), so those are all we rely on.
 */
export const receiptSchema = z.looseObject({
  paymentDate: z.string().nullish(),
  paymentStatus: z.string().nullish(),
});
export type StepPayReceipt = z.infer<typeof receiptSchema>;

/** `{ message, body }`, StepPay's "simple API response" (cancel, subscription actions). */
export const apiResponseSchema = z.looseObject({
  message: z.string(),
  body: z.unknown().optional(),
});
export type StepPayApiResponse = z.infer<typeof apiResponseSchema>;

export const subscriptionSchema = z.looseObject({
  id: z.number().int(),
  status: subscriptionStatusSchema,
  startDate: z.string().nullish(),
  lastPaymentDate: z.string().nullish(),
  nextPaymentDate: z.string().nullish(),
  endDate: z.string().nullish(),
  interval: z.string().nullish(),
  intervalCount: z.number().int().nullish(),
  recurringCount: z.number().int().nullish(),
  relatedOrders: z.array(z.looseObject({ id: z.number().int().nullish(), code: z.string().nullish(), orderCode: z.string().nullish() })).nullish(),
  customer: z.looseObject({ id: z.number().int().nullish(), email: z.string().nullish() }).nullish(),
});
export type StepPaySubscription = z.infer<typeof subscriptionSchema>;
