import { z } from "zod";
import { StepPayError } from "./errors";
import {
  apiResponseSchema,
  customerSchema,
  errorBodySchema,
  orderSchema,
  priceSchema,
  productSchema,
  receiptSchema,
  subscriptionSchema,
  type StepPayApiResponse,
  type StepPayCustomer,
  type StepPayOrder,
  type StepPayPrice,
  type StepPayProduct,
  type StepPayReceipt,
  type StepPaySubscription,
} from "./schemas";

/**
 * A framework-free StepPay client: only `fetch` and zod. Copy this folder into any Node 18+
 * project. Server-side only: it carries the Secret-Token.
 *
 *   const steppay = createStepPayClient({ apiBase: "https://api.steppay.kr", secretToken });
 *   const order = await steppay.getOrder("order_15XqwcM1f");
 */
export type StepPayExchange = {
  provider: "steppay";
  method: string;
  /** Path and query relative to apiBase; never the token. */
  path: string;
  status: number | null;
  durationMs: number;
  requestBody: unknown;
  responseBody: unknown;
  error?: string;
};

export type StepPayClientConfig = {
  /** "https://api.steppay.kr", or the sandbox's `${SANDBOX_ORIGIN}/sandbox/steppay`. */
  apiBase: string;
  secretToken: string;
  /** Per-call timeout; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Called after every call (success or failure): for logging or an integration inspector. */
  onExchange?: (exchange: StepPayExchange) => void;
};

export type PayLinkParams = {
  successUrl: string;
  errorUrl: string;
  cancelUrl: string;
  lang?: string;
};

export type CreateOrderItem = {
  productCode: string;
  priceCode: string;
  currency: string;
  /** StepPay has no quantity field: min = max = n fixes the quantity (see README Assumptions). */
  quantity: number;
};

/** The order's customer: by id (always in CustomerV1DTO) or by code (optional there). */
export type CustomerRef = { customerId: number } | { customerCode: string };

export type CreatePriceInput = {
  price: number;
  planName: string;
  planDescription?: string;
  unit?: string;
  recurring?: { interval: "DAY" | "WEEK" | "MONTH" | "YEAR"; intervalCount: number };
};

type RequestOptions = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  query?: Record<string, string | undefined>;
  redirect?: RequestRedirect;
};

export function createStepPayClient(config: StepPayClientConfig) {
  const apiBase = config.apiBase.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const doFetch = config.fetch ?? fetch;

  async function send(options: RequestOptions): Promise<{ response: Response; text: string; path: string }> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.set(key, value);
    const path = query.size ? `${options.path}?${query}` : options.path;
    // Answers are a few KB of JSON: asked for uncompressed, neither side spends a zlib stream on them.
    const headers: Record<string, string> = { "Secret-Token": config.secretToken, accept: "application/json", "accept-encoding": "identity" };
    const bodyText = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (bodyText !== undefined) headers["content-type"] = "application/json";
    const started = performance.now();
    const record = (status: number | null, responseBody: unknown, error?: string) =>
      config.onExchange?.({
        provider: "steppay",
        method: options.method,
        path,
        status,
        durationMs: Math.round(performance.now() - started),
        requestBody: options.body ?? null,
        responseBody,
        ...(error ? { error } : {}),
      });
    let response: Response;
    let text: string;
    // One timer per call, cleared as soon as the body is read (cheaper than AbortSignal.timeout,
    // which also makes the signal transferable and keeps it alive until the timer fires).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), timeoutMs);
    try {
      response = await doFetch(`${apiBase}${path}`, {
        method: options.method,
        headers,
        body: bodyText,
        redirect: options.redirect ?? "error",
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      const error = new StepPayError({
        kind: timedOut ? "timeout" : "network",
        message: timedOut
          ? `StepPay did not answer ${options.method} ${options.path} within ${timeoutMs} ms`
          : `Could not reach StepPay for ${options.method} ${options.path}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
      record(null, null, error.message);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    record(response.status, parseMaybeJson(text));
    return { response, text, path };
  }

  async function call<T>(options: RequestOptions, schema: z.ZodType<T>): Promise<T> {
    const { response, text } = await send(options);
    if (!response.ok) throw httpError(options, response.status, text);
    return parseBody(options, response.status, text, schema);
  }

  return {
    apiBase,

    /** POST /api/v1/customers. StepPay requires a username (default: the email). */
    createCustomer(input: { name: string; email: string; username?: string; phone?: string }): Promise<StepPayCustomer> {
      return call(
        { method: "POST", path: "/api/v1/customers", body: { name: input.name, email: input.email, username: input.username ?? input.email, phone: input.phone } },
        customerSchema,
      );
    },

    /** POST /api/v1/products: a product the store sells, to hang price plans on. */
    createProduct(input: { name: string; type?: "SOFTWARE" | "BOX"; description?: string; featuredImageUrl?: string }): Promise<StepPayProduct> {
      return call(
        {
          method: "POST",
          path: "/api/v1/products",
          body: {
            type: input.type ?? "BOX",
            status: "SALE",
            name: input.name,
            description: input.description ?? "",
            featuredImageUrl: input.featuredImageUrl ?? "",
            imageUrls: [],
          },
        },
        productSchema,
      );
    },

    /** POST /api/v1/products/{id}/prices: ONE_TIME, or FLAT with `recurring` for a subscription. */
    createPrice(productId: number, input: CreatePriceInput): Promise<StepPayPrice> {
      return call(
        {
          method: "POST",
          path: `/api/v1/products/${encodeURIComponent(String(productId))}/prices`,
          body: {
            price: input.price,
            unit: input.unit ?? "개",
            type: input.recurring ? "FLAT" : "ONE_TIME",
            plan: { name: input.planName, description: input.planDescription ?? "", isHiddenFromShop: false },
            options: [],
            ...(input.recurring
              ? { recurring: { ...input.recurring, aggregateUsageType: "SUM", usageType: "LICENSED" } }
              : {}),
          },
        },
        priceSchema,
      );
    },

    /**
     * POST /api/v1/orders. There is no amount, idempotency key or return URL in the request: the
     * amount is each price plan × quantity, and the return URLs go on the pay link.
     */
    createOrder(input: CustomerRef & { items: CreateOrderItem[] }): Promise<StepPayOrder> {
      return call(
        {
          method: "POST",
          path: "/api/v1/orders",
          body: {
            ...("customerId" in input ? { customerId: input.customerId } : { customerCode: input.customerCode }),
            items: input.items.map((item) => ({
              productCode: item.productCode,
              priceCode: item.priceCode,
              currency: item.currency,
              minimumQuantity: item.quantity,
              maximumQuantity: item.quantity,
            })),
          },
        },
        orderSchema,
      );
    },

    /** GET /api/v1/orders/{idOrCode}: the only source of truth for "paid" (paymentDate != null). */
    getOrder(idOrCode: string): Promise<StepPayOrder> {
      return call({ method: "GET", path: `/api/v1/orders/${encodeURIComponent(idOrCode)}` }, orderSchema);
    },

    /** GET /api/payment/receipt/{idKey}: the receipt lookup seed 001 shows (paymentDate, paymentStatus). */
    getPaymentReceipt(idKey: string): Promise<StepPayReceipt> {
      return call({ method: "GET", path: `/api/payment/receipt/${encodeURIComponent(idKey)}` }, receiptSchema);
    },

    /**
     * GET /api/v1/orders/{idOrCode}/pay with the token: StepPay answers 302; the payment page's
     * URL is the Location header (seed 000: "read the Location header to control the redirect").
     */
    async getPayLink(idOrCode: string, params: PayLinkParams): Promise<string> {
      const options: RequestOptions = {
        method: "GET",
        path: `/api/v1/orders/${encodeURIComponent(idOrCode)}/pay`,
        query: { successUrl: params.successUrl, errorUrl: params.errorUrl, cancelUrl: params.cancelUrl, lang: params.lang },
        redirect: "manual",
      };
      const { response, text } = await send(options);
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get("location");
        const url = location ? safeAbsoluteUrl(location, apiBase) : null;
        if (!url) {
          throw new StepPayError({ kind: "invalid_response", status: response.status, message: "StepPay's pay link answered a redirect without a usable Location header", rawBody: text });
        }
        return url;
      }
      if (!response.ok) throw httpError(options, response.status, text);
      throw new StepPayError({ kind: "invalid_response", status: response.status, message: `StepPay's pay link answered ${response.status} instead of a redirect`, rawBody: text });
    },

    /** The public pay link a browser may open directly (no token): /api/public/orders/{code}/pay. */
    publicPayUrl(orderCode: string, params: PayLinkParams): string {
      const query = new URLSearchParams({ successUrl: params.successUrl, errorUrl: params.errorUrl, cancelUrl: params.cancelUrl });
      if (params.lang) query.set("lang", params.lang);
      return `${apiBase}/api/public/orders/${encodeURIComponent(orderCode)}/pay?${query}`;
    },

    /** PATCH /api/v1/orders/{idOrCode}/cancel: refunds a paid order (partially when requestPrice < paid). */
    cancelOrder(idOrCode: string, input: { requestPrice: number; reason?: string }): Promise<StepPayApiResponse> {
      return call(
        { method: "PATCH", path: `/api/v1/orders/${encodeURIComponent(idOrCode)}/cancel`, body: { requestPrice: input.requestPrice, reason: input.reason ?? "" } },
        apiResponseSchema,
      );
    },

    getSubscription(id: number): Promise<StepPaySubscription> {
      return call({ method: "GET", path: `/api/v1/subscriptions/${id}` }, subscriptionSchema);
    },

    cancelSubscription(id: number, input: { whenToCancel: "NOW" | "END_OF_PERIOD" }): Promise<StepPayApiResponse> {
      return call({ method: "POST", path: `/api/v1/subscriptions/${id}/cancel`, body: input }, apiResponseSchema);
    },

    pauseSubscription(id: number, input: { whenToPause: "IMMEDIATE" | "LAZY"; whenToResume: "NOTHING" }): Promise<StepPayApiResponse> {
      return call({ method: "POST", path: `/api/v1/subscriptions/${id}/pause`, body: input }, apiResponseSchema);
    },

    /** POST /api/v1/subscriptions/{id}/active: resume a paused subscription. */
    resumeSubscription(id: number): Promise<StepPayApiResponse> {
      return call({ method: "POST", path: `/api/v1/subscriptions/${id}/active` }, apiResponseSchema);
    },

    /** POST /api/v1/subscriptions/{id}/renew: charge now. */
    renewSubscription(id: number): Promise<StepPayApiResponse> {
      return call({ method: "POST", path: `/api/v1/subscriptions/${id}/renew` }, apiResponseSchema);
    },
  };
}

export type StepPayClient = ReturnType<typeof createStepPayClient>;

function parseMaybeJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}

function httpError(options: RequestOptions, status: number, text: string): StepPayError {
  const parsed = errorBodySchema.safeParse(parseMaybeJson(text));
  const body = parsed.success ? parsed.data : null;
  return new StepPayError({
    kind: "http",
    status,
    errorCode: body?.errorCode ?? null,
    traceId: body?.traceId ?? null,
    details: body?.details,
    rawBody: text,
    message: `StepPay ${options.method} ${options.path} failed with ${status}${body ? `: ${body.errorCode}${body.errorMessage ? ` (${body.errorMessage})` : ""}` : ""}`,
  });
}

function parseBody<T>(options: RequestOptions, status: number, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new StepPayError({ kind: "invalid_response", status, rawBody: text, cause, message: `StepPay ${options.method} ${options.path} answered ${status} with a body that is not JSON` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new StepPayError({
      kind: "invalid_response",
      status,
      rawBody: text,
      details: parsed.error.issues,
      message: `StepPay ${options.method} ${options.path} answered ${status} with an unexpected body: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`)
        .join("; ")}`,
    });
  }
  return parsed.data;
}

function safeAbsoluteUrl(location: string, base: string): string | null {
  try {
    const url = new URL(location, base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
