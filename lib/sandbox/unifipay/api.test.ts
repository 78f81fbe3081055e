import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { createUnifiPayClient } from "@/lib/providers/unifipay/client";
import { UnifiPayError } from "@/lib/providers/unifipay/errors";
import { verifyUnifiPayment } from "@/lib/providers/unifipay/verify-payment";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { handleUnifiApi } from "./api";
import { listSandboxDeliveries } from "./deliveries";
import { handleUnifiDecision } from "./start-page";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["unifipay"]), DATABASE_WARM_UP_MS);

const demo = sandboxSettings().unifipay;
const BASE = demo.base; // http://127.0.0.1:3000/sandbox/unifipay

afterAll(async () => {
  await closeDb();
});

let sequence = 0;
function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    orderId: `ord_${sequence}`,
    storeId: demo.storeId,
    requestId: `req_${sequence}_${Date.now()}`,
    returnUrl: "http://localhost:3000/api/payments/unifipay/redirect/return?mode=redirect",
    callbackUrl: "http://127.0.0.1:9/callback",
    countryCode: "KOR",
    orderCurrencyCode: "USD",
    orderAmount: "12.50",
    ...overrides,
  };
}

/** Builds a request signed by hand (node:crypto), independently of the client under test. */
function signedRequest(options: {
  method: "GET" | "POST";
  uri: string;
  body?: string;
  timestamp?: number;
  headers?: Record<string, string | null>;
  signWith?: { secret?: string; body?: string };
}): Request {
  const body = options.body ?? "";
  const timestamp = String(options.timestamp ?? Date.now());
  const signedBody = options.signWith?.body ?? body;
  const signature = createHmac("sha256", options.signWith?.secret ?? demo.appSecret)
    .update(Buffer.from(`${options.method}${options.uri}${demo.apiKey}${timestamp}${signedBody}`, "utf8"))
    .digest("base64");
  const headers = new Headers({
    "X-AppId": demo.appId,
    "X-API-Key": demo.apiKey,
    "X-Timestamp": timestamp,
    "X-Authorization-Hmac": signature,
  });
  if (options.method === "POST") headers.set("content-type", "application/json");
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(`${BASE}${options.uri}`, { method: options.method, headers, body: options.method === "POST" ? body : undefined });
}

async function create(body: Record<string, unknown>) {
  const response = await handleUnifiApi(signedRequest({ method: "POST", uri: "/api/v1/payment", body: JSON.stringify(body) }));
  return { response, json: (await response.json()) as Record<string, unknown> };
}

async function errorCode(response: Response): Promise<string> {
  const json = (await response.json()) as { error?: { code?: string; message?: string } };
  expect(typeof json.error?.message).toBe("string");
  return json.error?.code ?? "(none)";
}

describe("POST /api/v1/payment", () => {
  it("creates a transaction for a correctly signed request, PENDING until the shopper acts", async () => {
    const body = createBody({ orderId: "ord_커피_☕" });
    const { response, json } = await create(body);
    expect(response.status).toBe(200);
    expect(json.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(json.startPageUrl).toBe(`${BASE}/start/${json.transactionId}`);

    const status = await handleUnifiApi(signedRequest({ method: "GET", uri: `/api/v1/payment/${json.transactionId}` }));
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({
      status: "PENDING",
      orderId: "ord_커피_☕",
      storeId: demo.storeId,
      payAmount: 0,
      orderAmount: "12.50",
      transactionId: json.transactionId,
      discountAmount: 0,
      payCurrencyCode: "USD",
      orderCurrencyCode: "USD",
    });
  });

  it("refuses a wrong signature", async () => {
    const request = signedRequest({ method: "POST", uri: "/api/v1/payment", body: JSON.stringify(createBody()), signWith: { secret: "not-the-secret" } });
    const response = await handleUnifiApi(request);
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("bad_signature");
  });

  it("refuses a body tampered with after signing", async () => {
    const original = JSON.stringify(createBody());
    const tampered = original.replace('"12.50"', '"0.01"');
    expect(tampered).not.toBe(original);
    const response = await handleUnifiApi(signedRequest({ method: "POST", uri: "/api/v1/payment", body: tampered, signWith: { body: original } }));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("bad_signature");
  });

  it("refuses a timestamp 6 minutes old, and one 6 minutes ahead", async () => {
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const response = await handleUnifiApi(
        signedRequest({ method: "POST", uri: "/api/v1/payment", body: JSON.stringify(createBody()), timestamp: Date.now() + offset }),
      );
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("stale_timestamp");
    }
  });

  it("accepts a timestamp 4 minutes old", async () => {
    const response = await handleUnifiApi(
      signedRequest({ method: "POST", uri: "/api/v1/payment", body: JSON.stringify(createBody()), timestamp: Date.now() - 4 * 60_000 }),
    );
    expect(response.status).toBe(200);
  });

  it("refuses a request with a missing header", async () => {
    for (const header of ["X-AppId", "X-API-Key", "X-Timestamp", "X-Authorization-Hmac"]) {
      const response = await handleUnifiApi(
        signedRequest({ method: "POST", uri: "/api/v1/payment", body: JSON.stringify(createBody()), headers: { [header]: null } }),
      );
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("missing_header");
    }
  });

  it("refuses an unknown app and a wrong API key", async () => {
    const body = JSON.stringify(createBody());
    const unknownApp = await handleUnifiApi(signedRequest({ method: "POST", uri: "/api/v1/payment", body, headers: { "X-AppId": "other-app" } }));
    expect(unknownApp.status).toBe(401);
    expect(await errorCode(unknownApp)).toBe("unknown_app");
    const badKey = await handleUnifiApi(signedRequest({ method: "POST", uri: "/api/v1/payment", body, headers: { "X-API-Key": "other-key" } }));
    expect(badKey.status).toBe(401);
    expect(await errorCode(badKey)).toBe("bad_api_key");
  });

  it("returns the same transaction for a repeated requestId, and 409 when the body differs", async () => {
    const body = createBody();
    const first = await create(body);
    const second = await create(body);
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(second.json).toEqual(first.json);

    const conflicting = await handleUnifiApi(
      signedRequest({ method: "POST", uri: "/api/v1/payment", body: JSON.stringify({ ...body, orderAmount: "99.00" }) }),
    );
    expect(conflicting.status).toBe(409);
    const json = (await conflicting.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("request_id_conflict");
    expect(json.error.message).toContain("orderAmount");
  });

  it.each([
    ["a 2-letter countryCode", { countryCode: "KR" }],
    ["a lower-case countryCode", { countryCode: "kor" }],
    ["orderCurrencyCode EUR", { orderCurrencyCode: "EUR" }],
    ["a missing orderAmount", { orderAmount: undefined }],
    ["a numeric orderAmount", { orderAmount: 12.5 }],
    ["an orderAmount with 3 decimals", { orderAmount: "12.505" }],
    ["a zero orderAmount", { orderAmount: "0.00" }],
    ["a relative returnUrl", { returnUrl: "/return" }],
    ["a non-http callbackUrl", { callbackUrl: "ftp://example.com/cb" }],
    ["a missing orderId", { orderId: undefined }],
    ["another store", { storeId: "someone-else" }],
  ])("answers 400 for %s", async (_label, overrides) => {
    const { response, json } = await create(createBody(overrides));
    expect(response.status).toBe(400);
    const error = json.error as { code: string; message: string };
    expect(["invalid_request", "unknown_store"]).toContain(error.code);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("answers 400 to a body that is not JSON (signed correctly)", async () => {
    const response = await handleUnifiApi(signedRequest({ method: "POST", uri: "/api/v1/payment", body: "orderId=1" }));
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("invalid_json");
  });
});

describe("GET /api/v1/payment/{transactionId}", () => {
  it("answers 404 for an unknown transaction", async () => {
    const response = await handleUnifiApi(signedRequest({ method: "GET", uri: "/api/v1/payment/00000000-0000-4000-8000-000000000000" }));
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("transaction_not_found");
  });

  it("signs the path without the query string", async () => {
    const { json } = await create(createBody());
    const request = signedRequest({ method: "GET", uri: `/api/v1/payment/${json.transactionId}` });
    const withQuery = new Request(`${request.url}?debug=1`, { method: "GET", headers: request.headers });
    expect((await handleUnifiApi(withQuery)).status).toBe(200);
  });

  it("refuses a GET signed for another transaction's path", async () => {
    const { json } = await create(createBody());
    const signedForOther = signedRequest({ method: "GET", uri: "/api/v1/payment/other" });
    const replayed = new Request(`${BASE}/api/v1/payment/${json.transactionId}`, { method: "GET", headers: signedForOther.headers });
    const response = await handleUnifiApi(replayed);
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("bad_signature");
  });
});

describe("the real client against the sandbox", () => {
  const client = createUnifiPayClient({
    apiBase: BASE,
    appId: demo.appId,
    apiKey: demo.apiKey,
    appSecret: demo.appSecret,
    fetch: (input, init) => handleUnifiApi(new Request(input, init)),
  });

  it("creates, reads PENDING, and after approval reads CONFIRMED and verifies as paid", async () => {
    const input = {
      orderId: "ord_e2e_커피🎉",
      storeId: demo.storeId,
      requestId: `req_e2e_${Date.now()}`,
      returnUrl: "http://localhost:3000/api/payments/unifipay/popup/return?x=1",
      callbackUrl: "http://127.0.0.1:9/callback",
      countryCode: "USA",
      orderCurrencyCode: "USD" as const,
      orderAmount: "12.50",
    };
    const created = await client.createPayment(input);
    expect(created.startPageUrl).toBe(`${BASE}/start/${created.transactionId}`);
    expect(await client.createPayment(input)).toEqual(created);

    const expected = { transactionId: created.transactionId, orderId: input.orderId, storeId: demo.storeId, amountCents: 1250, currency: "USD" as const };
    const pending = await client.getPayment(created.transactionId);
    expect(verifyUnifiPayment(pending, expected).state).toBe("pending");

    const form = new FormData();
    form.set("decision", "approve");
    const decided = await handleUnifiDecision(new Request(`${BASE}/start/${created.transactionId}/decide`, { method: "POST", body: form }), created.transactionId);
    expect(decided.status).toBe(303);
    expect(decided.headers.get("location")).toBe(`${input.returnUrl}&transactionId=${created.transactionId}`);

    const confirmed = await client.getPayment(created.transactionId);
    expect(confirmed).toMatchObject({ status: "CONFIRMED", payAmount: 12.5, orderAmount: "12.50" });
    const verdict = verifyUnifiPayment(confirmed, expected);
    expect(verdict.state).toBe("paid");
    expect(verifyUnifiPayment(confirmed, { ...expected, amountCents: 1251 }).state).toBe("mismatch");

    const deliveries = await listSandboxDeliveries(created.transactionId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.payload).toEqual({ transactionId: created.transactionId, orderId: input.orderId, status: "CONFIRMED", type: "PURCHASE" });
  });

  it("surfaces the sandbox's refusals as UnifiPayError with the raw body", async () => {
    const stale = createUnifiPayClient({
      apiBase: BASE,
      appId: demo.appId,
      apiKey: demo.apiKey,
      appSecret: demo.appSecret,
      now: () => Date.now() - 6 * 60_000,
      fetch: (input, init) => handleUnifiApi(new Request(input, init)),
    });
    const error = (await stale.getPayment("anything").catch((e: unknown) => e)) as UnifiPayError;
    expect(error).toBeInstanceOf(UnifiPayError);
    expect(error.status).toBe(401);
    expect(error.rawBody).toContain("stale_timestamp");

    const wrongSecret = createUnifiPayClient({
      apiBase: BASE,
      appId: demo.appId,
      apiKey: demo.apiKey,
      appSecret: "wrong",
      fetch: (input, init) => handleUnifiApi(new Request(input, init)),
    });
    const refused = (await wrongSecret.getPayment("anything").catch((e: unknown) => e)) as UnifiPayError;
    expect(refused.rawBody).toContain("bad_signature");

    const missing = (await client.getPayment("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e)) as UnifiPayError;
    expect(missing.isNotFound).toBe(true);
  });
});
