import { config } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { findPaymentAndOrderByRef } from "@/lib/orders/load-order";
import { syncOrderFromProvider } from "@/lib/orders/sync-order";
import { landingPath } from "@/lib/payments/return-urls";
import { isPaymentMode } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

const OUTCOMES = ["success", "error", "cancel"] as const;
type Outcome = (typeof OUTCOMES)[number];
const ORDER_CODE = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * StepPay's successUrl / errorUrl / cancelUrl: /api/payments/steppay/{mode}/{outcome}.
 * StepPay appends ?order_id=&order_code=&status=. Only order_code is used, and only to find which
 * of our orders this is; whether it is paid is asked of StepPay (syncOrderFromProvider). The
 * `status` and `order_id` in the query are never believed.
 */
export const GET = jsonRoute(async (request: Request, { params }: { params: Promise<{ mode: string; outcome: string }> }) => {
  const { mode, outcome } = await params;
  if (!isPaymentMode(mode) || !(OUTCOMES as readonly string[]).includes(outcome)) {
    throw new ApiError(404, "not_found", "Unknown return URL");
  }
  const orderCode = new URL(request.url).searchParams.get("order_code") ?? "";
  const found = ORDER_CODE.test(orderCode) ? await findPaymentAndOrderByRef("steppay", orderCode) : null;
  if (!found) {
    return Response.redirect(`${config().appOrigin}/?notice=unknown_payment`, 303);
  }
  const result = await syncOrderFromProvider(found.order.id, { source: "return", hint: outcome as Outcome, paymentRef: orderCode, ...found });
  const extra: Record<string, string> = result.error ? { syncError: "1" } : {};
  return Response.redirect(`${config().appOrigin}${landingPath(found.order.id, mode, extra)}`, 303);
});
