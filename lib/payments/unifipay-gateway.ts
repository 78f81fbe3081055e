import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { providerPayments } from "@/lib/db/schema";
import { config } from "@/lib/env";
import { formatUsdAmount } from "@/lib/providers/unifipay/usd-amount";
import { verifyUnifiPayment } from "@/lib/providers/unifipay/verify-payment";
import type { PaymentGateway } from "./gateway";
import { unifiPayClient } from "./provider-clients";
import { unifiPayCallbackUrl, unifiPayReturnUrl } from "./return-urls";

/**
 * Unifi Pay: one transaction per attempt to pay (its returnUrl carries the mode). The attempt row
 * and its requestId are stored before the call, so the requestId is our idempotency key towards
 * Unifi (README Assumptions), never a random value per HTTP call.
 */
export const unifiPayGateway: PaymentGateway = {
  provider: "unifipay",
  sharesProviderObjectAcrossAttempts: false,
  preparesUpFront: false,
  finalStatuses: ["CONFIRMED", "FAILED", "REFUNDED"],
  // Unifi's overview: callbacks carry completed / failed / refunded states. The value REFUNDED is
  // not published (README Assumptions): the one status to confirm with LINE NEXT besides orderAmount.
  refundedOutside: { paidStatus: "CONFIRMED", refundedStatus: "REFUNDED" },

  async prepare() {
    // Nothing up front: the transaction is created when the shopper opens the payment page.
  },

  async start(order, mode) {
    const db = await getDb();
    const id = randomUUID();
    await db.insert(providerPayments).values({ id, orderId: order.id, provider: "unifipay", requestId: id, mode });
    const created = await unifiPayClient().createPayment({
      orderId: order.id,
      storeId: config().unifipay.storeId,
      requestId: id,
      returnUrl: unifiPayReturnUrl(mode),
      callbackUrl: unifiPayCallbackUrl(),
      countryCode: order.countryCode ?? "KOR",
      orderCurrencyCode: "USD",
      // Not in Unifi's published API: the one field to confirm with LINE NEXT (README Assumptions).
      orderAmount: formatUsdAmount(order.totalAmount),
    });
    const [payment] = await db
      .update(providerPayments)
      .set({ ref: created.transactionId, details: { startPageUrl: created.startPageUrl }, lastProviderStatus: "CREATED" })
      .where(eq(providerPayments.id, id))
      .returning();
    return { url: created.startPageUrl, payment: payment! };
  },

  async verify(order, payment) {
    const status = await unifiPayClient().getPayment(payment.ref!);
    return verifyUnifiPayment(status, {
      transactionId: payment.ref!,
      orderId: order.id,
      storeId: config().unifipay.storeId,
      amountCents: order.totalAmount,
      currency: "USD",
    });
  },
};
