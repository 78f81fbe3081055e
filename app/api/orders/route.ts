import { ApiError, readJsonBody, validationError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { checkoutInputSchema } from "@/lib/orders/checkout-input";
import { createOrder } from "@/lib/orders/create-order";
import { availableProviders } from "@/lib/payments/gateways";

export const dynamic = "force-dynamic";

/** POST /api/orders: product ids, quantities and the buyer in; the server prices everything. */
export const POST = jsonRoute(async (request: Request) => {
  assertSameOrigin(request);
  const parsed = checkoutInputSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error);
  if (!availableProviders().includes(parsed.data.provider)) throw new ApiError(400, "provider_unavailable", `This store does not offer ${parsed.data.provider}`);
  const { order, prepared } = await createOrder(parsed.data);
  if (!order) throw new ApiError(500, "internal_error", "The order could not be saved");
  return Response.json(
    { id: order.id, status: order.status, totalAmount: order.totalAmount, currency: order.currency, providerReady: prepared, url: `/orders/${order.id}` },
    { status: 201, headers: { location: `/orders/${order.id}` } },
  );
});
