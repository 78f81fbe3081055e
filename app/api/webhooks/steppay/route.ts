import { readBytesCapped } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { handleStepPayWebhook } from "@/lib/webhooks/steppay-webhook";

export const dynamic = "force-dynamic";

const MAX_WEBHOOK_BYTES = 256 * 1024;

/** POST /api/webhooks/steppay: raw body (capped: 413) → verify → re-read → sync → 2xx. */
export const POST = jsonRoute(async (request: Request) => {
  const raw = await readBytesCapped(request, MAX_WEBHOOK_BYTES);
  const answer = await handleStepPayWebhook(raw, request.headers.get("steppay-signature"));
  return Response.json(answer.body, { status: answer.status });
});
