import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUnifiPayClient, type UnifiPayExchange } from "./client";
import { UnifiPayError } from "./errors";

const apiBase = "https://unifi.example/pg";
const config = { apiBase, appId: "app-1", apiKey: "key-1", appSecret: "secret-1" };
const NOW = 1_773_017_787_000;

type Sent = { url: string; method: string; headers: Headers; body: string };

/** A fetch that records what was really sent and answers with a canned response. */
function recordingFetch(answer: () => Response) {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== "string") throw new Error("expected a string body");
    sent.push({ url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: body ?? "" });
    return answer();
  };
  return { sent, fetchImpl };
}

/** The HMAC recomputed by hand from what went over the wire. */
function signatureOf(request: Sent, secret: string): string {
  const uri = new URL(request.url).pathname.slice(new URL(apiBase).pathname.length);
  const text = `${request.method}${uri}${request.headers.get("X-API-Key")}${request.headers.get("X-Timestamp")}${request.body}`;
  return createHmac("sha256", secret).update(Buffer.from(text, "utf8")).digest("base64");
}

const input = {
  orderId: "ord_커피_☕",
  storeId: "store-1",
  requestId: "req-1",
  returnUrl: "https://shop.example/return?mode=popup",
  callbackUrl: "https://shop.example/callback",
  countryCode: "KOR",
  orderCurrencyCode: "USD" as const,
  orderAmount: "12.50",
};

const statusBody = {
  status: "CONFIRMED",
  orderId: "ord_1",
  storeId: "store-1",
  payAmount: 12.5,
  orderAmount: "12.50",
  transactionId: "tx-1",
  discountAmount: 0,
  payCurrencyCode: "USD",
  orderCurrencyCode: "USD",
};

describe("createUnifiPayClient", () => {
  it("createPayment sends exactly the body it signed, with every header", async () => {
    const { sent, fetchImpl } = recordingFetch(() => Response.json({ startPageUrl: "https://pay.example/start/tx-1", transactionId: "tx-1" }));
    const exchanges: UnifiPayExchange[] = [];
    const client = createUnifiPayClient({ ...config, fetch: fetchImpl, now: () => NOW, onExchange: (e) => exchanges.push(e) });

    const result = await client.createPayment(input);

    expect(result).toEqual({ startPageUrl: "https://pay.example/start/tx-1", transactionId: "tx-1" });
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://unifi.example/pg/api/v1/payment");
    expect(request.headers.get("X-AppId")).toBe("app-1");
    expect(request.headers.get("accept-encoding")).toBe("identity");
    expect(request.headers.get("X-API-Key")).toBe("key-1");
    expect(request.headers.get("X-Timestamp")).toBe(String(NOW));
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.headers.get("X-Authorization-Hmac")).toBe(signatureOf(request, "secret-1"));
    expect(JSON.parse(request.body)).toEqual(input);

    // The exchange log never carries the secret or the signature.
    expect(exchanges).toHaveLength(1);
    const logged = JSON.stringify(exchanges);
    expect(logged).not.toContain("secret-1");
    expect(logged).not.toContain(request.headers.get("X-Authorization-Hmac")!);
    expect(exchanges[0]).toMatchObject({ provider: "unifipay", method: "POST", path: "/api/v1/payment", status: 200 });
  });

  it("getPayment signs a GET with an empty body and parses the status", async () => {
    const { sent, fetchImpl } = recordingFetch(() => Response.json({ ...statusBody, extra: "ignored" }));
    const client = createUnifiPayClient({ ...config, fetch: fetchImpl, now: () => NOW });

    const payment = await client.getPayment("tx-1");

    expect(payment).toMatchObject(statusBody);
    const request = sent[0]!;
    expect(request.method).toBe("GET");
    expect(request.url).toBe("https://unifi.example/pg/api/v1/payment/tx-1");
    expect(request.body).toBe("");
    expect(request.headers.get("content-type")).toBeNull();
    expect(request.headers.get("X-Authorization-Hmac")).toBe(signatureOf(request, "secret-1"));
  });

  it("accepts a status outside CONFIRMED/FAILED (open union)", async () => {
    const { fetchImpl } = recordingFetch(() => Response.json({ ...statusBody, status: "PENDING", payAmount: 0 }));
    const payment = await createUnifiPayClient({ ...config, fetch: fetchImpl }).getPayment("tx-1");
    expect(payment.status).toBe("PENDING");
  });

  it("turns an unexpected 2xx body into invalid_response", async () => {
    const { fetchImpl } = recordingFetch(() => Response.json({ ...statusBody, payAmount: "12.50" }));
    const error = await createUnifiPayClient({ ...config, fetch: fetchImpl }).getPayment("tx-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnifiPayError);
    expect((error as UnifiPayError).kind).toBe("invalid_response");
    expect((error as UnifiPayError).isTransient).toBe(true);
    expect((error as UnifiPayError).message).toContain("payAmount");
  });

  it("refuses a startPageUrl that is not http(s)", async () => {
    const { fetchImpl } = recordingFetch(() => Response.json({ startPageUrl: "javascript:alert(1)", transactionId: "tx-1" }));
    const error = await createUnifiPayClient({ ...config, fetch: fetchImpl }).createPayment(input).catch((e: unknown) => e);
    expect((error as UnifiPayError).kind).toBe("invalid_response");
  });

  it("turns a body that is not JSON into invalid_response, keeping it", async () => {
    const { fetchImpl } = recordingFetch(() => new Response("<html>oops</html>", { status: 200 }));
    const error = (await createUnifiPayClient({ ...config, fetch: fetchImpl }).getPayment("tx-1").catch((e: unknown) => e)) as UnifiPayError;
    expect(error.kind).toBe("invalid_response");
    expect(error.rawBody).toBe("<html>oops</html>");
  });

  it("keeps the raw body of a non-2xx answer", async () => {
    const raw = '{"whatever":"unpublished format","code":42}';
    const { fetchImpl } = recordingFetch(() => new Response(raw, { status: 404 }));
    const exchanges: UnifiPayExchange[] = [];
    const error = (await createUnifiPayClient({ ...config, fetch: fetchImpl, onExchange: (e) => exchanges.push(e) })
      .getPayment("nope")
      .catch((e: unknown) => e)) as UnifiPayError;
    expect(error).toBeInstanceOf(UnifiPayError);
    expect(error.kind).toBe("http");
    expect(error.status).toBe(404);
    expect(error.rawBody).toBe(raw);
    expect(error.isNotFound).toBe(true);
    expect(error.isTransient).toBe(false);
    expect(exchanges[0]).toMatchObject({ status: 404, responseBody: { code: 42 } });
  });

  it("marks 5xx as transient", async () => {
    const { fetchImpl } = recordingFetch(() => new Response("upstream down", { status: 503 }));
    const error = (await createUnifiPayClient({ ...config, fetch: fetchImpl }).getPayment("tx").catch((e: unknown) => e)) as UnifiPayError;
    expect(error.kind).toBe("http");
    expect(error.isTransient).toBe(true);
    expect(error.rawBody).toBe("upstream down");
  });

  it("turns a slow answer into a timeout", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const exchanges: UnifiPayExchange[] = [];
    const error = (await createUnifiPayClient({ ...config, fetch: hanging, timeoutMs: 30, onExchange: (e) => exchanges.push(e) })
      .getPayment("tx-1")
      .catch((e: unknown) => e)) as UnifiPayError;
    expect(error).toBeInstanceOf(UnifiPayError);
    expect(error.kind).toBe("timeout");
    expect(error.isTransient).toBe(true);
    expect(exchanges[0]).toMatchObject({ status: null });
  });

  it("turns a connection failure into a network error", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const error = (await createUnifiPayClient({ ...config, fetch: failing }).getPayment("tx-1").catch((e: unknown) => e)) as UnifiPayError;
    expect(error.kind).toBe("network");
  });
});
