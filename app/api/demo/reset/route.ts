import { isDemoResetEnabled, resetDemoData } from "@/lib/demo/reset-demo-data";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

/**
 * POST /api/demo/reset: clears the store's orders, subscriptions, webhook log and StepPay codes.
 * Called by the sandbox's "Reset demo data"; absent (404) unless both providers use the sandbox,
 * and refused to cross-site browser posts.
 */
export const POST = jsonRoute(async (request: Request) => {
  if (!isDemoResetEnabled()) throw new ApiError(404, "not_found", "Not found");
  assertSameOrigin(request);
  const cleared = await resetDemoData();
  return Response.json({ ok: true, cleared }, { headers: { "cache-control": "no-store" } });
});
