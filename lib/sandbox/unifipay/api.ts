import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { answerWithFault } from "@/lib/sandbox/shared/faults";
import { authenticateUnifiRequest } from "./auth";
import { createPaymentRequestSchema } from "./create-request";
import { unifiErrorResponse } from "./error-response";
import { createSandboxTransaction, findSandboxTransaction, paymentStatusBody, startPageUrl } from "./transactions";

/**
 * The emulated Unifi Pay API: POST /api/v1/payment and GET /api/v1/payment/{transactionId},
 * below `${SANDBOX_ORIGIN}/sandbox/unifipay`. Takes a web Request, returns a Response.
 */
export const MAX_BODY_BYTES = 64 * 1024;

type Route = { kind: "create" } | { kind: "status"; transactionId: string };

function matchRoute(method: string, uri: string): Route | "not_found" | "method_not_allowed" {
  if (uri === "/api/v1/payment") return method === "POST" ? { kind: "create" } : "method_not_allowed";
  const match = /^\/api\/v1\/payment\/([^/]+)$/.exec(uri);
  if (!match?.[1]) return "not_found";
  if (method !== "GET") return "method_not_allowed";
  let transactionId: string;
  try {
    transactionId = decodeURIComponent(match[1]);
  } catch {
    return "not_found";
  }
  return { kind: "status", transactionId };
}

const UNIFI_FAULT_ANSWERS = {
  serverError: (status: 500 | 504, message: string) => unifiErrorResponse(status, status === 504 ? "gateway_timeout" : "internal_error", message),
  malformedBody: '{"transactionId":',
};

export async function handleUnifiApi(request: Request, options: { now?: () => number } = {}): Promise<Response> {
  const settings = sandboxSettings().unifipay;
  const basePath = new URL(settings.base).pathname.replace(/\/+$/, "");
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(`${basePath}/`)) return unifiErrorResponse(404, "not_found", "No such endpoint");
  // The signed URI is the path relative to the API base, without the query (README Assumptions).
  const uri = pathname.slice(basePath.length);

  // The fault switch (control panel, reliability tests) acts like a failing gateway: before auth and routing.
  return answerWithFault("unifipay", request, pathname, UNIFI_FAULT_ANSWERS, () => routeUnifiApi(request, uri, settings, options));
}

async function routeUnifiApi(request: Request, uri: string, settings: ReturnType<typeof sandboxSettings>["unifipay"], options: { now?: () => number }): Promise<Response> {
  const route = matchRoute(request.method.toUpperCase(), uri);
  if (route === "not_found") return unifiErrorResponse(404, "not_found", `No such endpoint: ${request.method} ${uri}`);
  if (route === "method_not_allowed") return unifiErrorResponse(405, "method_not_allowed", `${request.method} is not allowed on ${uri}`);

  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) {
    return unifiErrorResponse(413, "payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  // The raw bytes, read before any parsing: the signature covers exactly these.
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) return unifiErrorResponse(413, "payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes`);

  const auth = authenticateUnifiRequest({
    method: request.method.toUpperCase(),
    uri,
    headers: request.headers,
    body,
    credentials: { appId: settings.appId, apiKey: settings.apiKey, appSecret: settings.appSecret },
    nowMs: (options.now ?? Date.now)(),
  });
  if (!auth.ok) return unifiErrorResponse(401, auth.code, auth.message);

  if (route.kind === "status") {
    const transaction = await findSandboxTransaction(route.transactionId);
    if (!transaction || transaction.appId !== auth.appId) {
      return unifiErrorResponse(404, "transaction_not_found", `No transaction ${route.transactionId}`);
    }
    return Response.json(paymentStatusBody(transaction), { headers: { "cache-control": "no-store" } });
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return unifiErrorResponse(400, "invalid_json", "Request body must be UTF-8 JSON");
  }
  const parsed = createPaymentRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    // The schema's own messages name their field; zod's generic ones get the path in front.
    const message = !issue ? "Invalid request" : path && !issue.message.includes(path) ? `${path}: ${issue.message}` : issue.message;
    return unifiErrorResponse(400, "invalid_request", message);
  }
  if (parsed.data.storeId !== settings.storeId) {
    return unifiErrorResponse(400, "unknown_store", `storeId ${parsed.data.storeId} is not a store of this app`);
  }

  const outcome = await createSandboxTransaction(auth.appId, parsed.data);
  if (outcome.kind === "conflict") {
    return unifiErrorResponse(
      409,
      "request_id_conflict",
      `requestId ${parsed.data.requestId} was already used for transaction ${outcome.transaction.transactionId} with a different ${outcome.differingFields.join(", ")}; use a new requestId for a new payment`,
    );
  }
  return Response.json(
    { startPageUrl: startPageUrl(outcome.transaction.transactionId), transactionId: outcome.transaction.transactionId },
    { headers: { "cache-control": "no-store" } },
  );
}
