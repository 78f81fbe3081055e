import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { subscriptions } from "@/lib/db/schema";
import { config } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { insertSubscription } from "@/lib/subscriptions/test-fixtures";
import { receiveStepPayWebhook } from "./steppay-webhook";

// vitest runs with PGLITE_DIR=memory:// : this file's own embedded database. Small limits, the
// same rules: unsigned bodies up to 1 KiB, signed ones kept up to 4 KiB and hashed up to 16 KiB.
const limits = { unsignedBytes: 1024, keepBytes: 4096, hashBytes: 16384 };
const secret = config().steppay.webhookSecret!;
const now = () => Math.floor(Date.now() / 1000);
// Computed here by hand, independently of the code under test.
const sign = (key: string, ts: number, raw: string) => `timestamp=${ts},key=${createHmac("sha256", key).update(`${ts}.${raw}`, "utf8").digest("base64")}`;

/** A subscription event as StepPay sends it, its relatedOrders padded to `bytes`. */
function subscriptionEvent(bytes: number, ts = now()): string {
  const head = JSON.stringify({ timestamp: ts, version: "v1", event: "subscription.updated", data: { id: 424242, status: "ACTIVE", relatedOrders: [] } });
  const padding = JSON.stringify([{ id: 1, code: "x".repeat(Math.max(0, bytes - head.length - 20)) }]);
  return head.replace('"relatedOrders":[]', `"relatedOrders":${padding}`);
}

/** A request whose body streams in 1000-byte chunks; `reads` counts the pulls. */
function streamed(raw: string, headers: Record<string, string>) {
  const bytes = new TextEncoder().encode(raw);
  const state = { reads: 0 };
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.reads++;
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 1000));
      offset += 1000;
    },
  }, { highWaterMark: 0 }); // pulled only when read
  const request = new Request("http://store.test/api/webhooks/steppay", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, state };
}


async function lastSyncedAt(id: number): Promise<number> {
  const [row] = await (await getDb()).select({ at: subscriptions.lastSyncedAt }).from(subscriptions).where(eq(subscriptions.id, id));
  return row!.at.getTime();
}

describe("receiveStepPayWebhook: body limits", () => {
  it("answers an authentic delivery too large to keep with 2xx and queues every live subscription for a re-read", async () => {
    const live = await insertSubscription("ACTIVE");
    const ended = await insertSubscription("CANCELED");
    const endedBefore = await lastSyncedAt(ended.id);
    const raw = subscriptionEvent(10_000);
    expect(raw.length).toBeGreaterThan(limits.keepBytes);
    const { request } = streamed(raw, { "steppay-signature": sign(secret, now(), raw) });

    const answer = await receiveStepPayWebhook(request, limits);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, ignored: "too_large" });
    expect(await lastSyncedAt(live.id)).toBe(0);
    expect(await lastSyncedAt(ended.id)).toBe(endedBefore);
  });

  it("refuses the same large body signed with another key, and queues nothing", async () => {
    const live = await insertSubscription("ACTIVE");
    const before = await lastSyncedAt(live.id);
    const raw = subscriptionEvent(10_000);
    const { request } = streamed(raw, { "steppay-signature": sign("not-the-key", now(), raw) });

    const answer = await receiveStepPayWebhook(request, limits);

    expect(answer.status).toBe(401);
    expect(await lastSyncedAt(live.id)).toBe(before);
  });

  it("refuses a large body whose last byte was changed after signing", async () => {
    const raw = subscriptionEvent(10_000);
    const header = sign(secret, now(), raw);
    const { request } = streamed(raw.slice(0, -2) + " }", { "steppay-signature": header });
    expect((await receiveStepPayWebhook(request, limits)).status).toBe(401);
  });

  it("refuses a stale or malformed signature header without reading the body", async () => {
    const raw = subscriptionEvent(10_000);
    const stale = streamed(raw, { "steppay-signature": sign(secret, now() - 3600, raw) });
    const malformed = streamed(raw, { "steppay-signature": "key=abc" });

    expect((await receiveStepPayWebhook(stale.request, limits)).body).toMatchObject({ error: { code: "invalid_signature" } });
    expect((await receiveStepPayWebhook(malformed.request, limits)).status).toBe(401);
    expect(stale.state.reads).toBe(0);
    expect(malformed.state.reads).toBe(0);
  });

  it("stops reading a signed body past the hashing limit (413)", async () => {
    const raw = subscriptionEvent(20_000);
    const { request, state } = streamed(raw, { "steppay-signature": sign(secret, now(), raw) });
    const error = await receiveStepPayWebhook(request, limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect(state.reads).toBeLessThan(20);
  });

  it("caps an unsigned body at the unsigned limit (v1 deliveries are a few dozen bytes)", async () => {
    const { request } = streamed(JSON.stringify({ id: 1, status: "ACTIVE", padding: "x".repeat(2000) }), {});
    const error = await receiveStepPayWebhook(request, limits).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(413);
  });

  it("handles an authentic delivery within the keeping limit as usual", async () => {
    const ts = now();
    const raw = JSON.stringify({ timestamp: ts, version: "v1", event: "customer.updated", data: { id: 1 } });
    const { request } = streamed(raw, { "steppay-signature": sign(secret, ts, raw) });
    const answer = await receiveStepPayWebhook(request, limits);
    expect(answer).toEqual({ status: 200, body: { ok: true, ignored: "event_not_used" } });
  });

  it("answers an authentic body that is not JSON with 2xx (never redelivered) and an unsigned one with 400", async () => {
    const ts = now();
    const raw = `{"timestamp":${ts},"event":"payment.completed","data":{`;
    const signed = streamed(raw, { "steppay-signature": sign(secret, ts, raw) });
    expect(await receiveStepPayWebhook(signed.request, limits)).toEqual({ status: 200, body: { ok: true, ignored: "not_json" } });
    const unsigned = streamed("{nope", {});
    expect((await receiveStepPayWebhook(unsigned.request, limits)).status).toBe(400);
  });
});
