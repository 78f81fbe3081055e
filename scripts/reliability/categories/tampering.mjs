/**
 * 1. Tampering: forged and mismatched return URLs and callbacks, and payments whose amount differs
 * from the store's. Whatever the query or body claims, no order may move into paid unless the
 * provider's own API reports a matching payment.
 */
import { randomUUID } from "node:crypto";
import { expectNotPaid, expectPaidOnce, expectRedirect } from "../lib/checks.mjs";
import { request } from "../lib/http.mjs";
import { editPglite } from "../lib/pglite-edit.mjs";
import {
  CARDS,
  MODES,
  createOrder,
  decideUnifi,
  getOrder,
  landingOf,
  openStepPay,
  openUnifi,
  paymentRef,
  postCallback,
  stepPayApi,
  stepPayOrderAtProvider,
  submitStepPay,
  timeline,
  unifiApi,
} from "../lib/shop.mjs";

export async function tampering(cat, store) {
  const app = store.app;
  const unknown = `${app}/`;
  const stepReturn = (mode, outcome, query) => request(`${app}/api/payments/steppay/${mode}/${outcome}?${query}`);
  const unifiReturn = (mode, query) => request(`${app}/api/payments/unifipay/${mode}/return?${query}`);
  const orders = []; // { id, label, paid: boolean }
  const track = (id, label, paid = false) => orders.push({ id, label, paid });

  // ---- Fixtures: real orders in every state, through the real flow ----
  // StepPay: one paid (and its return delivered), two opened but unpaid, one declined.
  const sPaid = await createOrder(store, "steppay");
  const sPaidOpen = await openStepPay(store, sPaid.id);
  const sPaidReturn = await submitStepPay(store, sPaidOpen.token, CARDS.approved);
  await request(sPaidReturn);
  const sPaidCode = new URL(sPaidReturn).searchParams.get("order_code");
  const sPaidNumeric = new URL(sPaidReturn).searchParams.get("order_id");
  track(sPaid.id, "StepPay paid", true);

  const sU1 = await createOrder(store, "steppay", [{ productId: "jeju-green-tea", quantity: 2 }]);
  await openStepPay(store, sU1.id);
  const sU1Code = await paymentRef(store, sU1.id);
  const sU1Numeric = String((await stepPayOrderAtProvider(store, sU1Code))?.id ?? "1");
  track(sU1.id, "StepPay unpaid #1");

  const sU2 = await createOrder(store, "steppay", [{ productId: "linen-tote", quantity: 1 }]);
  await openStepPay(store, sU2.id);
  const sU2Code = await paymentRef(store, sU2.id);
  track(sU2.id, "StepPay unpaid #2");

  const sDeclined = await createOrder(store, "steppay");
  const sDeclinedOpen = await openStepPay(store, sDeclined.id);
  await request(await submitStepPay(store, sDeclinedOpen.token, CARDS.declined));
  const sDeclinedCode = await paymentRef(store, sDeclined.id);
  track(sDeclined.id, "StepPay declined");

  // Unifi: paid, pending (never decided), failed, canceled.
  const uPaid = await createOrder(store, "unifipay");
  const uPaidTx = await openUnifi(store, uPaid.id);
  await request(await decideUnifi(store, uPaidTx, "approve"));
  track(uPaid.id, "Unifi paid", true);

  const uPending = await createOrder(store, "unifipay", [{ productId: "brass-spoon-set", quantity: 1 }]);
  const uPendingTx = await openUnifi(store, uPending.id);
  track(uPending.id, "Unifi pending");

  const uFailed = await createOrder(store, "unifipay");
  const uFailedTx = await openUnifi(store, uFailed.id);
  await request(await decideUnifi(store, uFailedTx, "decline"));
  track(uFailed.id, "Unifi failed");

  const uCanceled = await createOrder(store, "unifipay");
  const uCanceledTx = await openUnifi(store, uCanceled.id);
  await request(await decideUnifi(store, uCanceledTx, "cancel"));
  track(uCanceled.id, "Unifi canceled");

  await cat.run("fixtures: the genuinely paid StepPay and Unifi orders are paid once", async (t) => {
    await expectPaidOnce(t, store, sPaid.id, "StepPay paid");
    await expectPaidOnce(t, store, uPaid.id, "Unifi paid");
  });

  // ---- Forged StepPay returns: status=success on an unpaid order, every mode × outcome path ----
  for (const outcome of ["success", "error", "cancel"]) {
    for (const mode of MODES) {
      await cat.run(`StepPay ${mode}/${outcome} return with status=success for an unpaid order`, async (t) => {
        const res = await stepReturn(mode, outcome, `order_id=${sU1Numeric}&order_code=${sU1Code}&status=success`);
        expectRedirect(t, res, landingOf(store, sU1.id, mode), "return");
        await expectNotPaid(t, store, sU1.id, "StepPay unpaid #1");
      });
    }
  }

  await cat.run("StepPay return naming another unpaid order's order_code (order_id of #1, code of #2)", async (t) => {
    const res = await stepReturn("redirect", "success", `order_id=${sU1Numeric}&order_code=${sU2Code}&status=success`);
    expectRedirect(t, res, landingOf(store, sU2.id, "redirect"), "return");
    await expectNotPaid(t, store, sU1.id, "StepPay unpaid #1");
    await expectNotPaid(t, store, sU2.id, "StepPay unpaid #2");
  });

  await cat.run("a paid order's order_code used on an unpaid order's return", async (t) => {
    const res = await stepReturn("redirect", "success", `order_id=${sU1Numeric}&order_code=${sPaidCode}&status=success`);
    // The code names the paid order: the shopper is sent to that order, never to #1.
    expectRedirect(t, res, landingOf(store, sPaid.id, "redirect"), "return");
    await expectNotPaid(t, store, sU1.id, "StepPay unpaid #1");
    await expectPaidOnce(t, store, sPaid.id, "StepPay paid");
  });

  await cat.run("paid order's numeric order_id with an unpaid order's code", async (t) => {
    const res = await stepReturn("popup", "success", `order_id=${sPaidNumeric}&order_code=${sU2Code}&status=success`);
    expectRedirect(t, res, landingOf(store, sU2.id, "popup"), "return");
    await expectNotPaid(t, store, sU2.id, "StepPay unpaid #2");
  });

  await cat.run("declined order's return replayed with status=success", async (t) => {
    const res = await stepReturn("redirect", "success", `order_code=${sDeclinedCode}&status=success`);
    expectRedirect(t, res, landingOf(store, sDeclined.id, "redirect"), "return");
    const order = await expectNotPaid(t, store, sDeclined.id, "StepPay declined");
    t.expect(order?.status === "failed", `declined order is ${order?.status}, expected failed`);
  });

  const junkCodes = [
    ["unknown order_code", "order_doesNotExist0001"],
    ["garbage order_code", encodeURIComponent("'; DROP TABLE orders; --")],
    ["oversized order_code (5,000 characters)", "a".repeat(5000)],
    ["oversized order_code (101 characters, just over the limit)", "b".repeat(101)],
    ["unicode order_code", encodeURIComponent("주문_코드_🍵")],
    ["order_code with a path and a host", encodeURIComponent("//evil.example/order_x")],
    ["empty order_code", ""],
  ];
  for (const [name, code] of junkCodes) {
    await cat.run(`StepPay return with ${name}`, async (t) => {
      const res = await stepReturn("redirect", "success", `order_id=${sU1Numeric}&order_code=${code}&status=success`);
      expectRedirect(t, res, unknown, "return");
      await expectNotPaid(t, store, sU1.id, "StepPay unpaid #1");
    });
  }

  await cat.run("StepPay return with no order_code at all, only order_id and status", async (t) => {
    const res = await stepReturn("iframe", "success", `order_id=${sU1Numeric}&status=success`);
    expectRedirect(t, res, unknown, "return");
    await expectNotPaid(t, store, sU1.id, "StepPay unpaid #1");
  });

  await cat.run("StepPay return whose order_id and status disagree with the order (order_id=999999999, status=paid)", async (t) => {
    const res = await stepReturn("redirect", "success", `order_id=999999999&order_code=${sU2Code}&status=paid`);
    expectRedirect(t, res, landingOf(store, sU2.id, "redirect"), "return");
    await expectNotPaid(t, store, sU2.id, "StepPay unpaid #2");
  });

  await cat.run("StepPay return with forged amount parameters (paidAmount, amount, paymentDate)", async (t) => {
    const res = await stepReturn("redirect", "success", `order_code=${sU2Code}&status=success&paidAmount=32000&amount=32000&paymentDate=2024-01-01T00:00:00`);
    expectRedirect(t, res, landingOf(store, sU2.id, "redirect"), "return");
    await expectNotPaid(t, store, sU2.id, "StepPay unpaid #2");
  });

  await cat.run("StepPay return with two order_code parameters (unpaid first, paid second)", async (t) => {
    const res = await stepReturn("redirect", "success", `order_code=${sU2Code}&order_code=${sPaidCode}&status=success`);
    t.expect(res.status === 303, `status ${res.status}`);
    await expectNotPaid(t, store, sU2.id, "StepPay unpaid #2");
  });

  // ---- Unifi returns ----
  for (const mode of MODES) {
    await cat.run(`Unifi ${mode} return carrying another (paid) order's transactionId`, async (t) => {
      const res = await unifiReturn(mode, `transactionId=${uPaidTx}&orderId=${uPending.id}&status=CONFIRMED`);
      // The transactionId names the paid order: the shopper lands there; the pending order is untouched.
      expectRedirect(t, res, landingOf(store, uPaid.id, mode), "return");
      await expectNotPaid(t, store, uPending.id, "Unifi pending");
      await expectPaidOnce(t, store, uPaid.id, "Unifi paid");
    });
  }

  const junkTx = [
    ["an unknown transactionId (random UUID)", randomUUID()],
    ["a transactionId that is a URL", encodeURIComponent("https://evil.example/x")],
    ["a garbage transactionId", encodeURIComponent("' OR 1=1 --")],
    ["an oversized transactionId (4,000 characters)", "f".repeat(4000)],
    ["a unicode transactionId", encodeURIComponent("거래-🍵")],
    ["no transactionId", ""],
  ];
  for (const [name, tx] of junkTx) {
    await cat.run(`Unifi return with ${name}`, async (t) => {
      const res = await unifiReturn("redirect", tx ? `transactionId=${tx}` : "status=CONFIRMED");
      expectRedirect(t, res, unknown, "return");
      await expectNotPaid(t, store, uPending.id, "Unifi pending");
    });
  }

  // ---- Forged Unifi callbacks claiming CONFIRMED ----
  const forged = [
    ["PENDING", uPendingTx, uPending.id, "Unifi pending"],
    ["FAILED", uFailedTx, uFailed.id, "Unifi failed"],
    ["CANCELED", uCanceledTx, uCanceled.id, "Unifi canceled"],
  ];
  for (const [state, tx, orderId, label] of forged) {
    await cat.run(`forged Unifi callback claiming CONFIRMED for a ${state} payment`, async (t) => {
      const before = await getOrder(store, orderId);
      const res = await postCallback(store, { transactionId: tx, orderId, status: "CONFIRMED", type: "PURCHASE", payAmount: 13.5, orderAmount: "13.50" });
      t.expect(res.status === 200, `callback answered ${res.status}`);
      const after = await expectNotPaid(t, store, orderId, label);
      t.expect(after?.status === before?.status, `status moved ${before?.status} → ${after?.status}`);
    });
  }

  await cat.run("forged Unifi callback: pending order's orderId with the paid order's transactionId", async (t) => {
    const res = await postCallback(store, { transactionId: uPaidTx, orderId: uPending.id, status: "CONFIRMED", type: "PURCHASE" });
    t.expect(res.status === 200, `callback answered ${res.status}`);
    await expectNotPaid(t, store, uPending.id, "Unifi pending");
    await expectPaidOnce(t, store, uPaid.id, "Unifi paid");
  });

  await cat.run("forged Unifi callback with an unknown transactionId", async (t) => {
    const res = await postCallback(store, { transactionId: randomUUID(), orderId: uPending.id, status: "CONFIRMED", type: "PURCHASE" });
    t.expect(res.status === 200 && res.json?.ignored === "unknown_transaction", `callback answered ${res.status} ${res.text.slice(0, 100)}`);
    await expectNotPaid(t, store, uPending.id, "Unifi pending");
  });

  await cat.run("Unifi return for the still-PENDING payment (shopper came back without paying)", async (t) => {
    const res = await unifiReturn("redirect", `transactionId=${uPendingTx}&status=CONFIRMED`);
    expectRedirect(t, res, landingOf(store, uPending.id, "redirect"), "return");
    await expectNotPaid(t, store, uPending.id, "Unifi pending");
  });

  // ---- Replayed returns of paid orders: still exactly one transition into paid ----
  for (const mode of MODES) {
    await cat.run(`replayed StepPay ${mode} return of an already-paid order`, async (t) => {
      const res = await stepReturn(mode, "success", `order_id=${sPaidNumeric}&order_code=${sPaidCode}&status=success`);
      expectRedirect(t, res, landingOf(store, sPaid.id, mode), "return");
      await expectPaidOnce(t, store, sPaid.id, "StepPay paid");
    });
    await cat.run(`replayed Unifi ${mode} return of an already-paid order`, async (t) => {
      const res = await unifiReturn(mode, `transactionId=${uPaidTx}`);
      expectRedirect(t, res, landingOf(store, uPaid.id, mode), "return");
      await expectPaidOnce(t, store, uPaid.id, "Unifi paid");
    });
  }

  await cat.run("replayed StepPay error and cancel returns of a paid order do not unpay it", async (t) => {
    await stepReturn("redirect", "error", `order_code=${sPaidCode}&status=error`);
    await stepReturn("redirect", "cancel", `order_code=${sPaidCode}&status=cancel`);
    await expectPaidOnce(t, store, sPaid.id, "StepPay paid");
  });

  // ---- Payments at the provider that are not this store's, or not for this amount ----
  await cat.run("a StepPay order paid at the provider but created outside the store: its return is not believed", async (t) => {
    // Made directly at the sandbox with the demo Secret-Token: cheaper items, paid with a real card.
    const outsider = `outsider-${Date.now()}@example.com`;
    const customer = await stepPayApi(store, "POST", "/api/v1/customers", { username: outsider, name: "Outsider", email: outsider });
    const product = await stepPayApi(store, "POST", "/api/v1/products", { name: "Cheap thing", type: "BOX", status: "SALE" });
    const price = await stepPayApi(store, "POST", `/api/v1/products/${product.json?.id}/prices`, { price: 100, unit: "KRW", type: "ONE_TIME", plan: { name: "cheap", description: "" } });
    const foreign = await stepPayApi(store, "POST", "/api/v1/orders", {
      customerCode: customer.json?.code,
      items: [{ productCode: product.json?.code, priceCode: price.json?.code, currency: "KRW", minimumQuantity: 1, maximumQuantity: 1 }],
    });
    if (!t.expect(foreign.status === 201 && foreign.json?.orderCode, `sandbox order: ${foreign.status} ${foreign.text.slice(0, 160)}`)) return;
    const link = await stepPayApi(store, "GET", `/api/v1/orders/${foreign.json.orderCode}/pay?successUrl=${encodeURIComponent(`${app}/api/payments/steppay/redirect/success`)}`);
    const token = /\/checkout\/([^/?#]+)/.exec(link.location ?? "")?.[1];
    if (!t.expect(token, `pay link: ${link.status}`)) return;
    const back = await submitStepPay(store, token, CARDS.approved);
    // The shopper of unpaid order #2 comes back with the outsider's (paid) code.
    const res = await request(`${back}`.replace(/order_id=\d+/, `order_id=${sU1Numeric}`));
    expectRedirect(t, res, unknown, "return");
    await expectNotPaid(t, store, sU1.id, "StepPay unpaid #1");
    await expectNotPaid(t, store, sU2.id, "StepPay unpaid #2");
  });

  const uForeignTarget = await createOrder(store, "unifipay", [{ productId: "pour-over-kettle", quantity: 1 }]);
  await openUnifi(store, uForeignTarget.id);
  track(uForeignTarget.id, "Unifi target of a foreign transaction");
  await cat.run("a Unifi payment created outside the store for this order id with a different amount ($0.01), approved", async (t) => {
    const created = await unifiApi(store, "POST", "/api/v1/payment", {
      orderId: uForeignTarget.id,
      storeId: "sandbox-store-001",
      requestId: randomUUID(),
      returnUrl: `${app}/api/payments/unifipay/redirect/return`,
      callbackUrl: `${app}/api/payments/unifipay/callback`,
      countryCode: "USA",
      orderCurrencyCode: "USD",
      orderAmount: "0.01",
    });
    if (!t.expect(created.status === 200 && created.json?.transactionId, `sandbox create: ${created.status} ${created.text.slice(0, 160)}`)) return;
    const back = await decideUnifi(store, created.json.transactionId, "approve");
    const res = await request(back);
    expectRedirect(t, res, unknown, "return");
    const cb = await postCallback(store, { transactionId: created.json.transactionId, orderId: uForeignTarget.id, status: "CONFIRMED", type: "PURCHASE" });
    t.expect(cb.status === 200, `callback ${cb.status}`);
    await expectNotPaid(t, store, uForeignTarget.id, "Unifi target");
  });

  await cat.run("two orders with different items: the cheaper order's paid code asked about on the dearer order's return", async (t) => {
    // Emulated amount mismatch without touching the provider: order A (1 mug) is paid; the return
    // handler is handed A's code while the shopper's order is B (3 kettles). B must stay unpaid.
    const a = await createOrder(store, "steppay", [{ productId: "hanok-mug", quantity: 1 }]);
    const b = await createOrder(store, "steppay", [{ productId: "pour-over-kettle", quantity: 3 }]);
    track(a.id, "StepPay cheap A", true);
    track(b.id, "StepPay dear B");
    await openStepPay(store, b.id);
    const { token } = await openStepPay(store, a.id);
    const back = new URL(await submitStepPay(store, token, CARDS.approved));
    const res = await stepReturn("redirect", "success", `order_code=${back.searchParams.get("order_code")}&status=success&amount=${b.totalAmount}`);
    expectRedirect(t, res, landingOf(store, a.id, "redirect"), "return");
    await expectNotPaid(t, store, b.id, "StepPay dear B");
    await expectPaidOnce(t, store, a.id, "StepPay cheap A");
  });

  // ---- A real amount mismatch: the provider's record of the amount is changed under the store ----
  const sMm = await createOrder(store, "steppay", [{ productId: "single-origin-beans", quantity: 2 }]);
  const sMmOpen = await openStepPay(store, sMm.id);
  const sMmCode = await paymentRef(store, sMm.id);
  const subMm = await createOrder(store, "steppay", [{ productId: "coffee-box-monthly", quantity: 1 }]);
  const subMmOpen = await openStepPay(store, subMm.id);
  const subMmCode = await paymentRef(store, subMm.id);
  track(subMm.id, "StepPay subscription amount mismatch");
  const uMm = await createOrder(store, "unifipay", [{ productId: "single-origin-beans", quantity: 2 }]);
  const uMmTx = await openUnifi(store, uMm.id);
  track(sMm.id, "StepPay amount mismatch");
  track(uMm.id, "Unifi amount mismatch");
  // The sandbox keeps its state in the store's database: edit it offline, the server stopped.
  await store.stop("SIGTERM");
  const edited = await editPglite(store.dataDir, [
    ["update sbx_steppay_orders set amount_due = amount_due - 1000 where code = $1", [sMmCode]],
    ["update sbx_steppay_orders set amount_due = amount_due - 1000 where code = $1", [subMmCode]],
    ["update sbx_unifi_transactions set amount_cents = amount_cents - 100, order_amount = $2 where transaction_id = $1", [uMmTx, ((uMm.totalAmount - 100) / 100).toFixed(2)]],
  ]);
  await store.start({ fresh: false });
  await store.warmUp();
  await cat.run("amount mismatch: StepPay charges 1,000 won less than the store's total → review, never paid", async (t) => {
    t.expect(edited[0] === 1, `provider-side edit touched ${edited[0]} StepPay order(s)`);
    const back = await submitStepPay(store, sMmOpen.token, CARDS.approved);
    const provider = await stepPayOrderAtProvider(store, sMmCode);
    t.expect(provider?.paidAmount === sMm.totalAmount - 1000, `provider paidAmount ${provider?.paidAmount}, expected ${sMm.totalAmount - 1000}`);
    const res = await request(back);
    expectRedirect(t, res, landingOf(store, sMm.id, "redirect"), "return");
    const order = await expectNotPaid(t, store, sMm.id, "StepPay amount mismatch");
    t.expect(order?.status === "review", `status ${order?.status}, expected review`);
    const events = await timeline(store, sMm.id);
    t.expect(events?.some((e) => e.data?.verdict === "mismatch" && e.data?.checks?.some((c) => c.field === "paidAmount" && !c.ok)), "timeline shows no failed paidAmount check");
  });
  await cat.run("amount mismatch on a subscription's first order → review, and the subscription StepPay started is still the shopper's to cancel", async (t) => {
    t.expect(edited[1] === 1, `provider-side edit touched ${edited[1]} StepPay order(s)`);
    const back = await submitStepPay(store, subMmOpen.token, CARDS.approved);
    await request(back);
    const order = await expectNotPaid(t, store, subMm.id, "StepPay subscription amount mismatch");
    t.expect(order?.status === "review", `status ${order?.status}, expected review`);
    const page = await request(`${app}/orders/${subMm.id}`);
    const token = /\/subscriptions\/([^"?#]+)"/.exec(page.text)?.[1];
    t.expect(Boolean(token), "the order page under review offers no link to manage the subscription");
    if (!token) return;
    const list = await request(`${app}/api/subscriptions`, { headers: { "x-subscriber-token": decodeURIComponent(token) } });
    const subs = list.json?.subscriptions ?? [];
    t.expect(list.status === 200 && subs.length === 1, `subscriptions of the order: ${list.status} ${list.text.slice(0, 120)}`);
    t.expect(subs[0]?.status === "ACTIVE", `subscription status ${subs[0]?.status}`);
  });
  await cat.run("amount mismatch: Unifi confirms $1.00 less than the store's total → review, never paid", async (t) => {
    t.expect(edited[2] === 1, `provider-side edit touched ${edited[2]} Unifi transaction(s)`);
    const back = await decideUnifi(store, uMmTx, "approve");
    const res = await request(back);
    expectRedirect(t, res, landingOf(store, uMm.id, "redirect"), "return");
    await postCallback(store, { transactionId: uMmTx, orderId: uMm.id, status: "CONFIRMED", type: "PURCHASE" });
    const order = await expectNotPaid(t, store, uMm.id, "Unifi amount mismatch");
    t.expect(order?.status === "review", `status ${order?.status}, expected review`);
    const pay = await request(`${app}/api/orders/${uMm.id}/pay?mode=redirect`);
    t.expect(pay.status === 303 && /payError=not_payable/.test(pay.location ?? ""), `paying an order under review again: ${pay.status} ${pay.location}`);
  });

  // ---- Final sweep: every order of this category, read back through the API ----
  for (const o of orders) {
    await cat.run(`final state: ${o.label} ${o.paid ? "paid exactly once" : "never paid"}`, async (t) => {
      if (o.paid) await expectPaidOnce(t, store, o.id, o.label);
      else await expectNotPaid(t, store, o.id, o.label);
    });
  }
  // The cancel path: a canceled order can still be paid for real afterwards (no lock-out by forgery).
  await cat.run("an order canceled by forged returns can still be paid for real", async (t) => {
    const { token } = await openStepPay(store, sU1.id);
    const res = await request(await submitStepPay(store, token, CARDS.approved));
    expectRedirect(t, res, landingOf(store, sU1.id, "redirect"), "return");
    await expectPaidOnce(t, store, sU1.id, "StepPay #1 paid for real");
  });
}
