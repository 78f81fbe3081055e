import { eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, notFoundError } from "./api-errors";
import { stepPayDb, type Executor } from "./database";
import { orderDto, orderProductName, type OrderBundle } from "./dto";
import { newCode, newIdKey } from "./identifiers";
import { findOrder, loadOrderBundle, receiptUrl } from "./order-bundle";
import type { orderCancelBody, OrderCreateBody } from "./request-bodies";
import { sbxStepPayCancellations, sbxStepPayCustomers, sbxStepPayOrderItems, sbxStepPayOrders, sbxStepPayPrices, sbxStepPayProducts, type CustomerRow, type PriceRow, type ProductRow } from "./schema";
import { parseStepPayTimestamp, toStepPayTimestamp } from "./timestamps";
import { emitOrderWebhooks } from "./webhook-events";

// Kept importable from here: the order endpoints' helpers live in order-bundle.ts.
export { findOrder, itemLineAmount, loadOrderBundle, receiptUrl } from "./order-bundle";

/** The only currency the sandbox (and this storefront's StepPay account) charges in. */
export const SANDBOX_CURRENCY = "KRW";

async function resolveCustomer(db: Executor, body: OrderCreateBody): Promise<CustomerRow> {
  const lookups: { field: string; value: string | number; where: ReturnType<typeof eq> }[] = [];
  if (body.customerId != null) lookups.push({ field: "customerId", value: body.customerId, where: eq(sbxStepPayCustomers.id, body.customerId) });
  if (body.customerCode != null) lookups.push({ field: "customerCode", value: body.customerCode, where: eq(sbxStepPayCustomers.code, body.customerCode) });
  if (body.customerUuid != null) lookups.push({ field: "customerUuid", value: body.customerUuid, where: eq(sbxStepPayCustomers.uuid, body.customerUuid) });
  let found: CustomerRow | undefined;
  for (const lookup of lookups) {
    const [customer] = await db.select().from(sbxStepPayCustomers).where(lookup.where).limit(1);
    if (!customer) {
      throw badRequest("CUSTOMER_NOT_FOUND", `No customer with ${lookup.field} ${lookup.value}`, { [lookup.field]: lookup.value });
    }
    if (found && found.id !== customer.id) {
      throw badRequest("CUSTOMER_MISMATCH", "customerId, customerCode and customerUuid name different customers", {});
    }
    found = customer;
  }
  return found!;
}

/**
 * POST /api/v1/orders. The amount is not in the request: it is each price plan × quantity, and
 * the quantity is `minimumQuantity` (the hosted page does not offer a quantity picker, so
 * `maximumQuantity` is only checked, never used; see README Assumptions).
 */
export async function createOrder(body: OrderCreateBody) {
  const db = await stepPayDb();
  const customer = await resolveCustomer(db, body);

  const lines: { item: OrderCreateBody["items"][number]; product: ProductRow; price: PriceRow }[] = [];
  for (const [index, item] of body.items.entries()) {
    const at = { item: index };
    if (item.currency !== SANDBOX_CURRENCY) {
      throw badRequest("UNSUPPORTED_CURRENCY", `items[${index}].currency must be ${SANDBOX_CURRENCY}, not ${item.currency}`, { ...at, currency: item.currency });
    }
    const [product] = await db.select().from(sbxStepPayProducts).where(eq(sbxStepPayProducts.code, item.productCode)).limit(1);
    if (!product) throw badRequest("PRODUCT_NOT_FOUND", `items[${index}]: no product ${item.productCode}`, { ...at, productCode: item.productCode });
    if (product.status !== "SALE") {
      throw badRequest("PRODUCT_NOT_ON_SALE", `items[${index}]: product ${item.productCode} is ${product.status}, not SALE`, { ...at, productCode: item.productCode });
    }
    const [price] = await db.select().from(sbxStepPayPrices).where(eq(sbxStepPayPrices.code, item.priceCode)).limit(1);
    if (!price) throw badRequest("PRICE_NOT_FOUND", `items[${index}]: no price plan ${item.priceCode}`, { ...at, priceCode: item.priceCode });
    if (price.productId !== product.id) {
      throw badRequest("PRICE_NOT_IN_PRODUCT", `items[${index}]: price plan ${item.priceCode} does not belong to product ${item.productCode}`, {
        ...at,
        productCode: item.productCode,
        priceCode: item.priceCode,
      });
    }
    if (price.maximumPurchaseQuantity > 0 && item.minimumQuantity > price.maximumPurchaseQuantity) {
      throw badRequest("QUANTITY_EXCEEDS_LIMIT", `items[${index}]: at most ${price.maximumPurchaseQuantity} of ${item.priceCode} per order`, { ...at });
    }
    lines.push({ item, product, price });
  }

  let purchaseDeadline: Date | null = null;
  if (body.purchaseDeadline) {
    purchaseDeadline = parseStepPayTimestamp(body.purchaseDeadline);
    if (!purchaseDeadline) throw badRequest("INVALID_REQUEST", "purchaseDeadline must be an ISO-8601 date-time", { field: "purchaseDeadline" });
  }

  const amountDue = lines.reduce((sum, line) => sum + line.price.price * line.item.minimumQuantity, 0);
  const type = lines.some((line) => line.price.recurring) ? "RECURRING_INITIAL" : "ONE_TIME";

  const order = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(sbxStepPayOrders)
      .values({
        code: newCode("order"),
        idKey: newIdKey(),
        type,
        customerId: customer.id,
        currency: SANDBOX_CURRENCY,
        amountDue,
        paymentGateway: body.paymentGateway ?? null,
        purchaseDeadline,
      })
      .returning();
    await tx.insert(sbxStepPayOrderItems).values(
      lines.map((line, position) => ({
        code: newCode("order_item"),
        orderId: created!.id,
        position,
        productId: line.product.id,
        priceId: line.price.id,
        orderedProductName: line.product.name,
        orderedProductType: line.product.type,
        orderedPlanName: line.price.planName,
        unitPrice: line.price.price,
        currency: SANDBOX_CURRENCY,
        minimumQuantity: line.item.minimumQuantity,
        maximumQuantity: line.item.maximumQuantity ?? null,
        selectedProductOptionIds: line.item.productOption ?? [],
      })),
    );
    await emitOrderWebhooks(tx, created!, ["order.created"]);
    return created!;
  });
  return orderDto(await loadOrderBundle(db, order));
}

/** GET /api/v1/orders/{idOrCode}: the order as it is now. */
export async function getOrder(idOrCode: string) {
  const db = await stepPayDb();
  const order = await findOrder(db, idOrCode);
  return orderDto(await loadOrderBundle(db, order));
}

/**
 * PATCH /api/v1/orders/{idOrCode}/cancel. A paid order is refunded by `requestPrice` (partially
 * when less than what is left); its items become CANCELLED once nothing is left. An unpaid order is
 * cancelled and can no longer be paid; `requestPrice` (required by StepPay) is then not used.
 */
export async function cancelOrder(idOrCode: string, body: z.infer<typeof orderCancelBody>) {
  const db = await stepPayDb();
  const { id } = await findOrder(db, idOrCode);
  const reason = body.reason?.trim() ?? "";
  const message = await db.transaction(async (tx) => {
    // Row lock: a refund racing a payment (or another refund) sees the other's result.
    const [order] = await tx.select().from(sbxStepPayOrders).where(eq(sbxStepPayOrders.id, id)).for("update");
    if (!order) throw notFoundError("order", idOrCode);
    const now = new Date();
    if (order.canceledAt) {
      throw badRequest("ORDER_ALREADY_CANCELLED", order.paymentDate ? "This order is already fully refunded" : "This order is already cancelled", {
        orderCode: order.code,
      });
    }

    if (!order.paymentDate) {
      const [cancelled] = await tx.update(sbxStepPayOrders).set({ canceledAt: now, modifiedAt: now }).where(eq(sbxStepPayOrders.id, order.id)).returning();
      await tx.update(sbxStepPayOrderItems).set({ status: "CANCELLED", canceledAt: now, modifiedAt: now }).where(eq(sbxStepPayOrderItems.orderId, order.id));
      await tx.insert(sbxStepPayCancellations).values({ orderId: order.id, amount: 0, reason });
      await emitOrderWebhooks(tx, cancelled!, ["order.updated"]);
      return "The order was cancelled.";
    }

    const refundable = order.paidAmount - order.returnedAmount;
    if (!Number.isInteger(body.requestPrice) || body.requestPrice <= 0) {
      throw badRequest("INVALID_REFUND_AMOUNT", "requestPrice must be a positive whole number of won", { requestPrice: body.requestPrice });
    }
    if (body.requestPrice > refundable) {
      throw badRequest("REFUND_AMOUNT_EXCEEDED", `requestPrice ${body.requestPrice} exceeds the refundable amount ${refundable}`, {
        requestPrice: body.requestPrice,
        refundable,
      });
    }
    const returnedAmount = order.returnedAmount + body.requestPrice;
    const fullyRefunded = returnedAmount === order.paidAmount;
    const [refunded] = await tx
      .update(sbxStepPayOrders)
      .set({ returnedAmount, modifiedAt: now, ...(fullyRefunded ? { canceledAt: now } : {}) })
      .where(eq(sbxStepPayOrders.id, order.id))
      .returning();
    if (fullyRefunded) {
      await tx.update(sbxStepPayOrderItems).set({ status: "CANCELLED", canceledAt: now, modifiedAt: now }).where(eq(sbxStepPayOrderItems.orderId, order.id));
    } else {
      await tx.update(sbxStepPayOrderItems).set({ modifiedAt: now }).where(eq(sbxStepPayOrderItems.orderId, order.id));
    }
    await tx.insert(sbxStepPayCancellations).values({ orderId: order.id, amount: body.requestPrice, reason });
    // A refund, partial or full, cancels (part of) the payment.
    await emitOrderWebhooks(tx, refunded!, ["payment.canceled", "order.updated"]);
    return fullyRefunded ? `Refunded ${body.requestPrice} KRW; the order is fully refunded.` : `Refunded ${body.requestPrice} KRW (partial refund).`;
  });
  const order = await findOrder(db, String(id));
  return { message, body: orderDto(await loadOrderBundle(db, order)) };
}

/**
 * GET /api/payment/receipt/{idKey}. Its schema is not published: the guide reads `paymentDate`
 * and `paymentStatus` (COMPLETE | FAILED, null before any attempt); the rest is the sandbox's.
 */
export async function getReceipt(idKey: string) {
  const db = await stepPayDb();
  const [order] = await db.select().from(sbxStepPayOrders).where(eq(sbxStepPayOrders.idKey, idKey)).limit(1);
  if (!order) throw notFoundError("receipt", idKey);
  const bundle = await loadOrderBundle(db, order);
  const payment = bundle.payment;
  const paymentStatus = order.paymentDate ? "COMPLETE" : payment ? "FAILED" : null;
  return {
    idKey: order.idKey,
    orderId: order.id,
    orderCode: order.code,
    productName: orderProductName(bundle.items),
    customerName: bundle.customer.name,
    paymentStatus,
    paymentDate: toStepPayTimestamp(order.paymentDate),
    amount: payment?.amount ?? order.amountDue,
    paidAmount: order.paidAmount,
    returnedAmount: order.returnedAmount,
    currency: order.currency,
    paymentMethod: payment?.paymentMethod ?? null,
    paymentGateway: payment?.paymentGateway ?? null,
    cardNumber: payment?.cardNumberMasked ?? null,
    errorCode: order.paymentDate ? null : (payment?.errorCode ?? null),
    errorMessage: order.paymentDate ? null : (payment?.errorMessage ?? null),
    receiptUrl: order.paymentDate ? receiptUrl(order.idKey) : null,
  };
}

/** For the human receipt page: the order behind an idKey, or null. */
export async function loadReceiptBundle(idKey: string): Promise<OrderBundle | null> {
  const db = await stepPayDb();
  const [order] = await db.select().from(sbxStepPayOrders).where(eq(sbxStepPayOrders.idKey, idKey)).limit(1);
  return order ? loadOrderBundle(db, order) : null;
}
