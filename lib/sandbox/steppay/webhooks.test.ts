import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";
import { handleReplayControl, handleSettingsControl, handleWebhooksControl, handleFailNextControl, handleRenewControl } from "./control";
import { stepPayDb } from "./database";
import { buySubscription, controlRequest, seedCatalog, storeClient } from "./test-fixtures";
import { enqueueWebhooks, listWebhookDeliveries, WEBHOOK_RETRY_DELAYS_MS, type WebhookLogEntry } from "./webhook-deliveries";
import { ensureStepPayWebhookDispatcher, runDueWebhookDeliveries, stopStepPayWebhookDispatcher } from "./webhook-dispatcher";

/**
 * Webhooks as the store's endpoint receives them: a real HTTP server on 127.0.0.1 records every
 * request, and the signatures are checked with node:crypto by hand, independently of the sender.
 */
const DEMO_KEY = sandboxSettings().steppay.webhookKey;
const client = storeClient();

type Received = { path: string; body: string; headers: IncomingMessage["headers"] };
const received: Received[] = [];
const scripts = new Map<string, number[]>();
let server: Server;
let origin = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, body, headers: request.headers });
      const script = scripts.get(path) ?? [];
      const status = script.length > 1 ? script.shift()! : (script[0] ?? 200);
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await openSandboxDatabases(["steppay"]);
  await settings({ duplicateRate: 0 });
}, DATABASE_WARM_UP_MS);

afterAll(async () => {
  stopStepPayWebhookDispatcher();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeDb();
});

async function settings(patch: Record<string, unknown>): Promise<Response> {
  return handleSettingsControl(controlRequest("/settings", patch));
}

/** Points the registered webhook URL at a fresh path of the test server. */
async function target(name: string, script?: number[]): Promise<string> {
  const path = `/webhooks/${name}`;
  if (script) scripts.set(path, script);
  expect((await settings({ webhookUrl: `${origin}${path}` })).status).toBe(200);
  return path;
}

/** Sends everything due now (no background dispatcher in this block). */
async function drain(): Promise<void> {
  while ((await runDueWebhookDeliveries()) > 0);
}

const at = (path: string) => received.filter((request) => request.path === path);
const v2 = (requests: Received[]) => requests.filter((r) => r.headers["steppay-signature"] !== undefined).map((r) => ({ ...r, json: JSON.parse(r.body) as { timestamp: number; version: string; event: string; data: Record<string, unknown> } }));
const v1Bodies = (requests: Received[]) => requests.filter((r) => r.headers["steppay-signature"] === undefined).map((r) => r.body);

/** The receiver's check, written from StepPay's docs: base64(HMAC-SHA256(key, `${timestamp}.${rawBody}`)), any key matching. */
function parseSignature(header: string): { timestamp: number; keys: string[] } {
  const match = /^timestamp=(\d+),key=(.+)$/.exec(header);
  if (!match) throw new Error(`malformed Steppay-Signature: ${header}`);
  return { timestamp: Number(match[1]), keys: match[2]!.split(";") };
}
const hmac = (key: string, timestamp: number, body: string) => createHmac("sha256", key).update(`${timestamp}.${body}`).digest("base64");

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("settings", () => {
  it("GET answers the current settings; bad input is refused with 400", async () => {
    const current = await handleSettingsControl(controlRequest("/settings"));
    expect(await current.json()).toEqual({ settings: { webhookFormat: "both", duplicateRate: 0, shuffleMs: 0, extraWebhookKeys: [], webhookUrl: "http://localhost:3000/api/webhooks/steppay" } });
    for (const bad of [{ duplicateRate: 2 }, { webhookFormat: "v3" }, { shuffleMs: -1 }, { shuffleMs: 1.5 }, { extraWebhookKeys: [""] }, { extraWebhookKeys: "k" }, { webhookUrl: "ftp://x/y" }, { duplicates: 1 }]) {
      const response = await settings(bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
    }
    const notJson = await handleSettingsControl(new Request("http://127.0.0.1:3000/sandbox/steppay/control/settings", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } }));
    expect(notJson.status).toBe(400);
  });
});

describe("what is sent (one pass at a time)", () => {
  it("a recurring purchase: v2 order and subscription events, v1 order and subscription webhooks, exactly as documented", async () => {
    const path = await target("purchase");
    const { order, subscriptionId } = await buySubscription(client);
    await drain();
    const requests = at(path);

    const events = v2(requests).map((r) => [r.json.event, r.json.data.id]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["order.created", order.orderId],
        ["payment.completed", order.orderId],
        ["order.payment_completed", order.orderId],
        ["subscription.created", subscriptionId],
      ]),
    );
    expect(v1Bodies(requests).sort()).toEqual([`{"id":${subscriptionId},"status":"ACTIVE"}`, `{"webHookType":"PAYMENT","orderId":${order.orderId}}`].sort());
    for (const request of requests) expect(request.headers["content-type"]).toBe("application/json");

    const completed = v2(requests).find((r) => r.json.event === "order.payment_completed")!;
    expect(completed.json.version).toBe("v1");
    expect(completed.json.data).toMatchObject({ orderId: order.orderId, orderCode: order.orderCode, type: "RECURRING_INITIAL", paidAmount: 19_000, paymentDate: order.paymentDate });
    expect((completed.json.data.subscriptions as { id: number }[]).map((s) => s.id)).toEqual([subscriptionId]);
    const created = v2(requests).find((r) => r.json.event === "subscription.created")!;
    expect(created.json.data).toMatchObject({ id: subscriptionId, status: "ACTIVE", recurringCount: 1 });
  });

  it("v2 signature: HMAC-SHA256 over `${timestamp}.${rawBody}` with the demo key; the same timestamp in header and body", async () => {
    const path = await target("signature");
    await seedCatalog(client); // creates no order; then one order → order.created
    const { customer, product, oneTime } = await seedCatalog(client);
    await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
    await drain();
    const [request] = v2(at(path));
    expect(request).toBeDefined();
    const { timestamp, keys } = parseSignature(String(request!.headers["steppay-signature"]));
    expect(request!.json.timestamp).toBe(timestamp);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60); // real time, not the sandbox clock
    expect(keys).toEqual([hmac(DEMO_KEY, timestamp, request!.body)]);
  });

  it("key rotation: one signature per key, joined with ';' in one key=", async () => {
    const path = await target("rotation");
    expect((await settings({ extraWebhookKeys: ["rotated-key-2"] })).status).toBe(200);
    try {
      const { customer, product, oneTime } = await seedCatalog(client);
      await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
      await drain();
      const [request] = v2(at(path));
      const { timestamp, keys } = parseSignature(String(request!.headers["steppay-signature"]));
      expect(keys).toEqual([hmac(DEMO_KEY, timestamp, request!.body), hmac("rotated-key-2", timestamp, request!.body)]);
    } finally {
      await settings({ extraWebhookKeys: [] });
    }
  });

  it("renewals: v1 order webhook and v2 payment events for the RECURRING order; a declined one sends payment.failed and UNPAID", async () => {
    const { subscriptionId } = await buySubscription(client);
    const path = await target("renewals");
    const renewed = await handleRenewControl(controlRequest(`/subscriptions/${subscriptionId}/renew`, {}), String(subscriptionId));
    const renewalId = ((await renewed.json()) as { order: { orderId: number } }).order.orderId;
    await drain();
    let requests = at(path);
    expect(v1Bodies(requests)).toEqual([`{"webHookType":"PAYMENT","orderId":${renewalId}}`]); // status unchanged: no v1 subscription webhook
    const paidEvents = v2(requests);
    expect(paidEvents.map((r) => r.json.event).sort()).toEqual(["order.created", "order.payment_completed", "payment.completed", "subscription.updated"]);
    expect(paidEvents.find((r) => r.json.event === "order.payment_completed")!.json.data).toMatchObject({ orderId: renewalId, type: "RECURRING", parentSubscription: { id: subscriptionId } });
    expect(paidEvents.find((r) => r.json.event === "subscription.updated")!.json.data).toMatchObject({ id: subscriptionId, status: "ACTIVE", recurringCount: 2 });

    received.length = 0;
    await handleFailNextControl(controlRequest(`/subscriptions/${subscriptionId}/fail-next`, {}), String(subscriptionId));
    const failed = await handleRenewControl(controlRequest(`/subscriptions/${subscriptionId}/renew`, {}), String(subscriptionId));
    const failedId = ((await failed.json()) as { order: { orderId: number } }).order.orderId;
    await drain();
    requests = at(path);
    expect(v1Bodies(requests)).toEqual([`{"id":${subscriptionId},"status":"UNPAID"}`]);
    const failedEvents = v2(requests);
    expect(failedEvents.map((r) => r.json.event).sort()).toEqual(["order.created", "payment.failed", "subscription.updated"]);
    expect(failedEvents.find((r) => r.json.event === "payment.failed")!.json.data).toMatchObject({
      orderId: failedId,
      paymentDate: null,
      payment: { errorCode: "RENEWAL_CARD_DECLINED", errorMessage: "The stored card was declined" },
    });
  });

  it("a refund sends payment.canceled and order.updated", async () => {
    const { order } = await buySubscription(client);
    const path = await target("refund");
    await client.cancelOrder(order.orderCode, { requestPrice: 1_000, reason: "test" });
    await drain();
    expect(v2(at(path)).map((r) => [r.json.event, r.json.data.returnedAmount])).toEqual([
      ["payment.canceled", 1_000],
      ["order.updated", 1_000],
    ]);
  });

  it("webhookFormat v1 sends v1 only; v2 sends v2 only", async () => {
    const { subscriptionId } = await buySubscription(client);
    const path = await target("formats");
    await settings({ webhookFormat: "v1" });
    await client.pauseSubscription(subscriptionId, { whenToPause: "IMMEDIATE", whenToResume: "NOTHING" });
    await drain();
    expect(at(path).map((r) => r.body)).toEqual([`{"id":${subscriptionId},"status":"PAUSE"}`]);
    await settings({ webhookFormat: "v2" });
    await client.resumeSubscription(subscriptionId);
    await drain();
    expect(at(path)).toHaveLength(2);
    expect(v2(at(path)).map((r) => [r.json.event, r.json.data.status])).toEqual([["subscription.updated", "ACTIVE"]]);
    await settings({ webhookFormat: "both" });
  });

  it("shuffleMs delays each delivery by a random 0..shuffleMs, so deliveries can overtake each other", async () => {
    await settings({ shuffleMs: 4_000 });
    try {
      const db = await stepPayDb();
      const now = new Date();
      const draws = [0.9, 0.1];
      await db.transaction((tx) =>
        enqueueWebhooks(
          tx,
          [
            { format: "v1", event: "subscription.status", orderId: null, subscriptionId: 900_001, body: '{"id":900001,"status":"ACTIVE"}' },
            { format: "v1", event: "subscription.status", orderId: null, subscriptionId: 900_001, body: '{"id":900001,"status":"PAUSE"}' },
          ],
          { now, random: () => draws.shift()! },
        ),
      );
      const [first, second] = await listWebhookDeliveries({ subscriptionId: 900_001 });
      expect(Date.parse(first!.nextAttemptAt!) - now.getTime()).toBe(Math.floor(0.9 * 4_001));
      expect(Date.parse(second!.nextAttemptAt!) - now.getTime()).toBe(Math.floor(0.1 * 4_001));
    } finally {
      await settings({ shuffleMs: 0 });
    }
  });
});

describe("retries (injected clock)", () => {
  it("after a 500 from the store: retried, re-signed with a fresh timestamp, and stopped after a 2xx", async () => {
    const path = await target("retry-injected", [500, 500, 200]);
    const { customer, product, oneTime } = await seedCatalog(client);
    const order = await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
    let clock = Date.now();
    for (let pass = 0; pass < 4; pass += 1) {
      await runDueWebhookDeliveries({ now: () => new Date(clock) });
      clock += 5_000;
    }
    const requests = v2(at(path));
    expect(requests).toHaveLength(3);
    const stamps = requests.map((r) => parseSignature(String(r.headers["steppay-signature"])));
    expect(new Set(stamps.map((s) => s.timestamp)).size).toBe(3);
    requests.forEach((request, i) => {
      expect(request.json.timestamp).toBe(stamps[i]!.timestamp);
      expect(stamps[i]!.keys).toEqual([hmac(DEMO_KEY, stamps[i]!.timestamp, request.body)]);
      expect(request.json.data.orderId).toBe(order.orderId);
    });
    const [delivery] = (await listWebhookDeliveries({ orderId: order.orderId })).filter((d) => d.format === "v2");
    expect(delivery).toMatchObject({ state: "delivered", attemptCount: 3, lastError: null });
    expect(delivery!.attempts.map((a) => [a.attemptNumber, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
  });

  it("gives up after the first attempt and five retries", async () => {
    const path = await target("always-down", [503]);
    const { customer, product, oneTime } = await seedCatalog(client);
    const order = await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
    let clock = Date.now() + 60_000;
    for (let pass = 0; pass < 6; pass += 1) {
      await runDueWebhookDeliveries({ now: () => new Date(clock) });
      const [delivery] = await listWebhookDeliveries({ orderId: order.orderId });
      expect(delivery!.attempts).toHaveLength(pass + 1);
      if (pass < 5) expect(Date.parse(delivery!.nextAttemptAt!) - clock).toBe(WEBHOOK_RETRY_DELAYS_MS[pass]);
      clock += 60_000;
    }
    await runDueWebhookDeliveries({ now: () => new Date(clock + 3_600_000) });
    const [delivery] = await listWebhookDeliveries({ orderId: order.orderId });
    expect(delivery).toMatchObject({ state: "gave_up", attemptCount: 6, lastError: "HTTP 503" });
    expect(at(path)).toHaveLength(6);
  });
});

describe("the dispatcher (real poller, real HTTP server)", () => {
  beforeAll(() => {
    ensureStepPayWebhookDispatcher();
  });

  it("retries after a 500 and stops after a 200", async () => {
    await target("retry-real-setup");
    const { subscriptionId } = await buySubscription(client);
    await waitFor(
      () => listWebhookDeliveries({ subscriptionId }),
      (list) => list.length > 0 && list.every((d) => d.state !== "pending"),
    );
    const path = await target("retry-real", [500, 200]);
    await settings({ webhookFormat: "v1" });
    try {
      // One change, one webhook: v1's {"id","status"}.
      await client.pauseSubscription(subscriptionId, { whenToPause: "IMMEDIATE", whenToResume: "NOTHING" });
      const [delivery] = await waitFor(
        () => listWebhookDeliveries({ subscriptionId }).then((list) => list.filter((d) => d.url.endsWith(path))),
        (list) => list.length === 1 && list[0]!.state !== "pending",
      );
      expect(delivery).toMatchObject({ state: "delivered", attemptCount: 2 });
      expect(delivery!.attempts.map((a) => [a.attemptNumber, a.statusCode, a.error])).toEqual([
        [1, 500, null],
        [2, 200, null],
      ]);
      expect(at(path).map((r) => r.body)).toEqual([`{"id":${subscriptionId},"status":"PAUSE"}`, `{"id":${subscriptionId},"status":"PAUSE"}`]);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(at(path)).toHaveLength(2); // stopped after the 2xx
    } finally {
      await settings({ webhookFormat: "both" });
    }
  });

  it("duplicateRate 1: every delivery arrives exactly twice, byte-identical with the same signature", async () => {
    const path = await target("twice");
    await settings({ duplicateRate: 1 });
    try {
      const { customer, product, oneTime } = await seedCatalog(client);
      const order = await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
      const deliveries = await waitFor(
        () => listWebhookDeliveries({ orderId: order.orderId }),
        (list) => list.length === 2 && list.every((d) => d.state === "delivered"),
      );
      expect(deliveries[1]!.duplicateOf).toBe(deliveries[0]!.id);
      await new Promise((resolve) => setTimeout(resolve, 700));
      const requests = at(path);
      expect(requests).toHaveLength(2);
      expect(requests[1]!.body).toBe(requests[0]!.body);
      expect(requests[1]!.headers["steppay-signature"]).toBe(requests[0]!.headers["steppay-signature"]);
    } finally {
      await settings({ duplicateRate: 0 });
    }
  });

  it("replay: a past delivery again, identical bytes and signature; unknown deliveries are 404", async () => {
    const path = await target("replay");
    const { customer, product, oneTime } = await seedCatalog(client);
    const order = await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
    const [original] = await waitFor(
      () => listWebhookDeliveries({ orderId: order.orderId }),
      (list) => list[0]?.state === "delivered",
    );
    const response = await handleReplayControl(controlRequest(`/webhooks/${original!.id}/replay`, {}), String(original!.id));
    expect(response.status).toBe(200);
    const { delivery } = (await response.json()) as { delivery: WebhookLogEntry };
    expect(delivery).toMatchObject({ replayOf: original!.id, state: "delivered", attemptCount: 1 });
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([200]);
    const requests = at(path);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(requests[1]!.headers["steppay-signature"]).toBe(requests[0]!.headers["steppay-signature"]);

    expect((await handleReplayControl(controlRequest("/webhooks/999999/replay", {}), "999999")).status).toBe(404);
  });

  it("the delivery log, filtered by order or subscription", async () => {
    await target("log");
    const { order, subscriptionId } = await buySubscription(client);
    for (const filter of [{ subscriptionId }, { orderId: order.orderId }]) {
      await waitFor(
        () => listWebhookDeliveries(filter),
        (list) => list.length >= 2 && list.every((d) => d.state === "delivered"),
      );
    }
    const byOrder = (await (await handleWebhooksControl(controlRequest(`/webhooks?orderId=${order.orderId}`))).json()) as { deliveries: WebhookLogEntry[] };
    expect(byOrder.deliveries.length).toBeGreaterThanOrEqual(4);
    expect(byOrder.deliveries.every((d) => d.orderId === order.orderId)).toBe(true);
    expect(byOrder.deliveries.map((d) => `${d.format}:${d.event}`)).toEqual(
      expect.arrayContaining(["v2:order.created", "v2:payment.completed", "v2:order.payment_completed", "v1:order.payment"]),
    );
    const entry = byOrder.deliveries.find((d) => d.event === "order.payment")!;
    expect(entry).toMatchObject({ url: `${origin}/webhooks/log`, body: `{"webHookType":"PAYMENT","orderId":${order.orderId}}`, payload: { webHookType: "PAYMENT", orderId: order.orderId } });
    expect(entry.attempts[0]).toMatchObject({ attemptNumber: 1, statusCode: 200, error: null, signature: null, durationMs: expect.any(Number), startedAt: expect.any(String) });

    const bySubscription = (await (await handleWebhooksControl(controlRequest(`/webhooks?subscriptionId=${subscriptionId}`))).json()) as { deliveries: WebhookLogEntry[] };
    expect(bySubscription.deliveries.map((d) => `${d.format}:${d.event}`).sort()).toEqual(["v1:subscription.status", "v2:subscription.created"]);
    expect((await handleWebhooksControl(controlRequest("/webhooks?orderId=abc"))).status).toBe(400);
  });
});
