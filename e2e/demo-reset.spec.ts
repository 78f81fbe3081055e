import { expect, test, type Locator, type Page } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { chooseMode, expectOrderStatus, newOrder, payOnStepPay } from "./support/shop";

/**
 * "Reset demo data" clears the store and both sandboxes. It deletes every order, so it runs last
 * and alone: playwright.config.ts puts this file in its own project, after the others.
 */
const PANEL = `${SANDBOX_ORIGIN}/sandbox`;

function scenariosSection(page: Page): Locator {
  return page.getByRole("region", { name: "Demo scenarios" });
}

test("Reset demo data clears the store's orders and the sandbox's runs, and the store still sells afterwards", async ({ page, request }) => {
  await page.goto(PANEL);
  await scenariosSection(page).getByRole("button", { name: "Approve", exact: true }).click();
  const notice = page.getByRole("status").filter({ hasText: "Approve: run #" });
  const runId = /run #(\d+) started/.exec(await notice.innerText())?.[1];
  const row = scenariosSection(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: `#${runId}`, exact: true }) });
  await expect(row).toContainText("✓ as expected", { timeout: 20_000 });
  const href = await row.getByRole("link", { name: "Open order in the store" }).getAttribute("href");
  const orderId = href!.split("/").pop()!;
  expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(200);

  // A shopper's tab on a pending order, open through the reset.
  const shopperTab = await page.context().newPage();
  await newOrder(shopperTab, "unifipay");

  // Two steps: the first button only asks.
  await scenariosSection(page).getByRole("button", { name: "Reset demo data" }).click();
  await expect(page.getByText(/Clear every order, payment, subscription and webhook/)).toBeVisible();
  await page.getByRole("button", { name: "Yes, clear everything" }).click();
  await expect(page.getByRole("status")).toContainText("Demo data cleared");
  await expect(scenariosSection(page)).toContainText("No scenario runs yet.");
  expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(404);
  // The shopper's tab polls, learns the order is gone, says so and offers no Pay button.
  await expect(shopperTab.getByRole("alert").filter({ hasText: "This order no longer exists" })).toBeVisible({ timeout: 15_000 });
  await expect(shopperTab.getByRole("button", { name: /^Pay/ })).toHaveCount(0);
  await shopperTab.close();

  // The store forgot its StepPay products and prices too: a new order provisions them again.
  const fresh = await newOrder(page, "steppay");
  await chooseMode(page, "Redirect");
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/steppay/**`);
  await payOnStepPay(page, "Approved");
  await page.waitForURL(`**/orders/${fresh}`);
  await expectOrderStatus(page, "Paid");
});
