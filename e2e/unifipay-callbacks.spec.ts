import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { createOrder, decideUnifi, getOrder, paidTransitions, startUnifi, timeline } from "./support/api";

/** Route-handler tests over real HTTP: the store's Unifi Pay return and callback against the sandbox. */
test.describe("Unifi Pay return and callback", () => {
  test.beforeAll(async ({ request }) => {
    // The real sender may report a transaction twice; make the sandbox always do it here.
    const response = await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { duplicateRate: 1 } });
    expect(response.ok()).toBe(true);
  });

  test("a callback whose body claims CONFIRMED for a FAILED payment leaves the order unpaid", async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    const transactionId = await startUnifi(request, orderId);
    await decideUnifi(request, transactionId, "decline");
    const response = await request.post("/api/payments/unifipay/callback", {
      data: { transactionId, orderId, status: "CONFIRMED", type: "PURCHASE" },
    });
    expect(response.status()).toBe(200);
    const order = await getOrder(request, orderId);
    expect(order.status).toBe("failed");
    expect(order.paidAmount).toBeNull();
    expect(await paidTransitions(request, orderId)).toBe(0);
  });

  // Sandbox-wide: the callback is held back 2 s (a setting of the whole sandbox), so the return
  // surely arrives first.
  test("a decline reads failed when the shopper's return arrives before the callback", { tag: "@sandbox-wide" }, async ({ request }) => {
    const held = await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 2_000 } });
    expect(held.ok()).toBe(true);
    try {
      const orderId = await createOrder(request, "unifipay");
      const transactionId = await startUnifi(request, orderId);
      await decideUnifi(request, transactionId, "decline");
      // At once, as a browser following the 303 does; the sandbox's callback is still queued.
      const response = await request.get(`/api/payments/unifipay/redirect/return?transactionId=${transactionId}`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect((await getOrder(request, orderId)).status).toBe("failed"); // not "canceled": Unifi said FAILED
      const toFailed = (await timeline(request, orderId)).filter((event) => event.data?.to === "failed" && event.data?.from !== "failed");
      expect(toFailed.map((event) => event.data?.source)).toEqual(["return"]);
      // The callbacks that follow (twice: duplicateRate 1) are read and change nothing.
      await expect.poll(async () => (await timeline(request, orderId)).filter((event) => event.data?.source === "callback").length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect((await getOrder(request, orderId)).status).toBe("failed");
    } finally {
      await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 0 } });
    }
  });

  test("paying again: a late callback or return for the declined first attempt leaves the second one pending", async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    const first = await startUnifi(request, orderId);
    await decideUnifi(request, first, "decline");
    await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("failed");
    // The shopper pays again: a new transaction, and the order is pending once more.
    const second = await startUnifi(request, orderId);
    expect(second).not.toBe(first);
    expect((await getOrder(request, orderId)).status).toBe("pending");
    // The first transaction's callback comes again (Unifi repeats callbacks), and its return too.
    const callback = await request.post("/api/payments/unifipay/callback", { data: { transactionId: first, orderId, status: "FAILED", type: "PURCHASE" } });
    expect(callback.status()).toBe(200);
    const back = await request.get(`/api/payments/unifipay/redirect/return?transactionId=${first}`, { maxRedirects: 0 });
    expect(back.status()).toBe(303);
    expect((await getOrder(request, orderId)).status).toBe("pending");
    // The second attempt still decides the order.
    await decideUnifi(request, second, "approve");
    await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("paid");
    expect(await paidTransitions(request, orderId)).toBe(1);
  });

  test("paid twice (two payment windows): the order is paid once, and the second charge is recorded once for a refund", async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    const first = await startUnifi(request, orderId);
    const second = await startUnifi(request, orderId); // another window, before the first was finished
    await decideUnifi(request, first, "approve");
    expect((await request.get(`/api/payments/unifipay/redirect/return?transactionId=${first}`, { maxRedirects: 0 })).status()).toBe(303);
    expect((await getOrder(request, orderId)).status).toBe("paid");

    await decideUnifi(request, second, "approve");
    for (let i = 0; i < 3; i++) {
      expect((await request.get(`/api/payments/unifipay/popup/return?transactionId=${second}`, { maxRedirects: 0 })).status()).toBe(303);
    }
    const callback = await request.post("/api/payments/unifipay/callback", { data: { transactionId: second, orderId, status: "CONFIRMED", type: "PURCHASE" } });
    expect(callback.status()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 800)); // the sandbox's own (duplicated) callbacks land too

    const order = await getOrder(request, orderId);
    expect(order).toMatchObject({ status: "paid", paidAmount: order.totalAmount });
    expect(await paidTransitions(request, orderId)).toBe(1);
    const seconds = (await timeline(request, orderId)).filter((e) => e.type === "second_payment");
    expect(seconds).toHaveLength(1);
    expect(seconds[0]!.data).toMatchObject({ paymentRef: second, verdict: "paid", providerStatus: "CONFIRMED" });
  });

  test("a payment refunded in Unifi's dashboard: its callback is read, and the order is refunded once", async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    const transactionId = await startUnifi(request, orderId);
    const refundAt = (id: string) => request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/transactions/${id}/refund`);
    expect((await refundAt(transactionId)).status()).toBe(409); // not paid yet: nothing to refund
    await decideUnifi(request, transactionId, "approve");
    await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("paid");

    const refunded = await refundAt(transactionId);
    expect(refunded.status()).toBe(200);
    expect((await refunded.json()).payment.status).toBe("REFUNDED");
    await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("refunded");
    const order = await getOrder(request, orderId);
    expect(order.refundedAmount).toBe(order.paidAmount);
    // The sandbox repeats the callback (duplicateRate 1): both are read, one refund is recorded.
    const readRefunded = async () => (await timeline(request, orderId)).filter((e) => e.type === "verified" && e.data?.source === "callback" && e.data?.providerStatus === "REFUNDED").length;
    await expect.poll(readRefunded, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const callback = await request.post("/api/payments/unifipay/callback", { data: { transactionId, orderId, status: "REFUNDED", type: "REFUND" } });
    expect(callback.status()).toBe(200);
    const refunds = (await timeline(request, orderId)).filter((e) => e.type === "refunded");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.data).toMatchObject({ paymentRef: transactionId, from: "paid", to: "refunded" });
  });

  test("paid twice, and the extra charge refunded in Unifi's dashboard: the order stays paid, the refund noted", async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    const first = await startUnifi(request, orderId);
    const second = await startUnifi(request, orderId);
    await decideUnifi(request, first, "approve");
    await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("paid");
    await decideUnifi(request, second, "approve");
    await expect.poll(async () => (await timeline(request, orderId)).filter((e) => e.type === "second_payment").length).toBe(1);

    expect((await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/transactions/${second}/refund`)).status()).toBe(200);
    await expect.poll(async () => (await timeline(request, orderId)).filter((e) => e.type === "refunded_outside").length).toBe(1);
    expect((await getOrder(request, orderId)).status).toBe("paid");
    expect((await timeline(request, orderId)).filter((e) => e.type === "refunded")).toHaveLength(0);
  });

  test("paid twice, both announced at once: paid once, and exactly one second charge recorded", { tag: "@sandbox-wide" }, async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    const transactions = [await startUnifi(request, orderId), await startUnifi(request, orderId)];
    // The sandbox's own callbacks held back (a sandbox-wide setting): only the triggers below race.
    const settings = `${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`;
    expect((await request.post(settings, { data: { callbackDelayMs: 600_000 } })).ok()).toBe(true);
    try {
      for (const transactionId of transactions) await decideUnifi(request, transactionId, "approve");
      // Both returns at once: both read the order while it is still pending, and whichever pays it,
      // the other is judged after that payment was recorded.
      const returns = transactions.map((transactionId) => request.get(`/api/payments/unifipay/redirect/return?transactionId=${transactionId}`, { maxRedirects: 0 }));
      for (const response of await Promise.all(returns)) expect(response.status()).toBe(303);
      // Then every announcement again, as the provider repeats them: nothing more is recorded.
      for (const transactionId of transactions) {
        const callback = await request.post("/api/payments/unifipay/callback", { data: { transactionId, orderId, status: "CONFIRMED", type: "PURCHASE" } });
        expect(callback.status()).toBe(200);
      }
    } finally {
      await request.post(settings, { data: { callbackDelayMs: 0 } });
    }

    expect((await getOrder(request, orderId)).status).toBe("paid");
    expect(await paidTransitions(request, orderId)).toBe(1);
    const seconds = (await timeline(request, orderId)).filter((e) => e.type === "second_payment");
    expect(seconds).toHaveLength(1);
    expect(transactions).toContain(seconds[0]!.data?.paymentRef);
  });

  test("a callback for an unknown transaction gets 200 and changes nothing", async ({ request }) => {
    const orderId = await createOrder(request, "unifipay");
    await startUnifi(request, orderId);
    const before = await getOrder(request, orderId);
    const response = await request.post("/api/payments/unifipay/callback", {
      data: { transactionId: "00000000-0000-4000-8000-000000000000", orderId, status: "CONFIRMED", type: "PURCHASE" },
    });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, ignored: "unknown_transaction" });
    expect(await getOrder(request, orderId)).toEqual(before);
  });

  test("malformed callbacks are acknowledged and ignored; oversized ones are refused", async ({ request }) => {
    for (const data of ["not json", JSON.stringify({ nothing: true }), JSON.stringify({ transactionId: 42 })]) {
      const response = await request.post("/api/payments/unifipay/callback", { headers: { "content-type": "application/json" }, data });
      expect(response.status()).toBe(200);
      expect((await response.json()).ignored).toBe("malformed");
    }
    const huge = await request.post("/api/payments/unifipay/callback", { headers: { "content-type": "application/json" }, data: JSON.stringify({ transactionId: "x", pad: "x".repeat(64 * 1024) }) });
    expect(huge.status()).toBe(413);
  });

  for (const order of ["return first", "callback first", "all at once, twice each"] as const) {
    test(`return and callback (${order}) give exactly one paid transition`, async ({ request }) => {
      const orderId = await createOrder(request, "unifipay");
      const transactionId = await startUnifi(request, orderId);
      await decideUnifi(request, transactionId, "approve");
      const sendReturn = () => request.get(`/api/payments/unifipay/redirect/return?transactionId=${transactionId}`, { maxRedirects: 0 });
      const sendCallback = () => request.post("/api/payments/unifipay/callback", { data: { transactionId, orderId, status: "CONFIRMED", type: "PURCHASE" } });
      if (order === "return first") {
        expect((await sendReturn()).status()).toBe(303);
        expect((await sendCallback()).status()).toBe(200);
      } else if (order === "callback first") {
        expect((await sendCallback()).status()).toBe(200);
        expect((await sendReturn()).status()).toBe(303);
      } else {
        const responses = await Promise.all([sendReturn(), sendCallback(), sendReturn(), sendCallback()]);
        expect(responses.map((r) => r.status()).sort()).toEqual([200, 200, 303, 303]);
      }
      // The sandbox's own (duplicated) callbacks land too; give them a moment, then count.
      await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("paid");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await paidTransitions(request, orderId)).toBe(1);
      expect((await getOrder(request, orderId)).paidAmount).toBe(1350);
    });
  }
});
