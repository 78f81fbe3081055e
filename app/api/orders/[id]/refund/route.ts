import { z } from "zod";
import { ApiError, readJsonBody, validationError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { isRefundEnabled, refundOrder } from "@/lib/orders/refund-order";

export const dynamic = "force-dynamic";

const refundSchema = z.strictObject({
  amount: z.number({ error: "amount must be a whole number of won" }).int("amount must be a whole number of won").positive("amount must be positive"),
  // No control characters but line breaks and tabs: the reason goes to StepPay and into the order's
  // timeline, and PostgreSQL refuses a NUL byte outright.
  reason: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "reason must not contain control characters")
    .optional(),
});

/**
 * POST /api/orders/{id}/refund {amount, reason?}: a full or partial refund through StepPay. A demo
 * merchant action: it does not exist against real StepPay (404; see isRefundEnabled).
 */
export const POST = jsonRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  if (!isRefundEnabled()) throw new ApiError(404, "not_found", "Not found");
  assertSameOrigin(request);
  const { id } = await params;
  const parsed = refundSchema.safeParse(await readJsonBody(request, 4096));
  if (!parsed.success) throw validationError(parsed.error);
  const result = await refundOrder(id, parsed.data.amount, parsed.data.reason ?? "Refund requested from the store");
  if (result.kind === "error") throw new ApiError(result.status, result.code, result.message);
  return Response.json(result);
});
