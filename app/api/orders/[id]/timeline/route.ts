import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { loadOrder, loadOrderEvents } from "@/lib/orders/load-order";

export const dynamic = "force-dynamic";

/**
 * GET /api/orders/{id}/timeline: what happened to the order, in order: each provider call the
 * store made (secrets never recorded), each verification and its checks, each transition.
 */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  if (!(await loadOrder(id))) throw new ApiError(404, "order_not_found", "No order with this id");
  const events = await loadOrderEvents(id);
  return Response.json(
    { events: events.map((event) => ({ id: event.id, type: event.type, summary: event.summary, data: event.data, at: event.createdAt.toISOString() })) },
    { headers: { "cache-control": "no-store" } },
  );
});
