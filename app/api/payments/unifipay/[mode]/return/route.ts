import { config } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { findPaymentAndOrderByRef } from "@/lib/orders/load-order";
import { syncOrderFromProvider } from "@/lib/orders/sync-order";
import { landingPath } from "@/lib/payments/return-urls";
import { isPaymentMode } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

const TRANSACTION_ID = /^[A-Za-z0-9-]{1,100}$/;

/**
 * Unifi Pay's returnUrl: /api/payments/unifipay/{mode}/return?transactionId=…
 * The transactionId only says which of our payments this is; the status API says whether it is paid.
 */
export const GET = jsonRoute(async (request: Request, { params }: { params: Promise<{ mode: string }> }) => {
  const { mode } = await params;
  if (!isPaymentMode(mode)) throw new ApiError(404, "not_found", "Unknown return URL");
  const transactionId = new URL(request.url).searchParams.get("transactionId") ?? "";
  const found = TRANSACTION_ID.test(transactionId) ? await findPaymentAndOrderByRef("unifipay", transactionId) : null;
  if (!found) return Response.redirect(`${config().appOrigin}/?notice=unknown_payment`, 303);
  // Unifi's return carries no outcome. Coming back while the payment is neither confirmed nor
  // failed means the shopper left without paying: shown as canceled, and a later confirmation
  // (callback, reconciler) still wins (README Assumptions). A decline is failed, whichever of the
  // return and the callback arrives first.
  const result = await syncOrderFromProvider(found.order.id, { source: "return", hint: "returned", paymentRef: transactionId, ...found });
  const extra: Record<string, string> = result.error ? { syncError: "1" } : {};
  return Response.redirect(`${config().appOrigin}${landingPath(found.order.id, mode, extra)}`, 303);
});
