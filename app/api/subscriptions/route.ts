import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { listSubscriptions } from "@/lib/subscriptions/manage-subscription";
import { emailFromSubscriberToken } from "@/lib/subscriptions/subscriber-link";

export const dynamic = "force-dynamic";

/** GET /api/subscriptions with header X-Subscriber-Token: the subscriber's subscriptions (polled). */
export const GET = jsonRoute(async (request: Request) => {
  const email = await emailFromSubscriberToken(request.headers.get("x-subscriber-token"));
  if (!email) throw new ApiError(401, "invalid_link", "This subscription link is invalid or has expired");
  return Response.json({ subscriptions: await listSubscriptions(email) }, { headers: { "cache-control": "no-store" } });
});
