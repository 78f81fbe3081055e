import { createHash, timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { isSandboxEnabled, sandboxNotFound, sandboxSettings } from "@/lib/sandbox/shared/config";
import { applyFault, takeFault, type TakenFault } from "@/lib/sandbox/shared/faults";
import { errorResponse, jsonResponse, StepPayApiError, validationError } from "./api-errors";
import { createPayLink } from "./checkout";
import { createCustomer, getCustomer } from "./customers";
import { cancelOrder, createOrder, getOrder, getReceipt } from "./orders";
import { createPrice, createProduct, getProduct, listPrices } from "./products";
import {
  customerCreateBody,
  orderCancelBody,
  orderCreateBody,
  priceCreateBody,
  productCreateBody,
  subscriptionCancelBody,
  subscriptionPauseBody,
} from "./request-bodies";
import { cancelSubscription, getSubscription, pauseSubscription, renewSubscription, resumeSubscription } from "./subscriptions";

/**
 * The StepPay API emulator: `${SANDBOX_ORIGIN}/sandbox/steppay` + StepPay's own paths.
 * Framework-free: a web Request in, a Response out (the Next route handler only delegates).
 */
const MOUNT = "/sandbox/steppay";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type Handler = (params: string[], request: Request, url: URL) => Promise<Response>;
type Route = { method: Method; pattern: RegExp; handle: Handler };

async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await request.text();
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new StepPayApiError(400, "INVALID_REQUEST", "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
}

const SEGMENT = "([^/]+)";

const ROUTES: Route[] = [
  { method: "POST", pattern: /^\/api\/v1\/customers$/, handle: async (_, req) => jsonResponse(await createCustomer(await readBody(req, customerCreateBody)), 201) },
  { method: "GET", pattern: new RegExp(`^/api/v1/customers/${SEGMENT}$`), handle: async ([id]) => jsonResponse(await getCustomer(id!)) },

  { method: "POST", pattern: /^\/api\/v1\/products$/, handle: async (_, req) => jsonResponse(await createProduct(await readBody(req, productCreateBody)), 201) },
  { method: "GET", pattern: new RegExp(`^/api/v1/products/${SEGMENT}$`), handle: async ([id]) => jsonResponse(await getProduct(id!)) },
  {
    method: "POST",
    pattern: new RegExp(`^/api/v1/products/${SEGMENT}/prices$`),
    handle: async ([id], req) => jsonResponse(await createPrice(id!, await readBody(req, priceCreateBody)), 201),
  },
  { method: "GET", pattern: new RegExp(`^/api/v1/products/${SEGMENT}/prices$`), handle: async ([id]) => jsonResponse(await listPrices(id!)) },

  { method: "POST", pattern: /^\/api\/v1\/orders$/, handle: async (_, req) => jsonResponse(await createOrder(await readBody(req, orderCreateBody)), 201) },
  { method: "GET", pattern: new RegExp(`^/api/v1/orders/${SEGMENT}$`), handle: async ([id]) => jsonResponse(await getOrder(id!)) },
  {
    method: "GET",
    pattern: new RegExp(`^/api/v1/orders/${SEGMENT}/pay$`),
    handle: async ([id], _, url) => redirect(await createPayLink(id!, url.searchParams, { codeOnly: false })),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^/api/v1/orders/${SEGMENT}/cancel$`),
    handle: async ([id], req) => jsonResponse(await cancelOrder(id!, await readBody(req, orderCancelBody))),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/api/public/orders/${SEGMENT}/pay$`),
    handle: async ([code], _, url) => redirect(await createPayLink(code!, url.searchParams, { codeOnly: true })),
  },
  { method: "GET", pattern: new RegExp(`^/api/payment/receipt/${SEGMENT}$`), handle: async ([idKey]) => jsonResponse(await getReceipt(idKey!)) },

  { method: "GET", pattern: new RegExp(`^/api/v1/subscriptions/${SEGMENT}$`), handle: async ([id]) => jsonResponse(await getSubscription(id!)) },
  {
    method: "POST",
    pattern: new RegExp(`^/api/v1/subscriptions/${SEGMENT}/cancel$`),
    handle: async ([id], req) => jsonResponse(await cancelSubscription(id!, await readBody(req, subscriptionCancelBody))),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/api/v1/subscriptions/${SEGMENT}/pause$`),
    handle: async ([id], req) => jsonResponse(await pauseSubscription(id!, await readBody(req, subscriptionPauseBody))),
  },
  // StepPay documents 201 for resuming (and 200 for the other subscription actions).
  { method: "POST", pattern: new RegExp(`^/api/v1/subscriptions/${SEGMENT}/active$`), handle: async ([id]) => jsonResponse(await resumeSubscription(id!), 201) },
  { method: "POST", pattern: new RegExp(`^/api/v1/subscriptions/${SEGMENT}/renew$`), handle: async ([id]) => jsonResponse(await renewSubscription(id!)) },
];

/** `/api/v1/**` and the receipt lookup need the Secret-Token; the public pay link does not. */
function needsSecretToken(path: string): boolean {
  return path.startsWith("/api/v1/") || path.startsWith("/api/payment/receipt/");
}

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function checkSecretToken(request: Request): StepPayApiError | null {
  const token = request.headers.get("secret-token");
  if (token === null || token.trim() === "") {
    return new StepPayApiError(401, "UNAUTHORIZED", "The Secret-Token header is missing");
  }
  if (!sameSecret(token.trim(), sandboxSettings().steppay.secretToken)) {
    return new StepPayApiError(401, "INVALID_SECRET_TOKEN", "The Secret-Token is not valid");
  }
  return null;
}

function decodeSegments(match: RegExpExecArray): string[] | null {
  try {
    return match.slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

const STEPPAY_FAULT_ANSWERS = {
  serverError: (status: 500 | 504, message: string) => errorResponse(new StepPayApiError(status, status === 504 ? "GATEWAY_TIMEOUT" : "INTERNAL_SERVER_ERROR", message)),
  malformedBody: '{"orderId":',
};

/** Every request under `${SANDBOX_ORIGIN}/sandbox/steppay/api/**`. */
export async function handleStepPayApi(request: Request): Promise<Response> {
  if (!isSandboxEnabled("steppay")) return sandboxNotFound();
  const url = new URL(request.url);
  const path = url.pathname.startsWith(`${MOUNT}/`) ? url.pathname.slice(MOUNT.length).replace(/\/+$/, "") : null;
  if (path === null || !path.startsWith("/api/")) {
    return errorResponse(new StepPayApiError(404, "NOT_FOUND", `No such endpoint: ${request.method} ${url.pathname}`));
  }

  // The fault switch (control panel, reliability tests) acts like a failing gateway: before auth and routing.
  let fault: TakenFault;
  try {
    fault = await takeFault("steppay", url.pathname);
  } catch (error) {
    console.error("[sandbox/steppay] fault switch unreadable", error);
    return errorResponse(new StepPayApiError(500, "INTERNAL_SERVER_ERROR", "The StepPay sandbox failed to handle this request"));
  }
  return applyFault(fault, request, STEPPAY_FAULT_ANSWERS, () => routeStepPayApi(request, url, path));
}

async function routeStepPayApi(request: Request, url: URL, path: string): Promise<Response> {
  // Authenticate before routing, as an API gateway does: without the token even a wrong path is 401.
  if (needsSecretToken(path)) {
    const refused = checkSecretToken(request);
    if (refused) return errorResponse(refused);
  }

  const matching = ROUTES.flatMap((route) => {
    const match = route.pattern.exec(path);
    return match ? [{ route, match }] : [];
  });
  if (!matching.length) return errorResponse(new StepPayApiError(404, "NOT_FOUND", `No such endpoint: ${request.method} ${path}`));
  const chosen = matching.find(({ route }) => route.method === request.method);
  if (!chosen) {
    const allow = [...new Set(matching.map(({ route }) => route.method))].join(", ");
    return errorResponse(new StepPayApiError(405, "METHOD_NOT_ALLOWED", `${request.method} is not supported on ${path} (allowed: ${allow})`), { allow });
  }
  const params = decodeSegments(chosen.match);
  if (!params) return errorResponse(new StepPayApiError(400, "INVALID_REQUEST", "The path is not correctly URL-encoded"));

  try {
    return await chosen.route.handle(params, request, url);
  } catch (error) {
    if (error instanceof StepPayApiError) return errorResponse(error);
    console.error(`[sandbox/steppay] ${request.method} ${path} failed`, error);
    return errorResponse(new StepPayApiError(500, "INTERNAL_SERVER_ERROR", "The StepPay sandbox failed to handle this request"));
  }
}
