import { listSandboxDeliveries } from "./deliveries";
import { unifiErrorResponse } from "./error-response";
import { getUnifiSandboxSettings, settingsPatchSchema, updateUnifiSandboxSettings } from "./settings";
import { paymentStatusBody, refundSandboxTransaction } from "./transactions";

/**
 * The sandbox's control API for tests and demos (no auth: it exists only while the sandbox is on).
 *   GET  /sandbox/unifipay/control/deliveries?transactionId=  → { deliveries: [...] }
 *   GET  /sandbox/unifipay/control/settings                   → { settings }
 *   POST /sandbox/unifipay/control/settings { duplicateRate?, callbackDelayMs? } → { settings }
 *   POST /sandbox/unifipay/control/transactions/{id}/refund   → { payment } (as the status API shows it)
 */
export async function handleUnifiDeliveriesControl(request: Request): Promise<Response> {
  const transactionId = new URL(request.url).searchParams.get("transactionId")?.trim() || undefined;
  return Response.json({ deliveries: await listSandboxDeliveries(transactionId) }, { headers: { "cache-control": "no-store" } });
}

export async function handleUnifiSettingsControl(request: Request): Promise<Response> {
  if (request.method === "GET") {
    return Response.json({ settings: await getUnifiSandboxSettings() }, { headers: { "cache-control": "no-store" } });
  }
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return unifiErrorResponse(400, "invalid_json", "Request body must be JSON");
  }
  const parsed = settingsPatchSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return unifiErrorResponse(400, "invalid_request", issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid settings");
  }
  return Response.json({ settings: await updateUnifiSandboxSettings(parsed.data) }, { headers: { "cache-control": "no-store" } });
}

/** A refund made in Unifi's dashboard: 404 for an unknown transaction, 409 unless it is CONFIRMED (or already REFUNDED: the same answer again). */
export async function handleUnifiRefundControl(transactionId: string): Promise<Response> {
  const outcome = await refundSandboxTransaction(transactionId);
  if (!outcome) return unifiErrorResponse(404, "transaction_not_found", `No transaction ${transactionId}`);
  const { transaction } = outcome;
  if (transaction.status !== "REFUNDED") return unifiErrorResponse(409, "not_refundable", `Transaction ${transactionId} is ${transaction.status}: only a confirmed payment can be refunded`);
  return Response.json({ payment: paymentStatusBody(transaction) }, { headers: { "cache-control": "no-store" } });
}
