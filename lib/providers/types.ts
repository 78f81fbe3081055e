/**
 * The seam both providers implement. Framework-free and database-free like the clients: the
 * store's adapters (lib/payments/*-gateway.ts) implement PaymentGateway with them; pages and route
 * handlers only ever see these types, so a third provider touches no page or handler.
 */
export const PAYMENT_MODES = ["redirect", "popup", "iframe"] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export function isPaymentMode(value: unknown): value is PaymentMode {
  return typeof value === "string" && (PAYMENT_MODES as readonly string[]).includes(value);
}

/** One comparison the store made before believing (or refusing) a payment. */
export type VerificationCheck = {
  field: string;
  expected: string;
  actual: string | null;
  ok: boolean;
};

/**
 * What the provider's own API says about a payment, judged against what the store stored.
 *  - paid: the provider confirms it AND every check matched;
 *  - mismatch: the provider reports a payment but some check failed (amount, ids): never paid;
 *  - failed: the provider reports the payment failed (with its reason);
 *  - pending: nothing final yet (including "the shopper left without paying").
 */
/** A subscription the provider started with a payment (StepPay's order.subscriptions[]). */
export type ProviderSubscription = {
  id: number;
  status: string;
  priceCode: string | null;
  startDate: string | null;
  lastPaymentDate: string | null;
  nextPaymentDate: string | null;
  interval: string | null;
  intervalCount: number | null;
};

export type PaymentVerdict =
  | {
      state: "paid";
      checks: VerificationCheck[];
      providerStatus: string;
      paidAmount: number;
      paidAt: string | null;
      /** What the provider already reports refunded of it, where its answer tells (StepPay's returnedAmount). */
      refundedAmount?: number;
      subscriptions?: ProviderSubscription[];
    }
  | {
      state: "mismatch";
      checks: VerificationCheck[];
      providerStatus: string;
      /** Subscriptions the provider started although the store does not believe the payment (held for review). */
      subscriptions?: ProviderSubscription[];
    }
  | { state: "failed"; checks: VerificationCheck[]; providerStatus: string; reason: { code: string; message: string } }
  | { state: "pending"; checks: VerificationCheck[]; providerStatus: string };

export function check(field: string, expected: string, actual: string | null | undefined): VerificationCheck {
  const value = actual ?? null;
  return { field, expected, actual: value, ok: value === expected };
}
