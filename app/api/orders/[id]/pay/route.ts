import { config } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { isBrowserNavigation, jsonRoute } from "@/lib/http/route-handler";
import { startPayment } from "@/lib/orders/start-payment";
import { landingPath } from "@/lib/payments/return-urls";
import { isPaymentMode } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

/**
 * GET /api/orders/{id}/pay?mode=redirect|popup|iframe: the one start URL of every mode. Answers
 * 302 to the provider's payment page, or 303 back to the store with a clear message.
 */
export const GET = jsonRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const mode = new URL(request.url).searchParams.get("mode") ?? "redirect";
  if (!isPaymentMode(mode)) throw new ApiError(400, "invalid_mode", "mode must be redirect, popup or iframe");
  const result = await startPayment(id, mode);
  const back = (extra?: Record<string, string>) => Response.redirect(`${config().appOrigin}${landingPath(id, mode, extra)}`, 303);
  switch (result.kind) {
    case "not_found":
      // A browser following a stale pay link (a bookmark, a tab from before a demo reset) is shown
      // the store's page for an unknown order, not a JSON error.
      if (isBrowserNavigation(request)) return back();
      throw new ApiError(404, "order_not_found", "No order with this id");
    case "settled":
      return back();
    case "error":
      return back({ payError: result.code });
    case "redirect":
      return new Response(null, { status: 302, headers: { location: result.url, "cache-control": "no-store" } });
  }
});
