import { config } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { findPaymentAndOrderByRef, latestPaymentOf, loadOrder } from "@/lib/orders/load-order";
import { syncOrderFromProvider } from "@/lib/orders/sync-order";
import { landingPath } from "@/lib/payments/return-urls";
import { isPaymentMode } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

const OUTCOMES = ["success", "error", "cancel"] as const;
type Outcome = (typeof OUTCOMES)[number];
const ORDER_CODE = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * StepPay's successUrl / errorUrl / cancelUrl: /api/payments/steppay/{mode}/{outcome}.
 * StepPay appends ?order_id=&order_code=&status= (documented for success and error). Only
 * order_code is used, and only to find which of our orders this is; the cancel URL also carries
 * the store's own order id (`store_order`), for when StepPay appends nothing there. Whether it is
 * paid is asked of StepPay (syncOrderFromProvider); `status` and `order_id` are never believed.
 */
export const GET = jsonRoute(async (request: Request, { params }: { params: Promise<{ mode: string; outcome: string }> }) => {
  const { mode, outcome } = await params;
  if (!isPaymentMode(mode) || !(OUTCOMES as readonly string[]).includes(outcome)) {
    throw new ApiError(404, "not_found", "Unknown return URL");
  }
  const query = new URL(request.url).searchParams;
  const orderCode = query.get("order_code") ?? "";
  const found = ORDER_CODE.test(orderCode)
    ? await findPaymentAndOrderByRef("steppay", orderCode)
    : outcome === "cancel"
      ? await stepPayPaymentOfOrder(query.get("store_order") ?? "")
      : null;
  if (!found) {
    return Response.redirect(`${config().appOrigin}/?notice=unknown_payment`, 303);
  }
  const result = await syncOrderFromProvider(found.order.id, { source: "return", hint: outcome as Outcome, paymentRef: found.payment.ref!, ...found });
  const extra: Record<string, string> = result.error ? { syncError: "1" } : {};
  return Response.redirect(`${config().appOrigin}${landingPath(found.order.id, mode, extra)}`, 303);
});

/** The StepPay order of one of our orders, named by the store's own id (the cancel URL). */
async function stepPayPaymentOfOrder(orderId: string) {
  const order = await loadOrder(orderId); // null for anything but an order id
  if (order?.provider !== "steppay") return null;
  const payment = await latestPaymentOf(order.id);
  return payment ? { order, payment } : null;
}
