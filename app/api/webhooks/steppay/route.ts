import { jsonRoute } from "@/lib/http/route-handler";
import { receiveStepPayWebhook } from "@/lib/webhooks/steppay-webhook";

export const dynamic = "force-dynamic";

/** POST /api/webhooks/steppay: raw body (hashed as it streams) → verify → re-read → sync → 2xx. */
export const POST = jsonRoute(async (request: Request) => {
  const answer = await receiveStepPayWebhook(request);
  return Response.json(answer.body, { status: answer.status });
});
