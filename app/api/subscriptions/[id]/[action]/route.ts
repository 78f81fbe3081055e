import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { manageSubscription, SUBSCRIPTION_ACTIONS, type SubscriptionAction } from "@/lib/subscriptions/manage-subscription";
import { orderFromSubscriptionsToken } from "@/lib/subscriptions/subscriber-link";

export const dynamic = "force-dynamic";

/** POST /api/subscriptions/{id}/{cancel-now|cancel-end-of-period|pause|resume}, header X-Subscriber-Token. */
export const POST = jsonRoute(async (request: Request, { params }: { params: Promise<{ id: string; action: string }> }) => {
  assertSameOrigin(request);
  const { id, action } = await params;
  if (!(SUBSCRIPTION_ACTIONS as readonly string[]).includes(action)) throw new ApiError(404, "not_found", "Unknown subscription action");
  if (!/^\d{1,9}$/.test(id)) throw new ApiError(404, "subscription_not_found", "No such subscription");
  const orderId = await orderFromSubscriptionsToken(request.headers.get("x-subscriber-token"));
  if (!orderId) throw new ApiError(401, "invalid_link", "This subscription link is invalid or has expired");
  try {
    const view = await manageSubscription(orderId, Number(id), action as SubscriptionAction);
    if (!view) throw new ApiError(404, "subscription_not_found", "No such subscription");
    return Response.json(view);
  } catch (error) {
    if (error instanceof StepPayError && error.kind === "http" && error.status !== null && error.status < 500) {
      throw new ApiError(409, "provider_refused", error.message);
    }
    if (error instanceof StepPayError) throw new ApiError(502, "provider_unavailable", "StepPay could not be reached; nothing changed");
    throw error;
  }
});
