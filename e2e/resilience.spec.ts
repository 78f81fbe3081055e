import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { createOrder, decideUnifi, getOrder, paidTransitions, startUnifi, stepPayIdsOf, timeline } from "./support/api";
import { addToCart, checkout, expectOrderStatus, payByRedirect } from "./support/shop";

// These tests change sandbox-wide settings (Unifi Pay's callback delay, StepPay's fault switch):
// tagged @sandbox-wide, they run alone, after the parallel projects (playwright.config.ts).

test("an order whose return and callback never arrived still ends paid, through the reconciler", { tag: "@sandbox-wide" }, async ({ request }) => {
  // Hold the sandbox's callbacks back for ten minutes: only the reconciler can learn of the payment.
  const held = await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 600_000 } });
  expect(held.ok()).toBe(true);
  try {
    const orderId = await createOrder(request, "unifipay");
    const transactionId = await startUnifi(request, orderId);
    // The shopper approves, and the browser never follows the redirect back to the store.
    await decideUnifi(request, transactionId, "approve");
    expect((await getOrder(request, orderId)).status).toBe("pending");
    await expect.poll(async () => (await getOrder(request, orderId)).status, { timeout: 20_000 }).toBe("paid");
    expect(await paidTransitions(request, orderId)).toBe(1);
    const events = await timeline(request, orderId);
    expect(events.some((e) => e.data?.source === "reconciler" && e.data?.to === "paid")).toBe(true);
  } finally {
    await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 0 } });
  }
});

test("an order canceled by an early return ends paid when the payment is confirmed after all, through the reconciler", { tag: "@sandbox-wide" }, async ({ request }) => {
  test.setTimeout(90_000);
  const held = await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 600_000 } });
  expect(held.ok()).toBe(true);
  try {
    const orderId = await createOrder(request, "unifipay");
    const transactionId = await startUnifi(request, orderId);
    // The browser comes back before the shopper decided: Unifi says PENDING, so the store reads
    // "left without paying".
    const back = await request.get(`/api/payments/unifipay/redirect/return?transactionId=${transactionId}`, { maxRedirects: 0 });
    expect(back.status()).toBe(303);
    expect((await getOrder(request, orderId)).status).toBe("canceled");
    // The payment is confirmed after all (another tab), and its callback never arrives.
    await decideUnifi(request, transactionId, "approve");
    await expect.poll(async () => (await getOrder(request, orderId)).status, { timeout: 60_000, intervals: [1_000] }).toBe("paid");
    expect(await paidTransitions(request, orderId)).toBe(1);
    const events = await timeline(request, orderId);
    expect(events.some((e) => e.data?.source === "reconciler" && e.data?.from === "canceled" && e.data?.to === "paid")).toBe(true);
  } finally {
    await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 0 } });
  }
});

/** A paid StepPay order, paid through the shop by redirect: its id and StepPay's order code. */
async function paidStepPayOrder(page: Page, request: APIRequestContext): Promise<{ orderId: string; code: string }> {
  await addToCart(page, "hanok-mug");
  const orderId = await checkout(page);
  await payByRedirect(page, orderId);
  await expectOrderStatus(page, "Paid");
  return { orderId, code: (await stepPayIdsOf(request, orderId)).code };
}

test("two refunds sent at once: one goes through, the other is told a refund is in progress", { tag: "@sandbox-wide" }, async ({ page, request }) => {
  const { orderId, code } = await paidStepPayOrder(page, request);

  // StepPay takes two seconds over this order's cancel call, so the second request arrives while
  // the first is still at StepPay (a double-submitted form, two tabs).
  const armed = await request.post(`${SANDBOX_ORIGIN}/sandbox/steppay/control/faults`, { data: { mode: "slow", count: 1, delayMs: 2_000, paths: `/${code}/cancel` } });
  expect(armed.ok()).toBe(true);
  try {
    const first = page.request.post(`/api/orders/${orderId}/refund`, { data: { amount: 1000 } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = await page.request.post(`/api/orders/${orderId}/refund`, { data: { amount: 1000 } });
    expect(second.status()).toBe(409);
    expect((await second.json()).error.code).toBe("refund_in_progress");
    expect((await first).status()).toBe(200);
    // StepPay's returned total, as the store shows it: one refund, not two.
    expect(await getOrder(request, orderId)).toMatchObject({ status: "partially_refunded", refundedAmount: 1000 });
    // Once the first is done, the next refund goes ahead.
    const third = await page.request.post(`/api/orders/${orderId}/refund`, { data: { amount: 1000 } });
    expect(third.status()).toBe(200);
    expect((await getOrder(request, orderId)).refundedAmount).toBe(2000);
  } finally {
    await request.post(`${SANDBOX_ORIGIN}/sandbox/steppay/control/faults`, { data: { mode: "none" } });
  }
});

test("a refund whose answer StepPay lost is still recorded, from StepPay's order", { tag: "@sandbox-wide" }, async ({ page, request }) => {
  const { orderId, code } = await paidStepPayOrder(page, request);
  // StepPay carries out this order's cancel call, and its answer never reaches the store.
  const armed = await request.post(`${SANDBOX_ORIGIN}/sandbox/steppay/control/faults`, { data: { mode: "lost", count: 1, paths: `/${code}/cancel` } });
  expect(armed.ok()).toBe(true);
  try {
    const refund = await page.request.post(`/api/orders/${orderId}/refund`, { data: { amount: 1000 } });
    expect(refund.status()).toBe(200);
    expect(await getOrder(request, orderId)).toMatchObject({ status: "partially_refunded", refundedAmount: 1000 });
    const recorded = (await timeline(request, orderId)).filter((e) => e.type === "refunded");
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.summary).toContain("answer was lost");
  } finally {
    await request.post(`${SANDBOX_ORIGIN}/sandbox/steppay/control/faults`, { data: { mode: "none" } });
  }
});
