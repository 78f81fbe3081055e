import { z } from "zod";
import { UnifiPayError } from "./errors";
import {
  createPaymentResponseSchema,
  paymentStatusSchema,
  type UnifiCreatePaymentResponse,
  type UnifiPaymentStatus,
} from "./schemas";
import { signUnifiRequest, unifiSignaturePrefix } from "./sign-request";

/**
 * A framework-free Unifi Pay (LINE NEXT) client: only `fetch`, zod and node:crypto. Copy this
 * folder into any Node 18+ project. Server-side only: it holds the appSecret.
 *
 *   const unifi = createUnifiPayClient({ apiBase, appId, apiKey, appSecret });
 *   const { startPageUrl, transactionId } = await unifi.createPayment({ ... });
 *   const payment = await unifi.getPayment(transactionId);
 *   const verdict = verifyUnifiPayment(payment, expected);
 */
export type UnifiPayExchange = {
  provider: "unifipay";
  method: string;
  /** Path relative to apiBase. Never the secret, never the signature. */
  path: string;
  status: number | null;
  durationMs: number;
  requestBody: unknown;
  responseBody: unknown;
  /** The X-Timestamp sent (not secret; helps explain a stale_timestamp rejection). */
  timestamp: string;
  /**
   * The string that was signed, with the API key shown as "{X-API-Key}" (the HMAC key, appSecret,
   * is never part of it): lets an inspector show exactly what the signature covers.
   */
  stringToSign: string;
  error?: string;
};

export type UnifiPayClientConfig = {
  /** Unifi Pay's API base (not published: keep it in configuration), or the sandbox's `${SANDBOX_ORIGIN}/sandbox/unifipay`. */
  apiBase: string;
  /** Sent as X-AppId. */
  appId: string;
  /** Sent as X-API-Key and part of the signed string. Kept apart from appId: the docs do not say whether they differ (README Assumptions). */
  apiKey: string;
  /** HMAC key; never sent, never logged. */
  appSecret: string;
  /** Per-call timeout; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Clock for X-Timestamp (epoch ms); injectable for tests. */
  now?: () => number;
  /** Called after every call (success or failure): for logging or an integration inspector. */
  onExchange?: (exchange: UnifiPayExchange) => void;
};

export type UnifiCreatePaymentInput = {
  /** The store's id for the order (Unifi: "PG 측 거래에 대한 ID"). */
  orderId: string;
  /** The merchant id Unifi Pay issued. */
  storeId: string;
  /** Unique per payment attempt; the sandbox treats it as an idempotency key (README Assumptions). */
  requestId: string;
  /** Unifi sends the shopper back to `returnUrl?transactionId=<id>`. */
  returnUrl: string;
  callbackUrl: string;
  /** ISO 3166 alpha-3, e.g. "KOR", "USA". */
  countryCode: string;
  /** Fixed to "USD" by the published API. */
  orderCurrencyCode: "USD";
  /**
   * The order total as a decimal string ("12.50"; see formatUsdAmount).
   * NOT in Unifi Pay's published create API: this project's decision, named after the status
   * API's field. The one field to confirm with LINE NEXT (README Assumptions).
   */
  orderAmount: string;
};

type RequestOptions = { method: "GET" | "POST"; path: string; body?: Record<string, unknown> };

export function createUnifiPayClient(config: UnifiPayClientConfig) {
  const apiBase = config.apiBase.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? Date.now;

  async function call<T>(options: RequestOptions, schema: z.ZodType<T>): Promise<T> {
    // Built once: these exact characters are signed and sent (README Assumptions: "" for a GET).
    const bodyText = options.body === undefined ? "" : JSON.stringify(options.body);
    const timestamp = String(Math.trunc(now()));
    const headers: Record<string, string> = {
      accept: "application/json",
      // Answers are a few KB of JSON: asked for uncompressed, neither side spends a zlib stream on them.
      "accept-encoding": "identity",
      "X-AppId": config.appId,
      "X-API-Key": config.apiKey,
      "X-Timestamp": timestamp,
      // The URI signed is the path relative to apiBase, without query (README Assumptions).
      "X-Authorization-Hmac": signUnifiRequest({
        appSecret: config.appSecret,
        method: options.method,
        uri: options.path,
        apiKey: config.apiKey,
        timestamp,
        body: bodyText,
      }),
    };
    if (options.method !== "GET") headers["content-type"] = "application/json";

    const started = performance.now();
    const record = (status: number | null, responseBody: unknown, error?: string) =>
      config.onExchange?.({
        provider: "unifipay",
        method: options.method,
        path: options.path,
        status,
        durationMs: Math.round(performance.now() - started),
        requestBody: options.body ?? null,
        responseBody,
        timestamp,
        stringToSign: `${unifiSignaturePrefix({ method: options.method, uri: options.path, apiKey: "{X-API-Key}", timestamp })}${bodyText}`,
        ...(error ? { error } : {}),
      });

    let response: Response;
    let text: string;
    // One timer per call, cleared as soon as the body is read (cheaper than AbortSignal.timeout,
    // which also makes the signal transferable and keeps it alive until the timer fires).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), timeoutMs);
    try {
      response = await doFetch(`${apiBase}${options.path}`, {
        method: options.method,
        headers,
        body: options.method === "GET" ? undefined : bodyText,
        redirect: "error",
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      const error = new UnifiPayError({
        kind: timedOut ? "timeout" : "network",
        message: timedOut
          ? `Unifi Pay did not answer ${options.method} ${options.path} within ${timeoutMs} ms`
          : `Could not reach Unifi Pay for ${options.method} ${options.path}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
      record(null, null, error.message);
      throw error;
    } finally {
      clearTimeout(timer);
    }

    if (!response.ok) {
      const error = new UnifiPayError({
        kind: "http",
        status: response.status,
        rawBody: text,
        message: `Unifi Pay ${options.method} ${options.path} failed with ${response.status}${text ? `: ${truncate(text, 300)}` : ""}`,
      });
      record(response.status, parseMaybeJson(text), error.message);
      throw error;
    }
    record(response.status, parseMaybeJson(text));
    return parseBody(options, response.status, text, schema);
  }

  return {
    apiBase,

    /** POST /api/v1/payment → `{ startPageUrl, transactionId }`; send the shopper to startPageUrl. */
    createPayment(input: UnifiCreatePaymentInput): Promise<UnifiCreatePaymentResponse> {
      // A fixed key order, so the same input always produces the same signed body.
      const body = {
        orderId: input.orderId,
        storeId: input.storeId,
        requestId: input.requestId,
        returnUrl: input.returnUrl,
        callbackUrl: input.callbackUrl,
        countryCode: input.countryCode,
        orderCurrencyCode: input.orderCurrencyCode,
        orderAmount: input.orderAmount, // project decision, to confirm with LINE NEXT (README Assumptions)
      };
      return call({ method: "POST", path: "/api/v1/payment", body }, createPaymentResponseSchema);
    },

    /** GET /api/v1/payment/{transactionId}: the only source of truth for the payment's outcome. */
    getPayment(transactionId: string): Promise<UnifiPaymentStatus> {
      return call(
        { method: "GET", path: `/api/v1/payment/${encodeURIComponent(transactionId)}` },
        paymentStatusSchema,
      );
    },
  };
}

export type UnifiPayClient = ReturnType<typeof createUnifiPayClient>;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function parseMaybeJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return truncate(text, 2000);
  }
}

function parseBody<T>(options: RequestOptions, status: number, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new UnifiPayError({ kind: "invalid_response", status, rawBody: text, cause, message: `Unifi Pay ${options.method} ${options.path} answered ${status} with a body that is not JSON` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new UnifiPayError({
      kind: "invalid_response",
      status,
      rawBody: text,
      details: parsed.error.issues,
      message: `Unifi Pay ${options.method} ${options.path} answered ${status} with an unexpected body: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`)
        .join("; ")}`,
    });
  }
  return parsed.data;
}
