import { expect, test, type Page } from "@playwright/test";
import { createOrder, decideUnifi, getOrder, startUnifi } from "./support/api";
import { addToCart, checkout } from "./support/shop";

/**
 * The order page's timers, on Playwright's fake clock (the page's own Date and timers; the server
 * and the network keep real time): what the shopper sees after waiting minutes or an hour,
 * without waiting them.
 */

/** Counts the order page's status polls (GET /api/orders/{id}). */
function countPolls(page: Page, orderId: string) {
  const polls = { count: 0 };
  page.on("request", (request) => {
    if (request.method() === "GET" && new URL(request.url()).pathname === `/api/orders/${orderId}`) polls.count++;
  });
  return polls;
}

const settle = (page: Page) => page.waitForTimeout(1_000); // real time: for requests already sent to be seen

test("a stopped navigation to the payment page: 'Opening…' gives up after 20 s and Pay works again", async ({ page }) => {
  await page.clock.install();
  await addToCart(page, "hanok-mug");
  const orderId = await checkout(page);
  // The navigation to the start URL ends without a page, as when the shopper stops it (Esc, the
  // stop button): no event tells the page.
  await page.route(`**/api/orders/${orderId}/pay**`, (route) => route.abort("aborted"));
  await page.getByRole("button", { name: /^Pay/ }).click();
  const opening = page.getByRole("button", { name: "Opening payment page…" });
  await expect(opening).toBeDisabled();
  await page.clock.runFor(19_000);
  await expect(opening).toBeDisabled();
  await page.clock.runFor(2_000);
  await expect(page.getByRole("button", { name: /^Pay/ })).toBeEnabled();
});

test("a failed order's page keeps checking slowly for an hour after the failure (money may yet show up), then stops", async ({ page, request }) => {
  const orderId = await createOrder(request, "unifipay");
  await decideUnifi(request, await startUnifi(request, orderId), "decline");
  await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("failed");

  await page.clock.install();
  const polls = countPolls(page, orderId);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId("order-status")).toHaveText("Payment failed");
  await settle(page);
  const atOpen = polls.count;
  await page.clock.runFor(16_000); // one slow interval (15 s)
  await expect.poll(() => polls.count).toBeGreaterThan(atOpen);

  await page.clock.fastForward(61 * 60_000); // past the hour: the poll this fires is the last
  await settle(page);
  const afterTheHour = polls.count;
  await page.clock.runFor(5 * 60_000);
  await settle(page);
  expect(polls.count).toBe(afterTheHour);
});
