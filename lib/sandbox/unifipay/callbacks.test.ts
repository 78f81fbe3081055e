import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { handleUnifiDeliveriesControl, handleUnifiSettingsControl } from "./control";
import { claimDueDeliveries, listSandboxDeliveries, RETRY_DELAYS_MS } from "./deliveries";
import { ensureUnifiDispatcher, runDueDeliveries, stopUnifiDispatcher } from "./dispatcher";
import { handleUnifiDecision } from "./start-page";
import { createSandboxTransaction, findSandboxTransaction } from "./transactions";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["unifipay"]), DATABASE_WARM_UP_MS);

const demo = sandboxSettings().unifipay;

// A real merchant endpoint on 127.0.0.1: each path answers from its own script of status codes.
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
});

afterAll(async () => {
  stopUnifiDispatcher();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeDb();
});

let sequence = 0;
async function pendingTransaction(callbackPath: string) {
  sequence += 1;
  const outcome = await createSandboxTransaction(demo.appId, {
    orderId: `ord_cb_${sequence}`,
    storeId: demo.storeId,
    requestId: `req_cb_${sequence}_${Date.now()}`,
    returnUrl: "http://localhost:3000/return?mode=iframe#top",
    callbackUrl: `${origin}${callbackPath}`,
    countryCode: "KOR",
    orderCurrencyCode: "USD",
    orderAmount: "7.05",
  });
  return outcome.transaction;
}

function decide(transactionId: string, decision: string): Promise<Response> {
  const form = new URLSearchParams({ decision });
  return handleUnifiDecision(
    new Request(`${demo.base}/start/${transactionId}/decide`, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } }),
    transactionId,
  );
}

async function setSettings(settings: Record<string, unknown>): Promise<Response> {
  return handleUnifiSettingsControl(new Request(`${demo.base}/control/settings`, { method: "POST", body: JSON.stringify(settings), headers: { "content-type": "application/json" } }));
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const hits = (path: string) => received.filter((request) => request.path === path);

describe("the shopper's decision", () => {
  it("approve → CONFIRMED, 303 to returnUrl?…&transactionId=, one delivery enqueued", async () => {
    const transaction = await pendingTransaction("/cb/approve");
    const response = await decide(transaction.transactionId, "approve");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://localhost:3000/return?mode=iframe&transactionId=${transaction.transactionId}#top`);
    expect((await findSandboxTransaction(transaction.transactionId))?.status).toBe("CONFIRMED");

    const deliveries = await listSandboxDeliveries(transaction.transactionId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      state: "pending",
      url: `${origin}/cb/approve`,
      attemptCount: 0,
      payload: { transactionId: transaction.transactionId, orderId: transaction.orderId, status: "CONFIRMED", type: "PURCHASE" },
    });
  });

  it("happens once: a second post changes nothing and enqueues nothing", async () => {
    const transaction = await pendingTransaction("/cb/once");
    expect((await decide(transaction.transactionId, "decline")).status).toBe(303);
    const again = await decide(transaction.transactionId, "approve");
    expect(again.status).toBe(303);
    expect((await findSandboxTransaction(transaction.transactionId))?.status).toBe("FAILED");
    expect(await listSandboxDeliveries(transaction.transactionId)).toHaveLength(1);
  });

  it("decides concurrent posts exactly once", async () => {
    const transaction = await pendingTransaction("/cb/race");
    await Promise.all([decide(transaction.transactionId, "approve"), decide(transaction.transactionId, "cancel"), decide(transaction.transactionId, "decline")]);
    const deliveries = await listSandboxDeliveries(transaction.transactionId);
    expect(deliveries).toHaveLength(1);
    const status = (await findSandboxTransaction(transaction.transactionId))?.status;
    expect(deliveries[0]?.payload).toMatchObject({ status });
  });

  it("cancel → CANCELED; bad decision → 400; unknown transaction → 404", async () => {
    const transaction = await pendingTransaction("/cb/cancel");
    expect((await decide(transaction.transactionId, "refund")).status).toBe(400);
    expect((await decide(transaction.transactionId, "cancel")).status).toBe(303);
    expect((await findSandboxTransaction(transaction.transactionId))?.status).toBe("CANCELED");
    expect((await decide("00000000-0000-4000-8000-000000000000", "approve")).status).toBe(404);
  });
});

describe("runDueDeliveries (one pass at a time, clock injected)", () => {
  it("two claims never hand out the same delivery", async () => {
    const transaction = await pendingTransaction("/cb/claims");
    await decide(transaction.transactionId, "approve");
    const now = new Date(Date.now() + 1_000);
    const [a, b] = await Promise.all([claimDueDeliveries(now, 50), claimDueDeliveries(now, 50)]);
    const ids = [...a, ...b].map((delivery) => delivery.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mine = (await listSandboxDeliveries(transaction.transactionId))[0]!;
    expect(ids.filter((id) => id === mine.id)).toHaveLength(1);
    // Still leased: a third claim within the lease gets nothing of it.
    expect((await claimDueDeliveries(now, 50)).map((d) => d.id)).not.toContain(mine.id);
  });

  it("gives up after the first attempt and 5 retries, logging every attempt", async () => {
    await setSettings({ duplicateRate: 0 });
    const transaction = await pendingTransaction("/cb/always-500");
    await decide(transaction.transactionId, "approve");
    const failing: typeof fetch = async () => new Response("down", { status: 500 });
    let clock = Date.now() + 60_000; // past the lease of the claims test above
    for (let pass = 0; pass < 6; pass += 1) {
      await runDueDeliveries({ now: () => new Date(clock), fetch: failing });
      const [delivery] = await listSandboxDeliveries(transaction.transactionId);
      expect(delivery?.attempts).toHaveLength(pass + 1);
      if (pass < 5) {
        expect(delivery?.state).toBe("pending");
        expect(Date.parse(delivery!.nextAttemptAt!) - clock).toBe(RETRY_DELAYS_MS[pass]);
        // Not due yet: a pass right now sends nothing for it.
        await runDueDeliveries({ now: () => new Date(clock + RETRY_DELAYS_MS[pass]! - 1), fetch: failing });
        expect((await listSandboxDeliveries(transaction.transactionId))[0]?.attempts).toHaveLength(pass + 1);
        clock += RETRY_DELAYS_MS[pass]!;
      }
    }
    const [delivery] = await listSandboxDeliveries(transaction.transactionId);
    expect(delivery?.state).toBe("gave_up");
    expect(delivery?.attempts.map((attempt) => [attempt.attemptNumber, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
      [5, 500],
      [6, 500],
    ]);
    await runDueDeliveries({ now: () => new Date(clock + 10 * 60 * 60_000), fetch: failing });
    expect((await listSandboxDeliveries(transaction.transactionId))[0]?.attempts).toHaveLength(6);
  });
});

describe("the dispatcher (real poller, real HTTP server)", () => {
  beforeAll(() => {
    ensureUnifiDispatcher();
  });

  it("retries after a 500 and stops after a 200", async () => {
    await setSettings({ duplicateRate: 0 });
    scripts.set("/cb/retry", [500, 200]);
    const transaction = await pendingTransaction("/cb/retry");
    await decide(transaction.transactionId, "approve");

    const [delivery] = await waitFor(
      () => listSandboxDeliveries(transaction.transactionId),
      (list) => list[0]?.state === "delivered",
    );
    expect(delivery?.attempts.map((attempt) => [attempt.attemptNumber, attempt.statusCode, attempt.url])).toEqual([
      [1, 500, `${origin}/cb/retry`],
      [2, 200, `${origin}/cb/retry`],
    ]);
    expect(delivery?.attempts.every((attempt) => attempt.durationMs >= 0 && attempt.error === null)).toBe(true);

    const requests = hits("/cb/retry");
    expect(requests).toHaveLength(2);
    expect(JSON.parse(requests[0]!.body)).toEqual({ transactionId: transaction.transactionId, orderId: transaction.orderId, status: "CONFIRMED", type: "PURCHASE" });
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(requests[0]!.headers["content-type"]).toBe("application/json");

    // Stopped: nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(hits("/cb/retry")).toHaveLength(2);
  });

  it("sends a successful callback twice when duplicateRate is 1, and only twice", async () => {
    const settings = await setSettings({ duplicateRate: 1 });
    expect(await settings.json()).toEqual({ settings: { duplicateRate: 1, callbackDelayMs: 0 } });
    scripts.set("/cb/twice", [200]);
    const transaction = await pendingTransaction("/cb/twice");
    await decide(transaction.transactionId, "decline");

    const deliveries = await waitFor(
      () => listSandboxDeliveries(transaction.transactionId),
      (list) => list.length === 2 && list.every((delivery) => delivery.state === "delivered"),
    );
    expect(deliveries[1]?.duplicateOf).toBe(deliveries[0]?.id);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const requests = hits("/cb/twice");
    expect(requests).toHaveLength(2);
    expect(requests[0]!.body).toBe(requests[1]!.body);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ status: "FAILED", type: "PURCHASE" });
    await setSettings({ duplicateRate: 0 });
  });

  it("waits callbackDelayMs before the first attempt", async () => {
    await setSettings({ callbackDelayMs: 600 });
    const transaction = await pendingTransaction("/cb/delayed");
    await decide(transaction.transactionId, "approve");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits("/cb/delayed")).toHaveLength(0);
    await waitFor(
      () => listSandboxDeliveries(transaction.transactionId),
      (list) => list[0]?.state === "delivered",
    );
    expect(hits("/cb/delayed")).toHaveLength(1);
    await setSettings({ callbackDelayMs: 0 });
  });
});

describe("control API", () => {
  it("lists deliveries with their attempts, filtered by transactionId", async () => {
    const transaction = await pendingTransaction("/cb/control");
    await decide(transaction.transactionId, "approve");
    await waitFor(
      () => listSandboxDeliveries(transaction.transactionId),
      (list) => list[0]?.state === "delivered",
    );
    const response = await handleUnifiDeliveriesControl(new Request(`${demo.base}/control/deliveries?transactionId=${transaction.transactionId}`));
    expect(response.status).toBe(200);
    const json = (await response.json()) as { deliveries: Array<{ transactionId: string; attempts: Array<{ statusCode: number }> }> };
    expect(json.deliveries).toHaveLength(1);
    expect(json.deliveries[0]?.transactionId).toBe(transaction.transactionId);
    expect(json.deliveries[0]?.attempts.map((attempt) => attempt.statusCode)).toEqual([200]);
  });

  it("validates settings", async () => {
    expect((await setSettings({ duplicateRate: 2 })).status).toBe(400);
    expect((await setSettings({ callbackDelayMs: -1 })).status).toBe(400);
    expect((await setSettings({ duplicateRat: 0 })).status).toBe(400);
    const current = await handleUnifiSettingsControl(new Request(`${demo.base}/control/settings`));
    expect(await current.json()).toEqual({ settings: { duplicateRate: 0, callbackDelayMs: 0 } });
  });
});
