import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { createStepPayClient } from "@/lib/providers/steppay/client";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { createUnifiPayClient } from "@/lib/providers/unifipay/client";
import { UnifiPayError } from "@/lib/providers/unifipay/errors";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { handleStepPayApi } from "@/lib/sandbox/steppay/api";
import { apiCall, payWithCard, RETURN_URLS, SANDBOX_BASE, seedCatalog, storeClient } from "@/lib/sandbox/steppay/test-fixtures";
import { handleUnifiApi } from "@/lib/sandbox/unifipay/api";
import { handleUnifiDecision } from "@/lib/sandbox/unifipay/start-page";
import { handleFaultControl, takeFault, type FaultSwitch } from "./faults";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "./test-databases";

/**
 * The fault switch of each wing, as the store's reliability suite uses it: only API requests are
 * affected (never the hosted pages or the control endpoints), and only `count` of them.
 */
const steppay = storeClient();
const unifiDemo = sandboxSettings().unifipay;

/** Like real fetch: gives up when the signal fires, without waiting for the handler's answer. */
function abortableFetch(handle: (request: Request) => Promise<Response>): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const request = new Request(input, init);
      const signal = init?.signal;
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      handle(request).then(resolve, reject);
    });
}

const unifi = createUnifiPayClient({
  apiBase: unifiDemo.base,
  appId: unifiDemo.appId,
  apiKey: unifiDemo.apiKey,
  appSecret: unifiDemo.appSecret,
  fetch: abortableFetch((request) => handleUnifiApi(request)),
});

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(), DATABASE_WARM_UP_MS);

afterEach(async () => {
  await setFault("steppay", { mode: "none" });
  await setFault("unifipay", { mode: "none" });
});

afterAll(async () => {
  await closeDb();
});

function faultRequest(wing: "steppay" | "unifipay", body?: unknown, contentType = "application/json"): Request {
  return new Request(`http://127.0.0.1:3000/sandbox/${wing}/control/faults`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": contentType },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function setFault(wing: "steppay" | "unifipay", body: unknown): Promise<FaultSwitch> {
  const response = await handleFaultControl(wing, faultRequest(wing, body));
  expect(response.status).toBe(200);
  return ((await response.json()) as { fault: FaultSwitch }).fault;
}

async function currentFault(wing: "steppay" | "unifipay"): Promise<FaultSwitch> {
  return ((await (await handleFaultControl(wing, faultRequest(wing))).json()) as { fault: FaultSwitch }).fault;
}

let sequence = 0;
function unifiPayment() {
  sequence += 1;
  return {
    orderId: `ord_fault_${sequence}`,
    storeId: unifiDemo.storeId,
    requestId: `req_fault_${sequence}_${Date.now()}`,
    returnUrl: "http://localhost:3000/api/payments/unifipay/redirect/return",
    callbackUrl: "http://127.0.0.1:9/callback",
    countryCode: "KOR",
    orderCurrencyCode: "USD" as const,
    orderAmount: "3.00",
  };
}

async function newStepPayOrder() {
  const { customer, product, oneTime } = await seedCatalog(steppay);
  return steppay.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
}

describe("the switch itself", () => {
  it("GET shows it; POST arms and resets it; defaults: unlimited, 15 s for timeout, 2 s for slow", async () => {
    expect(await currentFault("steppay")).toMatchObject({ wing: "steppay", mode: "none", count: null });
    expect(await setFault("steppay", { mode: "timeout" })).toMatchObject({ mode: "timeout", count: null, delayMs: 15_000, paths: null });
    expect(await setFault("steppay", { mode: "slow", count: 3, paths: "/api/v1/orders" })).toMatchObject({ mode: "slow", count: 3, delayMs: 2_000, paths: "/api/v1/orders" });
    expect(await currentFault("steppay")).toMatchObject({ mode: "slow", count: 3 });
    expect(await currentFault("unifipay")).toMatchObject({ wing: "unifipay", mode: "none" }); // one switch per wing
    expect(await setFault("steppay", { mode: "none" })).toMatchObject({ mode: "none", count: null });
  });

  it.each([
    [{ mode: "explode" }],
    [{ mode: "http500", count: 0 }],
    [{ mode: "http500", count: 1.5 }],
    [{ mode: "slow", delayMs: -1 }],
    [{ mode: "http500", surprise: true }],
    [{}],
  ])("refuses %j with 400", async (body) => {
    const response = await handleFaultControl("steppay", faultRequest("steppay", body));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
  });

  it("refuses a body that is not JSON", async () => {
    expect((await handleFaultControl("unifipay", faultRequest("unifipay", "{mode:"))).status).toBe(400);
  });

  it("the panel's form arms it too, and is sent back to /sandbox", async () => {
    const response = await handleFaultControl("unifipay", faultRequest("unifipay", "mode=http500&count=2&delayMs=&paths=", "application/x-www-form-urlencoded"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/sandbox\?notice=.+#faults-unifipay$/);
    expect(await currentFault("unifipay")).toMatchObject({ mode: "http500", count: 2, paths: null });
  });

  it("answers the panel in the language it was in: its ?lang=, else the browser's", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const chosen = await handleFaultControl("unifipay", new Request("http://127.0.0.1:3000/sandbox/unifipay/control/faults?lang=ko", { method: "POST", headers: form, body: "mode=none" }));
    const back = new URL(chosen.headers.get("location")!, "http://127.0.0.1:3000");
    expect(back.searchParams.get("notice")).toBe("Unifi Pay 장애 스위치를 초기화했습니다");
    expect(back.searchParams.get("lang")).toBe("ko");

    const browser = await handleFaultControl("unifipay", new Request("http://127.0.0.1:3000/sandbox/unifipay/control/faults", { method: "POST", headers: { ...form, "accept-language": "ko" }, body: "mode=none" }));
    const plain = new URL(browser.headers.get("location")!, "http://127.0.0.1:3000");
    expect(plain.searchParams.get("notice")).toBe("Unifi Pay 장애 스위치를 초기화했습니다");
    expect(plain.searchParams.has("lang")).toBe(false);

    // A JSON caller is a script: its messages stay English whatever it accepts.
    const json = await handleFaultControl("unifipay", new Request("http://127.0.0.1:3000/sandbox/unifipay/control/faults?lang=ko", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect((await json.json()).error.message).toMatch(/^mode: /);
  });
});

describe("StepPay", () => {
  it("http500: the next `count` API requests get 500 with StepPay's error body; hosted pages and control endpoints are untouched", async () => {
    const order = await newStepPayOrder();
    const pageUrl = await steppay.getPayLink(order.orderCode, RETURN_URLS);
    await setFault("steppay", { mode: "http500", count: 2 });

    // Not API requests: they neither fail nor use up the count.
    const paid = await payWithCard(pageUrl, "4242 4242 4242 4242");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toContain("status=success");
    expect(await currentFault("steppay")).toMatchObject({ mode: "http500", count: 2 });

    const first = await apiCall("GET", `/api/v1/orders/${order.orderCode}`);
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ traceId: expect.stringMatching(/^[0-9a-f-]{36}$/), errorCode: "INTERNAL_SERVER_ERROR", errorMessage: expect.any(String), details: {} });
    const second = await steppay.getOrder(order.orderCode).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(StepPayError);
    expect(second).toMatchObject({ kind: "http", status: 500, errorCode: "INTERNAL_SERVER_ERROR" });
    expect((second as StepPayError).isTransient).toBe(true);

    expect((await steppay.getOrder(order.orderCode)).paymentDate).not.toBeNull(); // count spent: normal again
    expect(await currentFault("steppay")).toMatchObject({ mode: "none" });
  });

  it("malformed: a 200 whose body is cut off mid-JSON", async () => {
    const order = await newStepPayOrder();
    await setFault("steppay", { mode: "malformed", count: 1 });
    const raw = await apiCall("GET", `/api/v1/orders/${order.orderCode}`);
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe('{"orderId":');
    await setFault("steppay", { mode: "malformed", count: 1 });
    const error = await steppay.getOrder(order.orderCode).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid_response", status: 200 });
    expect((await steppay.getOrder(order.orderCode)).orderCode).toBe(order.orderCode);
  });

  it("timeout: the answer (a 504) comes only after delayMs, long after the store's client gave up", async () => {
    const order = await newStepPayOrder();
    await setFault("steppay", { mode: "timeout", count: 2, delayMs: 400 });

    const started = performance.now();
    const raw = await apiCall("GET", `/api/v1/orders/${order.orderCode}`);
    // Proves it waited at all; a lower bound only (a slow machine only makes it longer), with room for early timers.
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    expect(raw.status).toBe(504);
    expect(((await raw.json()) as { errorCode: string }).errorCode).toBe("GATEWAY_TIMEOUT");
    expect(await currentFault("steppay")).toMatchObject({ mode: "timeout", count: 1, delayMs: 400 }); // one use spent

    const impatient = createStepPayClient({ apiBase: SANDBOX_BASE, secretToken: sandboxSettings().steppay.secretToken, timeoutMs: 100, fetch: abortableFetch(handleStepPayApi) });
    const error = await impatient.getOrder(order.orderCode).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout" });
    expect(await currentFault("steppay")).toMatchObject({ mode: "none", count: null }); // the last use: switched off
    expect((await impatient.getOrder(order.orderCode)).orderCode).toBe(order.orderCode);
  });

  it("slow: the normal answer, after delayMs", async () => {
    const order = await newStepPayOrder();
    await setFault("steppay", { mode: "slow", delayMs: 300 }); // no count: until reset
    for (let i = 0; i < 2; i += 1) {
      const started = performance.now();
      expect((await steppay.getOrder(order.orderCode)).orderCode).toBe(order.orderCode);
      // Proves it waited at all; a lower bound only (a slow machine only makes it longer), with room for early timers.
      expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    }
    expect(await currentFault("steppay")).toMatchObject({ mode: "slow", count: null, delayMs: 300 }); // unlimited: nothing spent
    await setFault("steppay", { mode: "none" });
    // Reset: no request is held back any more (the switch takes nothing), and the answer is normal.
    expect(await currentFault("steppay")).toMatchObject({ mode: "none", count: null, delayMs: 0 });
    expect(await takeFault("steppay", `/api/v1/orders/${order.orderCode}`)).toBeNull();
    expect((await steppay.getOrder(order.orderCode)).orderCode).toBe(order.orderCode);
  });

  it("paths: only requests whose path contains it are affected and counted", async () => {
    const order = await newStepPayOrder();
    await setFault("steppay", { mode: "http500", count: 1, paths: "/api/v1/subscriptions/" });
    expect((await apiCall("GET", `/api/v1/orders/${order.orderCode}`)).status).toBe(200);
    expect((await apiCall("GET", "/api/v1/subscriptions/999999")).status).toBe(500);
    expect((await apiCall("GET", "/api/v1/subscriptions/999999")).status).toBe(404);
  });
});

describe("Unifi Pay", () => {
  it("http500 and malformed affect its API in its own dialect; its start page is untouched", async () => {
    const created = await unifi.createPayment(unifiPayment());
    await setFault("unifipay", { mode: "http500", count: 1 });
    // The shopper's decision on the start page is not an API request.
    const form = new FormData();
    form.set("decision", "approve");
    const decided = await handleUnifiDecision(new Request(`${unifiDemo.base}/start/${created.transactionId}/decide`, { method: "POST", body: form }), created.transactionId);
    expect(decided.status).toBe(303);

    const failed = await unifi.getPayment(created.transactionId).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnifiPayError);
    expect(failed).toMatchObject({ status: 500 });
    expect((await unifi.getPayment(created.transactionId)).status).toBe("CONFIRMED");

    await setFault("unifipay", { mode: "malformed", count: 1 });
    const raw = await handleUnifiApi(new Request(`${unifiDemo.base}/api/v1/payment/${created.transactionId}`));
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe('{"transactionId":');
    expect((await unifi.getPayment(created.transactionId)).status).toBe("CONFIRMED");
  });

  it("lost: the request is carried out and its answer lost; the same requestId then names the payment made", async () => {
    const payment = unifiPayment();
    await setFault("unifipay", { mode: "lost", count: 1 });
    const lost = await unifi.createPayment(payment).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(UnifiPayError);
    expect(lost).toMatchObject({ status: 504 });
    // It was carried out: the requestId is taken (another amount under it is a conflict)...
    const conflict = await unifi.createPayment({ ...payment, orderAmount: "4.00" }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409 });
    // ...and asking again with the same request finds that transaction, every time.
    const again = await unifi.createPayment(payment);
    expect((await unifi.getPayment(again.transactionId)).orderId).toBe(payment.orderId);
    expect((await unifi.createPayment(payment)).transactionId).toBe(again.transactionId);
  });

  it("timeout: the store's client gives up; the wings' switches are independent", async () => {
    await setFault("unifipay", { mode: "timeout", count: 1, delayMs: 400 });
    expect((await apiCall("GET", "/api/v1/orders/order_nothing00")).status).toBe(404); // StepPay unaffected
    const impatient = createUnifiPayClient({
      apiBase: unifiDemo.base,
      appId: unifiDemo.appId,
      apiKey: unifiDemo.apiKey,
      appSecret: unifiDemo.appSecret,
      timeoutMs: 100,
      fetch: abortableFetch((request) => handleUnifiApi(request)),
    });
    const error = await impatient.createPayment(unifiPayment()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout" });
    expect((await impatient.createPayment(unifiPayment())).transactionId).toEqual(expect.any(String));
  });
});
