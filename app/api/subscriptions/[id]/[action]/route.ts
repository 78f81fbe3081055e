import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
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
  const result = await manageSubscription(orderId, Number(id), action as SubscriptionAction);
  if (!result) throw new ApiError(404, "subscription_not_found", "No such subscription");
  switch (result.kind) {
    case "done":
      return Response.json(result.view);
    case "refused":
      throw new ApiError(409, "provider_refused", result.message);
    case "unknown":
      throw new ApiError(
        502,
        "provider_unavailable",
        result.view
          ? "StepPay did not answer, so the change may or may not have been made; the status shown is StepPay's own, read just now"
          : "StepPay could not be reached; the change may or may not have been made",
      );
  }
});
