import { z } from "zod";
import { ApiError, readTextCapped } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { findPaymentAndOrderByRef } from "@/lib/orders/load-order";
import { syncOrderFromProvider } from "@/lib/orders/sync-order";

export const dynamic = "force-dynamic";

// The callback body is not published; the project's decision is {transactionId, orderId, status, type}.
// A transactionId has the same shape as on the return URL; anything else (a NUL byte the database
// refuses, say) is malformed, never a database error.
const callbackSchema = z.looseObject({ transactionId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/) });

/**
 * POST /api/payments/unifipay/callback: a trigger, never a source of truth. Only its
 * transactionId is read; the status API decides. Answers 200 to anything authentic-looking or
 * unknown (so the sender stops retrying) and 503 only when the provider could not be asked, so
 * that the sender tries again later.
 */
export const POST = jsonRoute(async (request: Request) => {
  let body: unknown = null;
  try {
    body = JSON.parse(await readTextCapped(request, 16 * 1024));
  } catch (error) {
    if (error instanceof ApiError) throw error; // 413: body too large
    return Response.json({ ok: true, ignored: "malformed" });
  }
  const parsed = callbackSchema.safeParse(body);
  if (!parsed.success) return Response.json({ ok: true, ignored: "malformed" });
  const found = await findPaymentAndOrderByRef("unifipay", parsed.data.transactionId);
  if (!found) return Response.json({ ok: true, ignored: "unknown_transaction" });
  const result = await syncOrderFromProvider(found.order.id, { source: "callback", paymentRef: parsed.data.transactionId, ...found });
  if (result.error) return Response.json({ ok: false, error: { code: "provider_unavailable", message: "Could not verify yet" } }, { status: 503 });
  return Response.json({ ok: true, status: result.status });
});
