import { writeCart } from "@/lib/cart";
import { ApiError, readJsonBody, validationError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { checkoutInputSchema } from "@/lib/orders/checkout-input";
import { createOrder } from "@/lib/orders/create-order";
import { availableProviders } from "@/lib/payments/gateways";

export const dynamic = "force-dynamic";

// The checkout form sends one per order it places (128 random bits in hex); API clients may too.
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * POST /api/orders: product ids, quantities and the buyer in; the server prices everything.
 * With an `Idempotency-Key` header, the same request sent again answers with the order the first
 * one made (`Idempotent-Replayed: true`), never a second order. The cart cookie is cleared by the
 * answer itself: once the order exists, the shopper's cart is spent.
 */
export const POST = jsonRoute(async (request: Request) => {
  assertSameOrigin(request);
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) throw new ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 16-100 letters, digits, '-' or '_'");
  const parsed = checkoutInputSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error);
  if (!availableProviders().includes(parsed.data.provider)) throw new ApiError(400, "provider_unavailable", `This store does not offer ${parsed.data.provider}`);
  const created = await createOrder(parsed.data, { checkoutKey: key });
  if ("error" in created) throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was used for another order");
  const { order, prepared, replayed } = created;
  await writeCart([]);
  return Response.json(
    { id: order.id, status: order.status, totalAmount: order.totalAmount, currency: order.currency, providerReady: prepared, url: `/orders/${order.id}` },
    { status: 201, headers: { location: `/orders/${order.id}`, ...(replayed ? { "idempotent-replayed": "true" } : {}) } },
  );
});
