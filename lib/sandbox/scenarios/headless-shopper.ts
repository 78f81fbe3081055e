import { z } from "zod";

/**
 * A shopper without a browser: the HTTP requests a browser would make, against the store
 * (APP_ORIGIN) and the provider's hosted pages. The sandbox reaches the store only this way,
 * never by import, exactly as the store reaches the sandbox. Redirects are never followed
 * automatically: each scenario decides which ones a shopper follows.
 */
export const SHOPPER_TIMEOUT_MS = 15_000;
const USER_AGENT = "Dalbit-Demo-Scenario/1.0 (sandbox headless shopper)";

export class ShopperStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShopperStepError";
  }
}

// Only the fields the scenarios read; the store's answers carry more.
const createdOrder = z.object({ id: z.string().uuid(), status: z.string(), providerReady: z.boolean().optional() });
export const storeOrderSchema = z.object({
  id: z.string(),
  status: z.string(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  paidAmount: z.number().nullable(),
});
export type StoreOrder = z.infer<typeof storeOrderSchema>;
const timelineSchema = z.object({
  events: z.array(z.object({ type: z.string(), summary: z.string(), data: z.record(z.string(), z.unknown()).nullable(), at: z.string() })),
});
export type TimelineEvent = z.infer<typeof timelineSchema>["events"][number];

export type NewOrder = { provider: "steppay" | "unifipay"; email: string; countryCode?: string };

/** The one product every scenario buys: cheap, one-time, sold by both providers. */
export const DEMO_PRODUCT_ID = "hanok-mug";

export type HeadlessShopper = ReturnType<typeof headlessShopper>;

export function headlessShopper(options: { appOrigin: string; fetch?: typeof fetch }) {
  const send = options.fetch ?? fetch;
  const store = (path: string) => `${options.appOrigin}${path}`;

  async function call(method: "GET" | "POST", url: string, init: { json?: unknown; form?: Record<string, string>; accept?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: init.accept ?? "text/html,application/json" };
    let body: string | undefined;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    try {
      // No Origin header: a server-to-server client, which the store's same-origin check allows.
      return await send(url, { method, headers, body, redirect: "manual", cache: "no-store", signal: AbortSignal.timeout(SHOPPER_TIMEOUT_MS) });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ShopperStepError(`${method} ${url} got no answer (${reason})`);
    }
  }

  async function fail(response: Response, what: string): Promise<never> {
    const text = (await response.text().catch(() => "")).replace(/\s+/g, " ").slice(0, 200);
    throw new ShopperStepError(`${what} answered HTTP ${response.status}${text ? `: ${text}` : ""}`);
  }

  async function json<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ShopperStepError(`${what} answered something unexpected`);
    return parsed.data;
  }

  function redirectTarget(response: Response, base: string, what: string): string {
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) throw new ShopperStepError(`${what} answered HTTP ${response.status}, not a redirect`);
    return new URL(location, base).toString();
  }

  return {
    orderPageUrl: (orderId: string) => store(`/orders/${orderId}`),

    /** POST /api/orders, as the checkout form does (one product). */
    async createOrder(order: NewOrder): Promise<{ id: string; status: string; providerReady: boolean }> {
      const what = "POST /api/orders";
      const response = await call("POST", store("/api/orders"), {
        accept: "application/json",
        json: {
          provider: order.provider,
          customer: { name: "Demo Shopper", email: order.email },
          ...(order.countryCode ? { countryCode: order.countryCode } : {}),
          items: [{ productId: DEMO_PRODUCT_ID, quantity: 1 }],
        },
      });
      if (response.status !== 201) return fail(response, what);
      const created = await json(response, createdOrder, what);
      return { id: created.id, status: created.status, providerReady: created.providerReady ?? true };
    },

    /** GET /api/orders/{id}/pay?mode=redirect: where the store sends the browser (the provider's page). */
    async startPayment(orderId: string): Promise<string> {
      const what = `GET /api/orders/${orderId}/pay`;
      const response = await call("GET", store(`/api/orders/${orderId}/pay?mode=redirect`));
      if (response.status !== 302) return fail(response, what);
      return redirectTarget(response, options.appOrigin, what);
    },

    /** Loads a page as a browser would, and insists it is there. */
    async openPage(url: string): Promise<void> {
      const response = await call("GET", url);
      if (response.status !== 200) return fail(response, `GET ${new URL(url).pathname}`);
      await response.body?.cancel().catch(() => undefined);
    },

    /** Submits StepPay's hosted form (card fields, or intent=cancel); returns where StepPay sends the browser. */
    async submitStepPay(pageUrl: string, fields: Record<string, string>): Promise<string> {
      const url = `${pageUrl}/submit`;
      return redirectTarget(await call("POST", url, { form: fields }), url, "StepPay's payment form");
    },

    /** The shopper's button on Unifi Pay's start page; returns where Unifi Pay sends the browser. */
    async decideUnifi(startPageUrl: string, decision: "approve" | "decline" | "cancel"): Promise<string> {
      const url = `${startPageUrl}/decide`;
      return redirectTarget(await call("POST", url, { form: { decision } }), url, "Unifi Pay's start page");
    },

    /** GETs a return URL like a browser coming back; the store answers with a redirect to the order. */
    async followReturn(url: string): Promise<string> {
      return redirectTarget(await call("GET", url), url, `The store's return URL ${new URL(url).pathname}`);
    },

    /** The order's status as the store reports it (GET /api/orders/{id}). */
    async getOrder(orderId: string): Promise<StoreOrder> {
      const what = `GET /api/orders/${orderId}`;
      const response = await call("GET", store(`/api/orders/${orderId}`), { accept: "application/json" });
      if (response.status !== 200) return fail(response, what);
      return json(response, storeOrderSchema, what);
    },

    async getTimeline(orderId: string): Promise<TimelineEvent[]> {
      const what = `GET /api/orders/${orderId}/timeline`;
      const response = await call("GET", store(`/api/orders/${orderId}/timeline`), { accept: "application/json" });
      if (response.status !== 200) return fail(response, what);
      return (await json(response, timelineSchema, what)).events;
    },
  };
}

/** How many times the order moved into "paid" (the store's own timeline). */
export function paidTransitions(events: TimelineEvent[]): TimelineEvent[] {
  return events.filter((event) => event.data?.to === "paid" && event.data?.from !== "paid");
}

/** "paid", or "failed (CARD_DECLINED: …)": the status column of the runs table. */
export function describeStoreStatus(order: StoreOrder): string {
  return order.failure && order.status === "failed" ? `${order.status} (${order.failure.code}: ${order.failure.message})` : order.status;
}
