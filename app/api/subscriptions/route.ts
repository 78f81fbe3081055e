import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { listSubscriptions } from "@/lib/subscriptions/manage-subscription";
import { orderFromSubscriptionsToken } from "@/lib/subscriptions/subscriber-link";

export const dynamic = "force-dynamic";

/** GET /api/subscriptions with header X-Subscriber-Token: the subscriptions the link's order started (polled). */
export const GET = jsonRoute(async (request: Request) => {
  const orderId = await orderFromSubscriptionsToken(request.headers.get("x-subscriber-token"));
  if (!orderId) throw new ApiError(401, "invalid_link", "This subscription link is invalid or has expired");
  return Response.json({ subscriptions: await listSubscriptions(orderId) }, { headers: { "cache-control": "no-store" } });
});
