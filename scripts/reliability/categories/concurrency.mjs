/**
 * 3. Concurrency: 100 concurrent duplicates of the return, the Unifi callback and the StepPay
 * webhook for one order paid at the provider → exactly one transition into paid and no 5xx; 50
 * shoppers checking out at once → 50 distinct, correctly priced orders, none lost. The same
 * functions run against two instances sharing PostgreSQL (category 8): pass several stores and
 * the requests are spread over them.
 */
import { expectPaidOnce } from "../lib/checks.mjs";
import { request } from "../lib/http.mjs";
import { holdDeliveries, landingOf, loadCatalog, orderBody, postCallback, releaseDeliveries, signedOrderWebhook, stepPayPaidAtProvider, unifiPaidAtProvider } from "../lib/shop.mjs";
import { mulberry32 } from "../lib/random.mjs";

export async function concurrency(cat, stores, { label = "", duplicates = 100, shoppers = 50 } = {}) {
  await duplicateStorms(cat, stores, { label, duplicates });
  await checkoutRush(cat, stores, { label, shoppers });
}

function checkLanding(t, responses, stores, orderId, what) {
  const bad = responses.filter((r) => r.status !== 303 || !stores.some((s) => (r.location ?? "").startsWith(landingOf(s, orderId, "redirect"))));
  t.expect(bad.length === 0, `${bad.length}/${responses.length} ${what} not 303 to the order page (e.g. ${bad[0]?.status} ${bad[0]?.location ?? bad[0]?.error ?? bad[0]?.text?.slice(0, 80)})`);
  return responses.filter((r) => /syncError=1/.test(r.location ?? "")).length;
}

export async function duplicateStorms(cat, stores, { label = "", duplicates = 100 } = {}) {
  const first = stores[0];
  const at = (i) => stores[i % stores.length];
  const where = stores.length > 1 ? ` across ${stores.length} instances` : "";
  await holdDeliveries(first); // the sandbox's own deliveries stay out of the race
  try {
    const steppay = await stepPayPaidAtProvider(first);
    const unifi = await unifiPaidAtProvider(first);
    const stepReturn = new URL(steppay.returnUrl);
    const unifiReturn = new URL(unifi.returnUrl);
    const hook = signedOrderWebhook(steppay.code, { event: "payment.completed" });

    const stepTasks = [];
    const unifiTasks = [];
    for (let i = 0; i < duplicates; i++) {
      const s = at(i);
      const other = at(i + 1);
      stepTasks.push(() => request(`${s.app}${stepReturn.pathname}${stepReturn.search}`, { timeoutMs: 60_000 }).then((r) => ({ kind: "return", ...r })));
      stepTasks.push(() =>
        request(`${other.app}/api/webhooks/steppay`, { method: "POST", body: hook.raw, headers: { "content-type": "application/json", "Steppay-Signature": hook.header }, timeoutMs: 60_000 }).then((r) => ({ kind: "webhook", ...r })),
      );
      unifiTasks.push(() => request(`${s.app}${unifiReturn.pathname}${unifiReturn.search}`, { timeoutMs: 60_000 }).then((r) => ({ kind: "return", ...r })));
      unifiTasks.push(() => postCallback(other, { transactionId: unifi.transactionId, orderId: unifi.order.id, status: "CONFIRMED", type: "PURCHASE" }, { timeoutMs: 60_000 }).then((r) => ({ kind: "callback", ...r })));
    }
    // One storm per order (returns with webhooks, then returns with callbacks): 200 requests in flight
    // at once each, so a loaded machine does not turn the store's own sandbox calls into timeouts.
    let started = Date.now();
    const stepResults = await Promise.all(stepTasks.map((task) => task()));
    cat.note(`${label}StepPay storm: ${stepTasks.length} concurrent requests${where} answered in ${Date.now() - started} ms`);
    started = Date.now();
    const unifiResults = await Promise.all(unifiTasks.map((task) => task()));
    cat.note(`${label}Unifi storm: ${unifiTasks.length} concurrent requests${where} answered in ${Date.now() - started} ms`);

    await cat.run(`${label}StepPay: ${duplicates} returns + ${duplicates} identical signed webhooks at once${where} → one transition into paid`, async (t) => {
      const syncErrors = checkLanding(t, stepResults.filter((r) => r.kind === "return"), stores, steppay.order.id, "returns");
      const hooks = stepResults.filter((r) => r.kind === "webhook");
      const badHooks = hooks.filter((r) => r.status !== 200);
      t.expect(badHooks.length === 0, `${badHooks.length}/${hooks.length} webhooks not 200 (e.g. ${badHooks[0]?.status} ${badHooks[0]?.text?.slice(0, 80)})`);
      const duplicatesSeen = hooks.filter((r) => r.json?.duplicate === true).length;
      if (syncErrors) cat.note(`${label}StepPay storm: ${syncErrors} returns could not ask the provider in time (syncError=1; nothing changed for them)`);
      cat.note(`${label}StepPay storm: ${duplicatesSeen}/${hooks.length} webhook deliveries answered as duplicates`);
      await expectPaidOnce(t, first, steppay.order.id, "StepPay order");
    });
    await cat.run(`${label}Unifi: ${duplicates} returns + ${duplicates} callbacks at once${where} → one transition into paid`, async (t) => {
      const syncErrors = checkLanding(t, unifiResults.filter((r) => r.kind === "return"), stores, unifi.order.id, "returns");
      const callbacks = unifiResults.filter((r) => r.kind === "callback");
      const bad = callbacks.filter((r) => r.status !== 200);
      t.expect(bad.length === 0, `${bad.length}/${callbacks.length} callbacks not 200 (e.g. ${bad[0]?.status} ${bad[0]?.text?.slice(0, 80)})`);
      if (syncErrors) cat.note(`${label}Unifi storm: ${syncErrors} returns could not ask the provider in time (syncError=1; nothing changed for them)`);
      await expectPaidOnce(t, first, unifi.order.id, "Unifi order");
    });
    for (const s of stores.slice(1)) {
      await cat.run(`${label}both orders read the same (paid, once) through ${s.name}`, async (t) => {
        await expectPaidOnce(t, s, steppay.order.id, "StepPay order");
        await expectPaidOnce(t, s, unifi.order.id, "Unifi order");
      });
    }
  } finally {
    await releaseDeliveries(first);
  }
}

export async function checkoutRush(cat, stores, { label = "", shoppers = 50, seed = 4242 } = {}) {
  const catalog = loadCatalog();
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const carts = [];
  for (let i = 0; i < shoppers; i++) {
    const provider = i % 2 === 0 ? "steppay" : "unifipay";
    const choices = catalog.filter((p) => provider === "steppay" || p.kind === "one_time");
    const lines = new Map();
    const count = 1 + Math.floor(random() * 3);
    for (let j = 0; j < count; j++) {
      const product = pick(choices);
      lines.set(product.id, Math.min(10, (lines.get(product.id) ?? 0) + 1 + Math.floor(random() * 3)));
    }
    const items = [...lines].map(([productId, quantity]) => ({ productId, quantity }));
    const currency = provider === "steppay" ? "KRW" : "USD";
    const expected = items.reduce((sum, line) => sum + catalog.find((p) => p.id === line.productId)[currency] * line.quantity, 0);
    carts.push({ provider, items, expected, currency });
  }
  const started = Date.now();
  const results = await Promise.all(
    carts.map((cart, i) => request(`${stores[i % stores.length].app}/api/orders`, { method: "POST", json: orderBody(cart.provider, cart.items), timeoutMs: 90_000 })),
  );
  const where = stores.length > 1 ? ` split across ${stores.length} instances` : "";
  cat.note(`${label}${shoppers} concurrent checkouts${where} answered in ${Date.now() - started} ms; ${results.filter((r) => r.json?.providerReady === false).length} not yet prepared at the provider`);

  await cat.run(`${label}${shoppers} shoppers check out at once${where} → ${shoppers} × 201 with distinct ids`, async (t) => {
    const created = results.filter((r) => r.status === 201 && r.json?.id);
    t.expect(created.length === shoppers, `${created.length}/${shoppers} answered 201 (others: ${results.filter((r) => r.status !== 201).map((r) => r.status || r.error).slice(0, 5).join(", ")})`);
    t.expect(new Set(created.map((r) => r.json.id)).size === created.length, "duplicate order ids");
  });
  await cat.run(`${label}every one of the ${shoppers} orders is priced from the catalog (totalAmount and currency)`, async (t) => {
    const wrong = results.filter((r, i) => r.status === 201 && (r.json.totalAmount !== carts[i].expected || r.json.currency !== carts[i].currency));
    if (wrong.length) t.wrong(`${wrong.length} order(s) priced wrongly, e.g. ${wrong[0].json.totalAmount} ${wrong[0].json.currency}`);
  });
  await cat.run(`${label}every one of the ${shoppers} orders reads back (none lost), with its lines and total${stores.length > 1 ? " through the other instance" : ""}`, async (t) => {
    let missing = 0;
    let mismatched = 0;
    await Promise.all(
      results.map(async (r, i) => {
        if (r.status !== 201) return;
        const reader = stores[(i + 1) % stores.length];
        const read = await request(`${reader.app}/api/orders/${r.json.id}`);
        if (read.status !== 200) {
          missing++;
          return;
        }
        const o = read.json;
        const linesOk = carts[i].items.every((line) => o.items.some((item) => item.productId === line.productId && item.quantity === line.quantity));
        if (o.totalAmount !== carts[i].expected || o.status !== "pending" || !linesOk || o.items.length !== carts[i].items.length) mismatched++;
      }),
    );
    if (missing) t.lost(`${missing} created order(s) cannot be read back`);
    t.expect(mismatched === 0, `${mismatched} order(s) read back differently from what was sent`);
  });
}
