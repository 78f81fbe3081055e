import { z } from "zod";

/**
 * StepPay webhook bodies, both generations. Only identifiers are read from them: a webhook is a
 * hint to look the order or subscription up again (seed 001), never a source of truth.
 *  - v1 (unsigned): `{"webHookType":"PAYMENT","orderId":123}` and `{"id":1,"status":"ACTIVE"}`;
 *  - v2 (signed):   `{"timestamp":…, "version":"v1", "event":"…", "data":{…}}`.
 */
const v2Schema = z.looseObject({
  timestamp: z.number().int(),
  version: z.string().optional(),
  event: z.string().min(1).max(100),
  data: z.looseObject({}).nullish(),
});
const v1OrderSchema = z.looseObject({ webHookType: z.string().max(50), orderId: z.number().int().positive() });
const v1SubscriptionSchema = z.looseObject({ id: z.number().int().positive(), status: z.string().max(50) });
const idSchema = z.number().int().positive();
const codeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

export type StepPayWebhook =
  | { version: 2; event: string; timestamp: number; orderRef: string | null; subscriptionId: number | null }
  | { version: 1; kind: "order"; orderRef: string }
  | { version: 1; kind: "subscription"; subscriptionId: number };

/** Classifies a parsed body; null when it is none of StepPay's shapes. */
export function parseStepPayWebhook(body: unknown): StepPayWebhook | null {
  const v2 = v2Schema.safeParse(body);
  if (v2.success) {
    const data = v2.data.data ?? {};
    const event = v2.data.event;
    const isSubscription = event.startsWith("subscription.");
    const orderCode = codeSchema.safeParse(data.orderCode ?? data.code);
    const orderId = idSchema.safeParse(data.orderId ?? data.id);
    const subscriptionId = idSchema.safeParse(isSubscription ? data.id : undefined);
    return {
      version: 2,
      event,
      timestamp: v2.data.timestamp,
      orderRef: isSubscription ? null : orderCode.success ? orderCode.data : orderId.success ? String(orderId.data) : null,
      subscriptionId: subscriptionId.success ? subscriptionId.data : null,
    };
  }
  const order = v1OrderSchema.safeParse(body);
  if (order.success) return { version: 1, kind: "order", orderRef: String(order.data.orderId) };
  const subscription = v1SubscriptionSchema.safeParse(body);
  if (subscription.success) return { version: 1, kind: "subscription", subscriptionId: subscription.data.id };
  return null;
}
