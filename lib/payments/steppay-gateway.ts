import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { findProduct } from "@/lib/catalog";
import { getDb } from "@/lib/db/client";
import { providerPayments } from "@/lib/db/schema";
import { STEPPAY_ORDER_CANCELLED, verifyStepPayOrder } from "@/lib/providers/steppay/verify-order";
import type { PaymentGateway, OrderWithItems, ProviderPaymentRow } from "./gateway";
import { stepPayClient } from "./provider-clients";
import { stepPayReturnUrls } from "./return-urls";
import { ensureStepPayCodes } from "./steppay-catalog";

/**
 * StepPay: the StepPay order is created with the store order (its own customer + items), and reused for
 * every attempt to pay it, unless it was cancelled at StepPay before being paid. The payment page comes from the pay link; "paid" comes only from the
 * order lookup (verifyStepPayOrder).
 */
async function stepPayOrderOf(orderId: string): Promise<ProviderPaymentRow | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerPayments)
    .where(and(eq(providerPayments.orderId, orderId), eq(providerPayments.provider, "steppay")));
  return row;
}

async function ensureStepPayOrder(order: OrderWithItems): Promise<ProviderPaymentRow> {
  const existing = await stepPayOrderOf(order.id);
  if (existing && existing.lastProviderStatus !== STEPPAY_ORDER_CANCELLED) return existing;
  const created = await createStepPayOrder(order);
  const db = await getDb();
  const values = { ref: created.orderCode, details: { orderId: created.orderId, idKey: created.idKey ?? null, type: created.type }, lastProviderStatus: "CREATED" };
  if (existing) {
    // Its StepPay order was cancelled before it was paid and can never be paid now: this one
    // replaces it (startPayment read the old one first, so it was not paid in the meantime). Only
    // if nobody replaced it already: two clicks at once keep the first replacement.
    await db
      .update(providerPayments)
      .set(values)
      .where(and(eq(providerPayments.id, existing.id), eq(providerPayments.ref, existing.ref!)));
  } else {
    // A concurrent request may have created one too: the partial unique index keeps the first.
    await db
      .insert(providerPayments)
      .values({ id: randomUUID(), orderId: order.id, provider: "steppay", ...values })
      .onConflictDoNothing();
  }
  return (await stepPayOrderOf(order.id))!;
}

/** A StepPay order for the store order: a customer of its own, then the order. */
async function createStepPayOrder(order: OrderWithItems) {
  const client = stepPayClient();
  // A customer of its own for every store order: checkout verifies no email address, so reusing
  // the customer of an address would file this order (and show whatever StepPay keeps for that
  // customer) under whoever owns it. The username names the order, plus a random part: a retry
  // after a failure between the two calls makes another customer, never a clash with the first.
  const customer = await client.createCustomer({ name: order.customerName, email: order.customerEmail, username: `store-order-${order.id}-${randomUUID().slice(0, 8)}` });
  const items = [];
  for (const line of order.items) {
    const product = findProduct(line.productId);
    if (!product) throw new Error(`Order ${order.id} holds unknown product ${line.productId}`);
    const codes = await ensureStepPayCodes(client, product);
    items.push({ ...codes, currency: "KRW", quantity: line.quantity });
  }
  // By id: the one field CustomerV1DTO always carries.
  return client.createOrder({ customerId: customer.id, items });
}

export const stepPayGateway: PaymentGateway = {
  provider: "steppay",
  sharesProviderObjectAcrossAttempts: true,
  preparesUpFront: true,
  finalStatuses: [], // one order for every attempt: its status always says more later

  async prepare(order) {
    await ensureStepPayOrder(order);
  },

  async start(order, mode) {
    const payment = await ensureStepPayOrder(order);
    const url = await stepPayClient().getPayLink(payment.ref!, { ...stepPayReturnUrls(mode, order.id), lang: order.locale });
    return { url, payment };
  },

  async verify(order, payment) {
    const stepPayOrder = await stepPayClient().getOrder(payment.ref!);
    return verifyStepPayOrder(stepPayOrder, { orderCode: payment.ref!, amount: order.totalAmount, currency: order.currency });
  },
};
