import { expect, test, type Page } from "@playwright/test";
import { APP_ORIGIN, SANDBOX_ORIGIN } from "../playwright.config";
import {
  chooseMode,
  completeOnProvider,
  DECLINE_REASON,
  EXPECTED_STATUS,
  expectOrderStatus,
  newOrder,
  statusPanel,
  type Outcome,
  type Provider,
} from "./support/shop";

/**
 * Every provider × every mode × every outcome, in a real Chromium against the production build,
 * with the provider's hosted page on the sandbox's own origin.
 */
const PROVIDERS: Provider[] = ["steppay", "unifipay"];
const OUTCOMES: Outcome[] = ["approve", "decline", "cancel"];

/** Opens the payment page in `mode`, completes it with `outcome`, and waits for the storefront to show the result. */
async function payOnce(page: Page, orderId: string, provider: Provider, mode: "Redirect" | "Popup" | "Iframe", outcome: Outcome) {
  await chooseMode(page, mode);
  const payButton = page.getByRole("button", { name: /^(Pay|Pay again)/ });
  if (mode === "Redirect") {
    await payButton.click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/${provider}/**`);
    await completeOnProvider(page, provider, outcome);
    await page.waitForURL(`${APP_ORIGIN}/orders/${orderId}`);
    return;
  }
  if (mode === "Popup") {
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const popupPromise = page.waitForEvent("popup");
    await payButton.click();
    const popup = await popupPromise;
    await expect(page.getByText("Complete the payment in the other window")).toBeVisible();
    await popup.waitForURL(`${SANDBOX_ORIGIN}/sandbox/${provider}/**`);
    const closed = popup.waitForEvent("close");
    await completeOnProvider(popup, provider, outcome);
    await closed; // the popup's landing page verified, told this tab, and closed itself
    // The storefront tab switched to the result without a reload.
    await expect(page.getByTestId("order-status")).toHaveText(EXPECTED_STATUS[outcome]);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    return;
  }
  const frameUrls: string[] = [];
  const onFrame = (frame: { url(): string; parentFrame(): unknown }) => {
    if (frame.parentFrame()) frameUrls.push(frame.url());
  };
  page.on("framenavigated", onFrame);
  await payButton.click();
  const dialog = page.getByRole("dialog", { name: /Secure payment/ });
  await expect(dialog).toBeVisible();
  await completeOnProvider(page.frameLocator('iframe[title="Payment page"]'), provider, outcome);
  await expect(dialog).toBeHidden();
  page.off("framenavigated", onFrame);
  // The frame only ever showed the provider's page and the tiny landing page, never the shop.
  for (const url of frameUrls.filter((u) => u.startsWith(APP_ORIGIN))) {
    expect(url).toMatch(new RegExp(`^${APP_ORIGIN}/orders/${orderId}/return\\?mode=iframe`));
  }
}

for (const provider of PROVIDERS) {
  for (const mode of ["Redirect", "Popup", "Iframe"] as const) {
    test.describe(`${provider} by ${mode.toLowerCase()}`, () => {
      for (const outcome of OUTCOMES) {
        test(`${outcome} → ${EXPECTED_STATUS[outcome]}`, async ({ page }) => {
          const orderId = await newOrder(page, provider);
          await payOnce(page, orderId, provider, mode, outcome);
          await expectOrderStatus(page, EXPECTED_STATUS[outcome]);
          if (outcome === "decline") await expect(statusPanel(page).getByText(DECLINE_REASON[provider])).toBeVisible();
          if (outcome !== "approve") {
            // Nothing is lost: the same order can be paid afterwards, in the same mode.
            await payOnce(page, orderId, provider, mode, "approve");
            await expectOrderStatus(page, "Paid");
          }
          // The Pay button keyboard focus sat on is gone; focus did not fall to the page's body
          // (a new page after a redirect starts afresh).
          if (mode !== "Redirect") await expect(page.locator("[data-result-focus]")).toBeFocused();
          const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
          expect(order.status).toBe("paid");
        });
      }
    });
  }
}
