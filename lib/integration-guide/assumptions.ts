import type { GuideMessageKey } from "@/lib/i18n/guide-messages";

/**
 * "Assumptions to confirm with each provider" on /integrate: the README's Assumptions section,
 * per provider, in the order the README gives them. The texts live in lib/i18n/guide-messages.ts.
 */
export type AssumptionGroup = { id: "steppay" | "unifipay" | "both"; heading: GuideMessageKey; items: GuideMessageKey[] };

export const ASSUMPTIONS: AssumptionGroup[] = [
  {
    id: "steppay",
    heading: "guide.assume.group.steppay",
    items: [
      "guide.assume.steppay.paid",
      "guide.assume.steppay.quantity",
      "guide.assume.steppay.catalog",
      "guide.assume.steppay.customer",
      "guide.assume.steppay.cancelUrl",
      "guide.assume.steppay.failureReason",
      "guide.assume.steppay.canceled",
      "guide.assume.steppay.receipt",
      "guide.assume.steppay.renewals",
      "guide.assume.steppay.webhooks",
      "guide.assume.steppay.sandboxSubscriptions",
    ],
  },
  {
    id: "unifipay",
    heading: "guide.assume.group.unifipay",
    items: [
      "guide.assume.unifipay.amount",
      "guide.assume.unifipay.signedUri",
      "guide.assume.unifipay.requestId",
      "guide.assume.unifipay.paid",
      "guide.assume.unifipay.cancel",
      "guide.assume.unifipay.refunds",
      "guide.assume.unifipay.callback",
      "guide.assume.unifipay.errorBody",
      "guide.assume.unifipay.headers",
    ],
  },
  { id: "both", heading: "guide.assume.group.both", items: ["guide.assume.both.origin", "guide.assume.both.orderId"] },
];
