import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { addToCart, checkout, expectOrderStatus, payOnStepPay } from "./support/shop";

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
