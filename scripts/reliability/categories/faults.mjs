/**
 * 4. Provider faults. With the sandbox's fault switch on (http500, timeout past the store's
 * PROVIDER_TIMEOUT_MS=1500, malformed JSON, slow but within the timeout), returns, callbacks and
 * webhooks for orders already paid at the provider must never mark them paid or failed: the return
 * answers 303 to the order page with syncError=1, callbacks and webhooks 503, the order page still
 * renders. Once the switch is off, a later sync completes the order, exactly once. And a store
 * whose StepPay API base is a closed port still takes orders and answers the pay URL with a 303.
 */
import { expectNotPaid, expectPaidOnce } from "../lib/checks.mjs";
import { poll, request } from "../lib/http.mjs";
import {
  CARDS,
  createOrder,
  decideUnifi,
  getOrder,
  landingOf,
  openStepPay,
  openUnifi,
  pay,
  paymentRef,
  postCallback,
  postWebhook,
  setFault,
  signedOrderWebhook,
  submitStepPay,
  timeline,
} from "../lib/shop.mjs";

const FAULTS = [
  { mode: "http500" },
  { mode: "timeout", delayMs: 5000 },
  { mode: "malformed" },
];

export async function providerFaults(cat, store, refused) {
  await Promise.all([store.start(), refused.start()]);
  await store.warmUp();
  try {
    for (const provider of ["steppay", "unifipay"]) {
      for (const fault of FAULTS) await faultScenario(cat, store, provider, fault);
      await slowScenario(cat, store, provider);
      await startDuringFault(cat, store, provider);
    }
  } finally {
    await setFault(store, "steppay", { mode: "none" }).catch(() => undefined);
    await setFault(store, "unifipay", { mode: "none" }).catch(() => undefined);
  }
  await connectionRefused(cat, refused);
}

/** An order opened at the provider, then paid there while the fault is on. */
async function paidDuringFault(store, provider, fault) {
  const order = await createOrder(store, provider);
  if (provider === "steppay") {
    const { token } = await openStepPay(store, order.id);
    const code = await paymentRef(store, order.id);
    await setFault(store, "steppay", fault);
    const returnUrl = await submitStepPay(store, token, CARDS.approved);
    return { order, code, returnUrl };
  }
  const transactionId = await openUnifi(store, order.id);
  await setFault(store, "unifipay", fault);
  const returnUrl = await decideUnifi(store, transactionId, "approve");
  return { order, transactionId, returnUrl };
}

const nameOf = (provider) => (provider === "steppay" ? "StepPay" : "Unifi");

async function faultScenario(cat, store, provider, fault) {
  const label = `${nameOf(provider)} ${fault.mode}`;
  const wing = provider;
  const paid = await paidDuringFault(store, provider, fault);
  const id = paid.order.id;
  try {
    await cat.run(`${label}: the return answers 303 to the order page with syncError=1`, async (t) => {
      const res = await request(paid.returnUrl, { timeoutMs: 20_000 });
      t.expect(res.status === 303, `return answered ${res.status} ${res.text.slice(0, 100)}`);
      const to = new URL(res.location ?? "/", store.app);
      t.expect(`${to.origin}${to.pathname}` === landingOf(store, id, "redirect") && to.searchParams.get("syncError") === "1", `Location ${res.location}`);
      if (fault.mode === "timeout") t.expect(res.ms < 10_000, `the return took ${res.ms} ms (the provider timeout is 1500 ms)`);
    });
    await cat.run(`${label}: the ${provider === "steppay" ? "authentic webhook" : "callback"} answers 503 (retry later)`, async (t) => {
      const res =
        provider === "steppay"
          ? await (async () => {
              const hook = signedOrderWebhook(paid.code, { event: "payment.completed" });
              return postWebhook(store, hook.raw, hook.header, { allow5xx: [503], timeoutMs: 20_000 });
            })()
          : await postCallback(store, { transactionId: paid.transactionId, orderId: id, status: "CONFIRMED", type: "PURCHASE" }, { allow5xx: [503], timeoutMs: 20_000 });
      t.expect(res.status === 503, `answered ${res.status} ${res.text.slice(0, 100)}`);
      t.expect(res.headers.get("content-type")?.includes("json"), "503 is not JSON");
    });
    await cat.run(`${label}: the order page still renders (200) and the API reads the order`, async (t) => {
      const page = await request(`${store.app}/orders/${id}?syncError=1`, { timeoutMs: 20_000 });
      t.expect(page.status === 200 && /<html/i.test(page.text), `order page answered ${page.status}`);
      const api = await request(`${store.app}/api/orders/${id}`);
      t.expect(api.status === 200, `GET /api/orders/{id} answered ${api.status}`);
    });
    await cat.run(`${label}: nothing was decided during the fault (pending, no paid or failed transition)`, async (t) => {
      const order = await expectNotPaid(t, store, id, label);
      t.expect(order?.status === "pending", `status ${order?.status}, expected pending`);
      const events = (await timeline(store, id)) ?? [];
      t.expect(!events.some((e) => e.data?.to === "failed"), "a transition into failed was recorded during the fault");
      t.expect(events.some((e) => e.type === "verification_error"), "no verification_error recorded");
    });
  } finally {
    await setFault(store, wing, { mode: "none" });
  }
  await cat.run(`${label}: after the fault is switched off, a later sync completes the order to paid, once`, async (t) => {
    const res = await request(paid.returnUrl);
    t.expect(res.status === 303 && !/syncError/.test(res.location ?? ""), `return after the fault: ${res.status} ${res.location}`);
    await poll(async () => (await getOrder(store, id))?.status === "paid", { timeoutMs: 10_000 });
    await expectPaidOnce(t, store, id, label);
  });
}

async function slowScenario(cat, store, provider) {
  const label = `${nameOf(provider)} slow (1,000 ms, within the 1,500 ms timeout)`;
  const paid = await paidDuringFault(store, provider, { mode: "slow", delayMs: 1000 });
  try {
    await cat.run(`${label}: the return waits for the answer and the order is paid once`, async (t) => {
      const res = await request(paid.returnUrl, { timeoutMs: 20_000 });
      t.expect(res.status === 303 && !/syncError/.test(res.location ?? ""), `return answered ${res.status} ${res.location}`);
      t.expect(res.ms >= 900, `the return took only ${res.ms} ms: the slow fault did not apply`);
      await expectPaidOnce(t, store, paid.order.id, label);
    });
  } finally {
    await setFault(store, provider, { mode: "none" });
  }
}

async function startDuringFault(cat, store, provider) {
  const label = `${nameOf(provider)} http500 before payment`;
  await setFault(store, provider, { mode: "http500" });
  let order;
  try {
    await cat.run(`${label}: checkout still answers 201 (the order is saved first)`, async (t) => {
      const res = await request(`${store.app}/api/orders`, {
        method: "POST",
        json: { provider, customer: { name: "Fault", email: `fault-${Date.now()}@example.com` }, ...(provider === "unifipay" ? { countryCode: "USA" } : {}), items: [{ productId: "hanok-mug", quantity: 1 }] },
      });
      t.expect(res.status === 201, `answered ${res.status} ${res.text.slice(0, 100)}`);
      order = res.json;
      if (provider === "steppay") t.expect(order?.providerReady === false, `providerReady ${order?.providerReady}, expected false`);
    });
    if (!order?.id) return;
    await cat.run(`${label}: the pay URL answers 303 back to the order with payError (never 500)`, async (t) => {
      for (const mode of ["redirect", "popup"]) {
        const res = await pay(store, order.id, mode);
        t.expect(res.status === 303 && /payError=provider_unavailable/.test(res.location ?? "") && (res.location ?? "").startsWith(landingOf(store, order.id, mode)), `${mode}: ${res.status} ${res.location}`);
      }
      const read = await getOrder(store, order.id);
      t.expect(read?.status === "pending", `status ${read?.status}`);
    });
  } finally {
    await setFault(store, provider, { mode: "none" });
  }
  if (!order?.id) return;
  await cat.run(`${label}: once the provider is back the same order can be paid`, async (t) => {
    let back;
    if (provider === "steppay") {
      const { token } = await openStepPay(store, order.id);
      back = await submitStepPay(store, token, CARDS.approved);
    } else {
      back = await decideUnifi(store, await openUnifi(store, order.id), "approve");
    }
    await request(back);
    await expectPaidOnce(t, store, order.id, label);
  });
}

async function connectionRefused(cat, store) {
  const label = "StepPay API base on a closed port";
  let order;
  await cat.run(`${label}: POST /api/orders answers 201 with providerReady:false`, async (t) => {
    const res = await request(`${store.app}/api/orders`, {
      method: "POST",
      json: { provider: "steppay", customer: { name: "Refused", email: `refused-${Date.now()}@example.com` }, items: [{ productId: "jeju-green-tea", quantity: 2 }] },
    });
    t.expect(res.status === 201 && res.json?.providerReady === false, `answered ${res.status} ${res.text.slice(0, 120)}`);
    order = res.json;
  });
  if (!order?.id) return;
  await cat.run(`${label}: the order is kept (nothing lost) and its page renders`, async (t) => {
    const read = await getOrder(store, order.id);
    if (!read) return t.lost(`order ${order.id}`);
    t.expect(read.status === "pending" && read.totalAmount === order.totalAmount, `read back ${read.status} ${read.totalAmount}`);
    const page = await request(`${store.app}/orders/${order.id}`);
    t.expect(page.status === 200, `order page answered ${page.status}`);
  });
  for (const mode of ["redirect", "popup", "iframe"]) {
    await cat.run(`${label}: GET /api/orders/{id}/pay?mode=${mode} answers 303 back with payError`, async (t) => {
      const res = await pay(store, order.id, mode);
      t.expect(res.status === 303, `answered ${res.status} ${res.text.slice(0, 100)}`);
      t.expect((res.location ?? "").startsWith(landingOf(store, order.id, mode)) && /payError=provider_unavailable/.test(res.location ?? ""), `Location ${res.location}`);
    });
  }
  await cat.run(`${label}: Unifi Pay on the same store is unaffected (pays normally)`, async (t) => {
    const unifi = await createOrder(store, "unifipay");
    await request(await decideUnifi(store, await openUnifi(store, unifi.id), "approve"));
    await expectPaidOnce(t, store, unifi.id, "Unifi order");
  });
}
