import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { localeOfRequest } from "@/lib/i18n/locale";
import { loadOrderForPolling, toOrderView } from "@/lib/orders/load-order";

export const dynamic = "force-dynamic";

/** GET /api/orders/{id}: the order's stored status (the order page polls this; it never calls the provider, and most polls are answered from the order view cache). */
export const GET = jsonRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  let source = "off";
  const order = await loadOrderForPolling(id, (s) => (source = s));
  if (!order) throw new ApiError(404, "order_not_found", "No order with this id");
  // In the shopper's language, as the page that polls was rendered (names, formatted amounts).
  // X-Order-Cache says where the answer came from (hit, miss, or off: read with the cache off).
  return Response.json(toOrderView(order, localeOfRequest(request.headers)), { headers: { "cache-control": "no-store", "x-order-cache": source } });
});
