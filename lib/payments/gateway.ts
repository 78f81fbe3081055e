import type { orderItems, orders, providerPayments } from "@/lib/db/schema";
import type { PaymentMode, PaymentVerdict } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/orders/checkout-input";

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type ProviderPaymentRow = typeof providerPayments.$inferSelect;
export type OrderWithItems = OrderRow & { items: OrderItemRow[] };

/**
 * What each provider does for the store. Pages and route handlers never see a provider: they call
 * lib/orders, which calls the gateway registered for the order's provider (lib/payments/gateways.ts).
 */
export interface PaymentGateway {
  readonly provider: ProviderId;
  /**
   * One provider object for every attempt to pay the order (StepPay's order), whose lookup keeps
   * showing an earlier attempt's failure while the shopper pays again; or a new one per attempt
   * (Unifi Pay's transaction), whose failure is always its own.
   */
  readonly sharesProviderObjectAcrossAttempts: boolean;
  /** Provider statuses after which a payment never changes (its verdict is final)… */
  readonly finalStatuses: readonly string[];
  /**
   * …but one: where a paid payment can be refunded outside the store (the provider's dashboard)
   * and the provider announces it by callback, the paid status and the one it shows once refunded
   * in full. A callback about a paid payment is then read again.
   */
  readonly refundedOutside?: { readonly paidStatus: string; readonly refundedStatus: string };
  /** Whether prepare() creates something at the provider (a provider payment row) before the shopper pays. */
  readonly preparesUpFront: boolean;
  /** Right after the store order is saved: create what the provider needs up front. Idempotent. */
  prepare(order: OrderWithItems): Promise<void>;
  /** The provider's payment page URL for this order, returning to the given mode's return URLs. */
  start(order: OrderWithItems, mode: PaymentMode): Promise<{ url: string; payment: ProviderPaymentRow }>;
  /** Reads the provider's own API and judges `payment` against what the store stored. */
  verify(order: OrderRow, payment: ProviderPaymentRow): Promise<PaymentVerdict>;
}
