import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { getOrder, stepPayIdsOf, timeline } from "./support/api";
import { addToCart, checkout, expectOrderStatus, payByRedirect, payOnStepPay } from "./support/shop";

test("a paid StepPay order is refunded in part, then in full, with StepPay's refunded amount shown", async ({ page }) => {
  await addToCart(page, "pour-over-kettle");
  const orderId = await checkout(page);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await payOnStepPay(page, "Approved");
  await page.waitForURL(`**/orders/${orderId}`);
  await expectOrderStatus(page, "Paid");

  await page.getByLabel("Refund amount (KRW)").fill("20000");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expectOrderStatus(page, "Partially refunded");
  await expect(page.getByText("Refunded: ₩20,000")).toBeVisible();

  // Asking for more than is left is refused by the server with a clear message (the form's own
  // max stops a shopper earlier), and nothing changes.
  const tooMuch = await page.request.post(`/api/orders/${orderId}/refund`, { data: { amount: 50000 } });
  expect(tooMuch.status()).toBe(400);
  expect((await tooMuch.json()).error.message).toContain("between 1 and 39000");
  expect((await (await page.request.get(`/api/orders/${orderId}`)).json()).refundedAmount).toBe(20000);

  await page.getByLabel("Refund amount (KRW)").fill("39000");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expectOrderStatus(page, "Refunded");
  await expect(page.getByText("Refunded: ₩59,000")).toBeVisible();
  const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
  expect(order).toMatchObject({ status: "refunded", paidAmount: 59000, refundedAmount: 59000 });
});

test("a refund made at StepPay, outside the store, shows once a webhook names the order", async ({ page, request }) => {
  await addToCart(page, "hanok-mug");
  const orderId = await checkout(page);
  await payByRedirect(page, orderId);
  await expectOrderStatus(page, "Paid");
  const { code, stepPayOrderId } = await stepPayIdsOf(request, orderId);

  // The merchant refunds part of it in StepPay's dashboard (here: StepPay's API, as the dashboard would).
  const refunded = await request.patch(`${SANDBOX_ORIGIN}/sandbox/steppay/api/v1/orders/${code}/cancel`, {
    headers: { "Secret-Token": "sandbox-steppay-secret-token" },
    data: { requestPrice: 5000, reason: "Refunded in the dashboard" },
  });
  expect(refunded.ok()).toBe(true);

  // StepPay announces the change (order.updated); any webhook naming the order makes the store
  // read it again, and more of them change nothing more.
  await expect.poll(async () => (await getOrder(request, orderId)).refundedAmount).toBe(5000);
  for (let i = 0; i < 2; i++) {
    const hook = await request.post("/api/webhooks/steppay", { data: { webHookType: "PAYMENT", orderId: stepPayOrderId } });
    expect(hook.status()).toBe(200);
  }
  expect(await getOrder(request, orderId)).toMatchObject({ status: "partially_refunded", refundedAmount: 5000 });
  expect((await timeline(request, orderId)).filter((e) => e.type === "refunded")).toHaveLength(1);
  await page.reload();
  await expectOrderStatus(page, "Partially refunded");
});
