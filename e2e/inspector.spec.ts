import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { chooseMode, completeOnProvider, expectOrderStatus, newOrder } from "./support/shop";

test("the inspector shows every step of a popup payment, with the verification's reasons", async ({ page }) => {
  await newOrder(page, "steppay");
  await chooseMode(page, "Popup");
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: /^Pay/ }).click();
  const popup = await popupPromise;
  await popup.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await completeOnProvider(popup, "steppay", "approve");
  await expectOrderStatus(page, "Paid");

  const inspector = page.getByRole("group", { name: "How this payment worked" });
  await expect(inspector).toBeVisible();
  // The store's calls to StepPay, in order, with their statuses.
  await expect(inspector.getByText(/POST \/api\/v1\/customers · 201/)).toBeVisible();
  await expect(inspector.getByText(/POST \/api\/v1\/orders · 201/)).toBeVisible();
  await expect(inspector.getByText(/GET \/api\/v1\/orders\/order_\w+\/pay\?successUrl=.*popup.* · 302/)).toBeVisible();
  await expect(inspector.getByText("Payment page opened by popup")).toBeVisible();
  // The return, and the verification: each field compared, all matching.
  await expect(inspector.getByText("Return URL (browser came back)")).toBeVisible();
  const verified = inspector.locator("li[data-event=verified]").filter({ hasText: "pending → paid" });
  await expect(verified).toHaveCount(1);
  for (const field of ["orderCode", "paymentDate", "paidAmount", "currency"]) {
    await expect(verified.locator(`tr[data-check=${field}]`)).toHaveAttribute("data-ok", "true");
  }
  await expect(verified.locator("tr[data-check=paidAmount]")).toContainText("18000");
  // Secrets never appear.
  await expect(inspector).not.toContainText("sandbox-steppay-secret-token");
});

test("for Unifi Pay the inspector shows the string that was signed, without any secret", async ({ page }) => {
  await newOrder(page, "unifipay");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await completeOnProvider(page, "unifipay", "approve");
  await expectOrderStatus(page, "Paid");
  const inspector = page.getByRole("group", { name: "How this payment worked" });
  await inspector.getByText(/POST \/api\/v1\/payment · 200/).click();
  const signed = inspector.getByTestId("string-to-sign").first();
  await expect(signed).toContainText(/^POST\/api\/v1\/payment\{X-API-Key\}\d{13}\{"orderId":/);
  await expect(inspector).not.toContainText("sandbox-unifi-app-secret");
  await expect(inspector).not.toContainText("sandbox-unifi-api-key");
});
