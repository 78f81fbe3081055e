import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { expectNoViolations } from "./support/axe";
import { addToCart, checkout, expectOrderStatus, payOnStepPay } from "./support/shop";

/** axe-core on every kind of page a shopper, a merchant or a presenter sees: 0 violations. */
test("home, product, cart and checkout pages", async ({ page }) => {
  await page.goto("/");
  await expectNoViolations(page, "home");
  await addToCart(page, "hanok-mug");
  await expectNoViolations(page, "product page");
  await page.goto("/cart");
  await expectNoViolations(page, "cart");
  await page.goto("/checkout");
  await expectNoViolations(page, "checkout");
});

// axe on long pages is slow on a busy 2-core machine: these tests get more time.
test.describe.configure({ timeout: 150_000 });

test("order page (pending and paid), hosted payment page, subscriptions and the sandbox panel", async ({ page }) => {
  await addToCart(page, "coffee-box-monthly");
  const orderId = await checkout(page);
  await expectNoViolations(page, "pending order page");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await expectNoViolations(page, "StepPay hosted page");
  await payOnStepPay(page, "Approved");
  await page.waitForURL(`**/orders/${orderId}`);
  await expectOrderStatus(page, "Paid");
  await expectNoViolations(page, "paid order page");
  await page.getByRole("link", { name: /Manage your subscription/ }).click();
  await expect(page.getByTestId("subscription-status")).toBeVisible();
  await expectNoViolations(page, "my subscriptions");
  await page.goto(`${SANDBOX_ORIGIN}/sandbox`);
  await expectNoViolations(page, "sandbox panel");
  // In Korean, with a refused action's message up in its toast (what a control endpoint sends back).
  await page.goto(`${SANDBOX_ORIGIN}/sandbox?lang=ko&problem=${encodeURIComponent("delayMs: Too big")}`);
  await expect(page.getByRole("region", { name: "샌드박스 알림 (Alt+T)" }).getByRole("alert")).toContainText("delayMs: Too big");
  await expectNoViolations(page, "sandbox panel in Korean, with a problem toast");
});

test("integration guide", async ({ page }) => {
  await page.goto("/integrate");
  await expectNoViolations(page, "integration guide");
});

test("Unifi Pay start page", async ({ page }) => {
  await addToCart(page, "linen-tote");
  await checkout(page, { provider: "unifipay", country: "USA" });
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await expectNoViolations(page, "Unifi Pay start page");
});
