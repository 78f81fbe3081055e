import { expect, type Frame, type FrameLocator, type Page } from "@playwright/test";

/** Where a hosted payment page is shown: a tab, a popup, or a frame inside the store. */
export type Surface = Page | Frame | FrameLocator;

/** Small, named steps of a shopper's journey, shared by the specs. */
export type TestCard = "Approved" | "Declined" | "Error";

export async function addToCart(page: Page, productId: string, quantity = 1) {
  await page.goto(`/products/${productId}`);
  await page.getByLabel("Quantity").selectOption(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
}

export async function checkout(page: Page, options: { provider?: "steppay" | "unifipay"; email?: string; country?: string } = {}): Promise<string> {
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Kim Minji");
  await page.getByLabel("Email").fill(options.email ?? `shopper+${Date.now()}@example.com`);
  if (options.provider === "unifipay") {
    await page.getByRole("radio", { name: /Unifi Pay/ }).check();
    if (options.country) await page.getByLabel("Country").selectOption(options.country);
  }
  await page.getByRole("button", { name: /Place order/ }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

export async function chooseMode(page: Page, mode: "Redirect" | "Popup" | "Iframe") {
  await page.getByRole("radio", { name: new RegExp(`^${mode}`) }).check();
}

const TEST_CARDS: Record<TestCard, string> = { Approved: "4242424242424242", Declined: "4000000000000002", Error: "4000000000000119" };

/**
 * On StepPay's hosted page (the sandbox), in a page or a frame: typed like a shopper would, so
 * it does not depend on the page's script having hydrated yet.
 */
export async function payOnStepPay(target: Surface, card: TestCard) {
  await target.getByLabel("Card number").fill(TEST_CARDS[card]);
  await target.getByLabel("Expiry (MM/YY)").fill("12/34");
  await target.getByLabel("CVC").fill("123");
  await target.getByLabel("Name on card").fill("KIM MINJI");
  await target.getByRole("button", { name: /^Pay/ }).click();
}

/** Pay from the order page by redirect, with a test card, and come back to the order. */
export async function payByRedirect(page: Page, orderId: string, card: TestCard = "Approved") {
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/sandbox/steppay/"));
  await payOnStepPay(page, card);
  await page.waitForURL(`**/orders/${orderId}`);
}

export async function cancelOnStepPay(target: Surface) {
  await target.getByRole("button", { name: "Cancel payment" }).click();
}

/** The order's verified status panel (the inspector below it repeats provider texts). */
export function statusPanel(page: Page) {
  return page.locator("[data-status]");
}

export async function expectOrderStatus(page: Page, status: string) {
  await expect(page.getByTestId("order-status")).toHaveText(status);
}

export type Provider = "steppay" | "unifipay";
export type Outcome = "approve" | "decline" | "cancel";

/** Finishes the provider's hosted page the way the shopper chose. */
export async function completeOnProvider(target: Surface, provider: Provider, outcome: Outcome) {
  if (provider === "steppay") {
    if (outcome === "cancel") await cancelOnStepPay(target);
    else await payOnStepPay(target, outcome === "approve" ? "Approved" : "Declined");
    return;
  }
  const button = { approve: "Approve payment", decline: "Decline payment", cancel: "Cancel" }[outcome];
  await target.getByRole("button", { name: button, exact: true }).click();
}

export const EXPECTED_STATUS: Record<Outcome, string> = { approve: "Paid", decline: "Payment failed", cancel: "Payment canceled" };
export const DECLINE_REASON: Record<Provider, RegExp> = {
  steppay: /insufficient limit/i,
  unifipay: /Unifi Pay reported the payment as failed/,
};

/** A fresh order with one product, for the given provider. */
export async function newOrder(page: Page, provider: Provider, productId = "hanok-mug"): Promise<string> {
  await addToCart(page, productId);
  return checkout(page, provider === "unifipay" ? { provider, country: "USA" } : { provider });
}
