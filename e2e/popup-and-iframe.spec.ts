import { expect, test, type Page } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { chooseMode, completeOnProvider, expectOrderStatus, newOrder } from "./support/shop";

/** A new StepPay order, paid by popup: the popup open on StepPay's page. */
async function openPopupForNewOrder(page: Page) {
  const orderId = await newOrder(page, "steppay");
  await chooseMode(page, "Popup");
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: /^Pay/ }).click();
  const popup = await popupPromise;
  await popup.waitForURL(`${SANDBOX_ORIGIN}/**`);
  return { orderId, popup };
}

test.describe("popup", () => {
  test("closing the popup early leaves the order pending and offers to reopen it", async ({ page }) => {
    const { orderId, popup } = await openPopupForNewOrder(page);
    // While the window is open no other mode can be chosen (it would open a second payment beside it).
    for (const mode of ["Redirect", "Iframe"]) await expect(page.getByRole("radio", { name: new RegExp(`^${mode}`) })).toBeDisabled();
    await popup.close();

    await expect(page.getByText("The payment window was closed before the payment finished")).toBeVisible();
    await expect(page.getByRole("radio", { name: /^Redirect/ })).toBeEnabled();
    await expectOrderStatus(page, "Awaiting payment");
    const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
    expect(order.status).toBe("pending");

    const again = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Reopen payment window" }).click();
    const reopened = await again;
    await reopened.waitForURL(`${SANDBOX_ORIGIN}/**`);
    await completeOnProvider(reopened, "steppay", "approve");
    await expectOrderStatus(page, "Paid");
  });

  test("a blocked popup is reported, and redirect is offered instead", async ({ page }) => {
    // What Chromium's popup blocker does: window.open returns null.
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await newOrder(page, "steppay");
    await chooseMode(page, "Popup");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page.getByText("Your browser blocked the payment window.")).toBeVisible();
    await page.getByRole("button", { name: "Pay by redirect instead" }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/steppay/**`);
    await completeOnProvider(page, "steppay", "approve");
    await expectOrderStatus(page, "Paid");
  });

  test("when the store's tab left the order meanwhile, the popup stays open with the verified result", async ({ page }) => {
    const { orderId, popup } = await openPopupForNewOrder(page);
    await page.goto("/"); // the shopper went on browsing in the store's tab

    await completeOnProvider(popup, "steppay", "approve");
    await popup.waitForURL(`**/orders/${orderId}/return?mode=popup`);
    await expectOrderStatus(popup, "Paid");
    await popup.waitForTimeout(2500); // it closed itself 0.6 s after an answer before: now nobody answers
    expect(popup.isClosed()).toBe(false);
    await expect(popup.getByRole("link", { name: "Back to your order" })).toBeVisible();
  });

  test("the return landing page opened in a plain tab shows the verified result by itself", async ({ page }) => {
    const orderId = await newOrder(page, "steppay");
    await page.goto(`/orders/${orderId}/return?mode=popup`);
    await expect(page.getByRole("heading", { name: "Payment result" })).toBeVisible();
    await expectOrderStatus(page, "Awaiting payment");
  });
});

test.describe("iframe", () => {
  test("ignores a postMessage from a foreign origin, and Escape closes the dialog leaving the order pending", async ({ page }) => {
    const orderId = await newOrder(page, "steppay");
    await chooseMode(page, "Iframe");
    await page.getByRole("button", { name: /^Pay/ }).click();
    const dialog = page.getByRole("dialog", { name: /Secure payment/ });
    await expect(dialog).toBeVisible();
    const frame = page.frameLocator('iframe[title="Payment page"]');
    await expect(frame.getByRole("button", { name: /^Pay/ })).toBeVisible();

    // The provider's page (another origin) claims success: the store must not listen.
    const providerFrame = page.frames().find((f) => f.url().startsWith(SANDBOX_ORIGIN))!;
    await providerFrame.evaluate((id) => window.parent.postMessage({ type: "payment-result", orderId: id, status: "paid" }, "*"), orderId);
    await page.waitForTimeout(1000);
    await expect(dialog).toBeVisible();
    await expectOrderStatus(page, "Awaiting payment");

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page.getByText("You closed the payment window")).toBeVisible();
    await expectOrderStatus(page, "Awaiting payment");
  });

  test("the provider's page refuses to be framed by any origin but the store", async ({ request }) => {
    const created = await request.post("/api/orders", {
      data: { provider: "steppay", customer: { name: "A", email: "frame@example.com" }, items: [{ productId: "hanok-mug", quantity: 1 }] },
    });
    const { id } = await created.json();
    const start = await request.get(`/api/orders/${id}/pay?mode=iframe`, { maxRedirects: 0 });
    expect(start.status()).toBe(302);
    const hosted = await request.get(start.headers()["location"]!);
    expect(hosted.headers()["content-security-policy"]).toContain("frame-ancestors http://localhost:");
    const shop = await request.get("/");
    expect(shop.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(shop.headers()["cross-origin-opener-policy"]).toBe("same-origin-allow-popups");
  });
});
