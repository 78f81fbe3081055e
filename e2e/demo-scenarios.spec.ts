import { expect, test, type Locator, type Page } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { getOrder, paidTransitions } from "./support/api";
import { chooseMode } from "./support/shop";

/**
 * The sandbox panel's "Demo scenarios": each button plays a headless shopper against the store and
 * the panel reports what the store then says, with ✓ when it is what the scenario expects.
 * The store's own API is asked as well, so a ✓ cannot hide a wrong order.
 */
const PANEL = `${SANDBOX_ORIGIN}/sandbox`;

function scenariosSection(page: Page): Locator {
  return page.getByRole("region", { name: "Demo scenarios" });
}

/** Presses a scenario's button and answers the row of the run it started (the panel refreshes itself). */
async function startScenario(page: Page, name: string): Promise<Locator> {
  await page.goto(PANEL);
  await scenariosSection(page).getByRole("button", { name, exact: true }).click();
  const notice = page.getByRole("status").filter({ hasText: `${name}: run #` });
  await expect(notice).toBeVisible();
  const runId = /run #(\d+) started/.exec(await notice.innerText())?.[1];
  expect(runId, "the notice names the run").toBeTruthy();
  return scenariosSection(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: `#${runId}`, exact: true }) });
}

async function orderIdIn(row: Locator): Promise<string> {
  const href = await row.getByRole("link", { name: "Open order in the store" }).getAttribute("href");
  const id = href ? /\/orders\/([0-9a-f-]{36})$/.exec(href)?.[1] : undefined;
  expect(id, `an order link in the run's row (${href})`).toBeTruthy();
  return id!;
}

async function expectMatches(row: Locator, timeout = 20_000) {
  await expect(row).toContainText("✓ as expected", { timeout });
}

test.describe("Demo scenarios", () => {
  test("Approve: the store shows paid", async ({ page, request }) => {
    const row = await startScenario(page, "Approve");
    await expectMatches(row);
    await expect(row.getByRole("cell").nth(2)).toHaveText("paid");
    expect((await getOrder(request, await orderIdIn(row))).status).toBe("paid");
  });

  test("Decline with a named reason: failed, CARD_DECLINED “insufficient limit”", async ({ page, request }) => {
    const row = await startScenario(page, "Decline with a named reason");
    await expectMatches(row);
    await expect(row).toContainText(/failed \(CARD_DECLINED: .*insufficient limit\)/);
    const order = await getOrder(request, await orderIdIn(row));
    expect(order.status).toBe("failed");
    expect(order.failure.code).toBe("CARD_DECLINED");
    expect(order.failure.message).toMatch(/insufficient limit/i);
  });

  test("Shopper cancels: canceled", async ({ page, request }) => {
    const row = await startScenario(page, "Shopper cancels");
    await expectMatches(row);
    await expect(row.getByRole("cell").nth(2)).toHaveText("canceled");
    expect((await getOrder(request, await orderIdIn(row))).status).toBe("canceled");
  });

  test("Tampered return URL: the store refuses and the order stays pending", async ({ page, request }) => {
    const row = await startScenario(page, "Tampered return URL");
    await expectMatches(row);
    await expect(row.getByRole("cell").nth(2)).toHaveText("pending");
    const order = await getOrder(request, await orderIdIn(row));
    expect(order.status).toBe("pending");
    expect(order.paidAmount).toBeNull();
  });

  test("Callback late: pending first, then paid by the late callback", async ({ page }) => {
    const row = await startScenario(page, "Callback late");
    await expectMatches(row, 40_000);
    await expect(row).toContainText("Right after approval the store said pending");
    await expect(row.getByRole("cell").nth(2)).toHaveText("paid");
  });

  test("Webhook twice / out of order: paid exactly once", async ({ page, request }) => {
    const row = await startScenario(page, "Webhook twice / out of order");
    await expectMatches(row, 40_000);
    await expect(row).toContainText("exactly once");
    await expect(row).toContainText(/plus [1-9]\d* duplicate\(s\) delivered/);
    const orderId = await orderIdIn(row);
    expect((await getOrder(request, orderId)).status).toBe("paid");
    expect(await paidTransitions(request, orderId)).toBe(1);
  });

  test("Payment page slow to load: the store shows “Opening payment page…” until the delayed page arrives", async ({ page }) => {
    const row = await startScenario(page, "Payment page slow to load");
    await expect(row).toContainText("Waiting for the payment page to be opened");
    const orderId = await orderIdIn(row);

    // While a navigation is in flight Playwright holds every locator query until it lands, so the
    // store's page reports its own button text instead, for as long as it is still on screen.
    const openingSeenAt: number[] = [];
    await page.exposeFunction("reportOpeningShown", () => openingSeenAt.push(Date.now()));
    await page.goto(`/orders/${orderId}`);
    await chooseMode(page, "Redirect");
    await page.evaluate(() => {
      const report = (window as unknown as { reportOpeningShown: () => void }).reportOpeningShown;
      const check = () => {
        if ([...document.querySelectorAll("button")].some((button) => button.textContent?.trim() === "Opening payment page…")) report();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      setInterval(check, 250);
    });
    const started = Date.now();
    await page.getByRole("button", { name: /^Pay / }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/steppay/checkout/**`, { timeout: 20_000 });
    const arrived = Date.now();
    expect(arrived - started).toBeGreaterThanOrEqual(3_500);
    expect(openingSeenAt.length, "the store showed “Opening payment page…”").toBeGreaterThan(0);
    // …and was still showing it shortly before the slow page arrived.
    expect(Math.max(...openingSeenAt) - Math.min(...openingSeenAt)).toBeGreaterThanOrEqual(3_000);
    await expect(page.getByLabel("Card number")).toBeVisible();

    // The delay was armed, then consumed by this page load: the run is now a ✓.
    await page.goto(PANEL);
    await expectMatches(row);
  });

  test("Payment page slow to load, in the iframe: the dialog says the page is opening until it arrives", async ({ page }) => {
    const row = await startScenario(page, "Payment page slow to load");
    await expect(row).toContainText("Waiting for the payment page to be opened");
    const orderId = await orderIdIn(row);
    await page.goto(`/orders/${orderId}`);
    await chooseMode(page, "Iframe");
    await page.getByRole("button", { name: /^Pay / }).click();
    const dialog = page.getByRole("dialog", { name: /Secure payment/ });
    await expect(dialog.getByRole("status")).toHaveText("Opening payment page…");
    await expect(page.frameLocator('iframe[title="Payment page"]').getByLabel("Card number")).toBeVisible({ timeout: 20_000 });
    await expect(dialog.getByRole("status")).toHaveCount(0);
    await page.goto(PANEL);
    await expectMatches(row);
  });
});
