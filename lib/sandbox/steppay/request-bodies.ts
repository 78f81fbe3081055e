import { z } from "zod";

/**
 * The request bodies the sandbox accepts, after StepPay's published DTOs (openapi-v1.json) and its
 * list of required fields (required-fields.json). Unknown fields are ignored, as StepPay's Spring
 * API does.
 */

const nonBlank = z.string().trim().min(1, "must not be blank");

/** AccountCustomercreatedto: username, email and name are required. */
export const customerCreateBody = z.object({
  username: nonBlank,
  email: z.email(),
  name: nonBlank,
  phone: z.string().trim().nullish(),
});

/** ProductProductcreatedto: type, status and name are required. */
export const productCreateBody = z.object({
  type: z.enum(["BOX", "SOFTWARE", "BUNDLE", "INVOICE", "DRAFT"]),
  status: z.enum(["SALE", "OUT_OF_STOCK", "UNSOLD", "WAITING_APPROVAL", "REJECTED"]),
  name: nonBlank,
  subTitle: z.string().nullish(),
  description: z.string().nullish(),
  summary: z.string().nullish(),
  sku: z.string().nullish(),
  featuredImageUrl: z.string().nullish(),
  imageUrls: z.array(z.string()).nullish(),
});

export const RECURRING_INTERVALS = ["DAY", "WEEK", "MONTH", "YEAR"] as const;

/**
 * ProductPricecreatedto: unit, plan and type are required. The sandbox prices in whole won and
 * supports the two plan types this storefront sells: ONE_TIME, and FLAT (a flat subscription
 * price, which needs `recurring`).
 */
export const priceCreateBody = z
  .object({
    price: z.number().int("must be a whole number of won").min(0),
    unit: nonBlank,
    type: z.enum(["ONE_TIME", "FLAT"], { error: "the sandbox supports ONE_TIME and FLAT price plans" }),
    plan: z.object({
      name: nonBlank,
      description: z.string(),
      detailDescription: z.string().nullish(),
      isHiddenFromShop: z.boolean().nullish(),
    }),
    maximumPurchaseQuantity: z.number().int().min(0).nullish(),
    recurring: z
      .object({
        interval: z.enum(RECURRING_INTERVALS),
        intervalCount: z.number().int().min(1),
        aggregateUsageType: z.string().nullish(),
        usageType: z.string().nullish(),
      })
      .nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.type === "FLAT" && !body.recurring) {
      ctx.addIssue({ code: "custom", path: ["recurring"], message: "a FLAT price plan needs recurring { interval, intervalCount }" });
    }
    if (body.type === "ONE_TIME" && body.recurring) {
      ctx.addIssue({ code: "custom", path: ["recurring"], message: "a ONE_TIME price plan cannot be recurring" });
    }
  });

/** OrderItemCreateV1DTO: productCode, priceCode, currency and minimumQuantity are required. */
const orderItemCreateBody = z
  .object({
    productCode: nonBlank,
    priceCode: nonBlank,
    currency: nonBlank,
    minimumQuantity: z.number().int().min(1, "must be at least 1"),
    maximumQuantity: z.number().int().nullish(),
    productOption: z.array(z.number().int()).nullish(),
  })
  .superRefine((item, ctx) => {
    if (item.maximumQuantity != null && item.maximumQuantity < item.minimumQuantity) {
      ctx.addIssue({ code: "custom", path: ["maximumQuantity"], message: "must be greater than or equal to minimumQuantity" });
    }
  });

/** OrderCreateV1DTO: items, and one of customerId, customerCode or customerUuid. */
export const orderCreateBody = z
  .object({
    customerId: z.number().int().nullish(),
    customerCode: z.string().trim().min(1).nullish(),
    customerUuid: z.string().trim().min(1).nullish(),
    items: z.array(orderItemCreateBody).min(1, "an order needs at least one item"),
    purchaseDeadline: z.string().nullish(),
    paymentGateway: z.string().nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.customerId == null && body.customerCode == null && body.customerUuid == null) {
      ctx.addIssue({ code: "custom", path: ["customerId"], message: "one of customerId, customerCode or customerUuid is required" });
    }
  });
export type OrderCreateBody = z.infer<typeof orderCreateBody>;

/** ReqV1: requestPrice is required. */
export const orderCancelBody = z.object({
  requestPrice: z.number().min(0),
  reason: z.string().nullish(),
});

/** SubscriptionCancelDTO. */
export const subscriptionCancelBody = z
  .object({
    whenToCancel: z.enum(["NOW", "END_OF_PERIOD", "SPECIFIC_DATE_TIME"]),
    when: z.string().nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.whenToCancel === "SPECIFIC_DATE_TIME" && !body.when) {
      ctx.addIssue({ code: "custom", path: ["when"], message: "required when whenToCancel is SPECIFIC_DATE_TIME" });
    }
  });

/** SubscriptionPauseDTO. */
export const subscriptionPauseBody = z.object({
  whenToPause: z.enum(["IMMEDIATE", "LAZY"]),
  whenToResume: z.enum(["NOTHING", "PAUSED_UNTIL"]),
  until: z.unknown().optional(),
});
