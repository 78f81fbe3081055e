/**
 * 2. Webhooks: POST /api/webhooks/steppay. Signatures computed by hand with node:crypto:
 * base64(HMAC-SHA256(key, `${timestamp}.${rawBody}`)). Every forged, stale, altered or malformed
 * delivery is refused and changes nothing; every authentic one is answered 2xx; a replay is a no-op.
 */
import { expectNotPaid, expectPaidOnce } from "../lib/checks.mjs";
import {
  DEMO,
  createOrder,
  holdDeliveries,
  openStepPay,
  paymentRef,
  postWebhook,
  releaseDeliveries,
  signWebhook,
  signedOrderWebhook,
  stepPayOrderAtProvider,
  stepPayPaidAtProvider,
  timeline,
  webhookBody,
} from "../lib/shop.mjs";

const now = () => Math.floor(Date.now() / 1000);

export async function webhooks(cat, store) {
  await holdDeliveries(store); // only this category's deliveries reach the store
  try {
    await run(cat, store);
  } finally {
    await releaseDeliveries(store);
  }
}

async function run(cat, store) {
  // An order paid at StepPay that the store has not heard of yet: what a forged webhook would love to complete.
  const paidAtProvider = await stepPayPaidAtProvider(store);
  const pending = paidAtProvider.order;
  const pendingCode = paidAtProvider.code;
  // And an order nobody paid.
  const unpaid = await createOrder(store, "steppay");
  await openStepPay(store, unpaid.id);
  const unpaidCode = await paymentRef(store, unpaid.id);
  const unpaidNumeric = (await stepPayOrderAtProvider(store, unpaidCode))?.id;

  const refused = async (t, res, what) => {
    if (res.status >= 200 && res.status < 300) t.wrong(`${what} answered ${res.status} ${res.text.slice(0, 100)}`);
    else t.expect(res.status === 401, `${what}: ${res.status}, expected 401`);
    await expectNotPaid(t, store, pending.id, "order paid at StepPay, unknown to the store");
  };

  const valid = () => signedOrderWebhook(pendingCode, { event: "payment.completed" });

  await cat.run("bad signature (random bytes)", async (t) => {
    const { raw } = valid();
    await refused(t, await postWebhook(store, raw, `timestamp=${now()},key=${Buffer.from("not the signature at all, 32 b!").toString("base64")}`), "bad signature");
  });
  await cat.run("missing Steppay-Signature header on a v2 body", async (t) => {
    await refused(t, await postWebhook(store, valid().raw, null), "unsigned v2 body");
  });
  await cat.run("malformed header: no timestamp", async (t) => {
    const { raw } = valid();
    await refused(t, await postWebhook(store, raw, `key=${signWebhook(DEMO.steppayWebhookKey, now(), raw)}`), "header without timestamp");
  });
  await cat.run("malformed header: garbage", async (t) => {
    await refused(t, await postWebhook(store, valid().raw, "v1=deadbeef; t=now"), "garbage header");
  });
  await cat.run("malformed header: non-numeric timestamp", async (t) => {
    const { raw } = valid();
    await refused(t, await postWebhook(store, raw, `timestamp=now,key=${signWebhook(DEMO.steppayWebhookKey, now(), raw)}`), "non-numeric timestamp");
  });
  await cat.run("empty header value", async (t) => {
    await refused(t, await postWebhook(store, valid().raw, ""), "empty header");
  });
  await cat.run("signed with the wrong key", async (t) => {
    const { raw, header } = signedOrderWebhook(pendingCode, { key: "not-the-webhook-key" });
    await refused(t, await postWebhook(store, raw, header), "wrong key");
  });
  await cat.run("stale timestamp (−6 minutes), correctly signed", async (t) => {
    const { raw, header } = signedOrderWebhook(pendingCode, { timestamp: now() - 360 });
    await refused(t, await postWebhook(store, raw, header), "stale timestamp");
  });
  await cat.run("future timestamp (+6 minutes), correctly signed", async (t) => {
    const { raw, header } = signedOrderWebhook(pendingCode, { timestamp: now() + 360 });
    await refused(t, await postWebhook(store, raw, header), "future timestamp");
  });
  await cat.run("body changed after signing (order code swapped)", async (t) => {
    const { raw, header } = signedOrderWebhook(unpaidCode);
    await refused(t, await postWebhook(store, raw.replace(unpaidCode, pendingCode), header), "altered body");
  });
  await cat.run("body re-serialised after signing (whitespace only)", async (t) => {
    const { raw, header } = valid();
    await refused(t, await postWebhook(store, JSON.stringify(JSON.parse(raw), null, 1), header), "re-serialised body");
  });
  await cat.run("header timestamp differs from the signed timestamp", async (t) => {
    const ts = now();
    const raw = webhookBody("payment.completed", { orderCode: pendingCode }, ts);
    await refused(t, await postWebhook(store, raw, `timestamp=${ts - 1},key=${signWebhook(DEMO.steppayWebhookKey, ts, raw)}`), "timestamp swapped");
  });
  await cat.run("key rotation with two wrong keys", async (t) => {
    const ts = now();
    const raw = webhookBody("payment.completed", { orderCode: pendingCode }, ts);
    await refused(t, await postWebhook(store, raw, `timestamp=${ts},key=${signWebhook("old-key", ts, raw)};${signWebhook("other-key", ts, raw)}`), "two wrong keys");
  });
  await cat.run("v1-shaped unsigned body naming the unpaid order (no change)", async (t) => {
    const res = await postWebhook(store, JSON.stringify({ webHookType: "PAYMENT", orderId: unpaidNumeric }), null);
    // v1 is unsigned by design: it may be answered 2xx, but only a lookup at StepPay may act on it.
    t.expect(res.status === 200 || res.status === 401, `v1 answered ${res.status}`);
    await expectNotPaid(t, store, unpaid.id, "unpaid order");
  });
  await cat.run("v1-shaped unsigned subscription body for an unknown subscription (no change)", async (t) => {
    const res = await postWebhook(store, JSON.stringify({ id: 987654, status: "ACTIVE" }), null);
    t.expect(res.status < 500, `answered ${res.status}`);
  });
  await cat.run("malformed JSON without a signature → 400", async (t) => {
    const res = await postWebhook(store, '{"event": "payment.completed", "data": {', null);
    t.expect(res.status === 400, `answered ${res.status}`);
  });
  await cat.run("malformed JSON with a valid signature → 2xx (authentic: never redelivered), nothing acted on", async (t) => {
    const ts = now();
    const raw = `{"timestamp":${ts},"event":"payment.completed","data":{"orderCode":"${pendingCode}"`;
    const res = await postWebhook(store, raw, `timestamp=${ts},key=${signWebhook(DEMO.steppayWebhookKey, ts, raw)}`);
    t.expect(res.status === 200 && res.text.includes("not_json"), `answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectNotPaid(t, store, pending.id, "order paid at StepPay, unknown to the store");
  });
  // A signed body is hashed as it streams and kept up to 1 MiB (a subscription's DTO grows ~5 KB
  // per renewal); an unsigned one (v1: a few dozen bytes) is capped at 64 KiB. 12 MiB is also past
  // the 10 MB at which Next cuts its copy of a body for the middleware: the route must still read
  // the whole body (a cut one would fail its signature, and StepPay would send it forever).
  const large = (ts) => webhookBody("payment.completed", { orderCode: pendingCode, padding: "x".repeat(12 * 1024 * 1024) }, ts);
  await cat.run("forged body larger than the store keeps (12 MiB) → 401", async (t) => {
    const ts = now();
    const raw = large(ts);
    await refused(t, await postWebhook(store, raw, `timestamp=${ts},key=${signWebhook("not-the-key", ts, raw)}`), "forged 12 MiB body");
  });
  await cat.run("authentic body larger than the store keeps (12 MiB) → 2xx, its content never acted on", async (t) => {
    const ts = now();
    const raw = large(ts);
    const res = await postWebhook(store, raw, `timestamp=${ts},key=${signWebhook(DEMO.steppayWebhookKey, ts, raw)}`);
    t.expect(res.status === 200 && res.text.includes("too_large"), `answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectNotPaid(t, store, pending.id, "order paid at StepPay, unknown to the store");
  });
  await cat.run("unsigned body over 64 KiB → 413", async (t) => {
    const res = await postWebhook(store, JSON.stringify({ id: 987654, status: "ACTIVE", padding: "x".repeat(100 * 1024) }), null);
    t.expect(res.status === 413, `answered ${res.status}`);
  });

  // ---- Authentic deliveries ----
  await cat.run("authentic payment.completed naming the unpaid order → 2xx, order stays unpaid (StepPay says so)", async (t) => {
    const { raw, header } = signedOrderWebhook(unpaidCode, { extra: { paidAmount: 18000, paymentDate: "2024-01-01T00:00:00" } });
    const res = await postWebhook(store, raw, header);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectNotPaid(t, store, unpaid.id, "unpaid order");
  });
  await cat.run("authentic event of an unknown type → 2xx (ignored)", async (t) => {
    const { raw, header } = signedOrderWebhook(unpaidCode, { event: "invoice.something_new" });
    const res = await postWebhook(store, raw, header);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectNotPaid(t, store, unpaid.id, "unpaid order");
  });
  await cat.run("authentic event naming an order unknown to the store and to StepPay → 2xx (ignored)", async (t) => {
    const { raw, header } = signedOrderWebhook("order_neverExisted01");
    const res = await postWebhook(store, raw, header);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
  });
  await cat.run("authentic event with an unusable shape (data is not an object) → 2xx", async (t) => {
    const ts = now();
    const raw = JSON.stringify({ timestamp: ts, version: "v1", event: "order.updated", data: "not-an-object" });
    const res = await postWebhook(store, raw, `timestamp=${ts},key=${signWebhook(DEMO.steppayWebhookKey, ts, raw)}`);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
  });

  const delivery = signedOrderWebhook(pendingCode, { event: "order.payment_completed" });
  await cat.run("authentic delivery for the order paid at StepPay → 2xx and the order becomes paid", async (t) => {
    const res = await postWebhook(store, delivery.raw, delivery.header);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
    const { events } = await expectPaidOnce(t, store, pending.id, "order paid at StepPay");
    t.expect(events?.some((e) => e.data?.to === "paid" && e.data?.source === "webhook"), "the paid transition is not attributed to the webhook");
  });
  await cat.run("replay of that exact delivery → 2xx duplicate, no second transition", async (t) => {
    const res = await postWebhook(store, delivery.raw, delivery.header);
    t.expect(res.status === 200 && res.json?.duplicate === true, `replay answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectPaidOnce(t, store, pending.id, "order paid at StepPay");
  });

  // Key rotation: the header carries one signature per key; one right key is enough.
  const rotated = await stepPayPaidAtProvider(store);
  await cat.run("key rotation: old (wrong) key first, right key second → accepted", async (t) => {
    const ts = now();
    const raw = webhookBody("payment.completed", { orderCode: rotated.code }, ts);
    const res = await postWebhook(store, raw, `timestamp=${ts},key=${signWebhook("retired-key-2023", ts, raw)};${signWebhook(DEMO.steppayWebhookKey, ts, raw)}`);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectPaidOnce(t, store, rotated.order.id, "rotated-key order");
  });
  await cat.run("key rotation: right key first, new key second, with spaces → accepted (duplicate of an earlier event is fine)", async (t) => {
    const ts = now();
    const raw = webhookBody("order.updated", { orderCode: rotated.code }, ts);
    const res = await postWebhook(store, raw, `timestamp=${ts}, key=${signWebhook(DEMO.steppayWebhookKey, ts, raw)} ; ${signWebhook("next-key-2025", ts, raw)}`);
    t.expect(res.status === 200, `answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectPaidOnce(t, store, rotated.order.id, "rotated-key order");
  });

  await cat.run("final state: the unpaid order was never paid", async (t) => {
    await expectNotPaid(t, store, unpaid.id, "unpaid order");
    const events = await timeline(store, unpaid.id);
    t.expect(Array.isArray(events), "timeline unreadable");
  });
}
