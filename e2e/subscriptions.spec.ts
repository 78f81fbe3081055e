import { expect, test, type Page } from "@playwright/test";
import { APP_ORIGIN, SANDBOX_ORIGIN } from "../playwright.config";
import { signedWebhookHeaders } from "./support/api";
import { addToCart, checkout, expectOrderStatus, payOnStepPay } from "./support/shop";

/** Subscribes to the monthly coffee box by redirect and opens "My subscriptions" from the order page. */
async function subscribe(page: Page): Promise<{ email: string; orderId: string }> {
  const email = `subscriber+${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  await addToCart(page, "coffee-box-monthly");
  const orderId = await checkout(page, { email });
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await payOnStepPay(page, "Approved");
  await page.waitForURL(`**/orders/${orderId}`);
  await expectOrderStatus(page, "Paid");
  await page.getByRole("link", { name: /Manage your subscription/ }).click();
  await expect(page.getByRole("heading", { name: "My subscriptions" })).toBeVisible();
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");
  return { email, orderId };
}

/** The sandbox control panel's row for this subscriber (another origin, another tab). */
async function sandboxRow(page: Page, email: string) {
  const panel = await page.context().newPage();
  await panel.goto(`${SANDBOX_ORIGIN}/sandbox`);
  const row = panel.getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  return { panel, row };
}

/**
 * Clicks one of the panel's form buttons and waits for the sandbox to answer the form post: the
 * panel reloads after each one, so closing it (or clicking the next button) any sooner could cancel
 * the post before it reached the sandbox.
 */
async function submitInPanel(panel: Page, button: ReturnType<Page["getByRole"]>) {
  const answered = panel.waitForResponse((response) => response.request().method() === "POST" && response.url().startsWith(SANDBOX_ORIGIN));
  await button.click();
  expect((await answered).status()).toBeLessThan(400);
  await panel.waitForLoadState();
}

test.describe("StepPay subscriptions", () => {
  test("Renew now in the sandbox shows up as a paid renewal in My subscriptions, by polling", async ({ page }) => {
    const { email } = await subscribe(page);
    await expect(page.getByText("No renewals yet.")).toBeVisible();
    const { panel, row } = await sandboxRow(page, email);
    await submitInPanel(panel, row.getByRole("button", { name: "Renew now" }));
    await panel.close();
    // No reload: the page polls the store, which learns of the renewal by webhook (or, if every
    // delivery failed on a busy machine, from its reconciler a little later) and verifies it.
    await expect(page.getByTestId("renewal")).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId("renewal-status")).toHaveText("Paid");
    await expect(page.getByTestId("renewal")).toContainText("₩29,000");
    await expect(page.getByTestId("subscription-status")).toHaveText("Active");
  });

  test("a renewal refunded in StepPay's dashboard shows as refunded, in part then in full", async ({ page }) => {
    const { email } = await subscribe(page);
    const { panel, row } = await sandboxRow(page, email);
    await submitInPanel(panel, row.getByRole("button", { name: "Renew now" }));
    await panel.close();
    await expect(page.getByTestId("renewal-status")).toHaveText("Paid", { timeout: 30_000 });
    const code = (await page.getByTestId("renewal").locator(".font-mono").innerText()).trim();

    // The merchant refunds the renewal in StepPay's dashboard (here: StepPay's API, as the dashboard would).
    for (const [requestPrice, shown] of [[9000, "Partially refunded"], [20000, "Refunded"]] as const) {
      const refunded = await page.request.patch(`${SANDBOX_ORIGIN}/sandbox/steppay/api/v1/orders/${code}/cancel`, {
        headers: { "Secret-Token": "sandbox-steppay-secret-token" },
        data: { requestPrice, reason: "Refunded in the dashboard" },
      });
      expect(refunded.ok()).toBe(true);
      // StepPay's order.updated names the renewal; the store reads it again (the page polls).
      await expect(page.getByTestId("renewal-status")).toHaveText(shown, { timeout: 30_000 });
    }
    await expect(page.getByTestId("renewal")).toContainText("₩29,000");
  });

  test("a failed renewal shows the subscription unpaid", async ({ page }) => {
    const { email } = await subscribe(page);
    const { panel, row } = await sandboxRow(page, email);
    await submitInPanel(panel, row.getByRole("button", { name: "Fail next renewal" }));
    await submitInPanel(panel, panel.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Renew now" }));
    await panel.close();
    await expect(page.getByTestId("subscription-status")).toHaveText("Unpaid");
    await expect(page.getByTestId("renewal-status")).toHaveText("Payment failed");
    await expect(page.getByTestId("renewal")).toContainText("The stored card was declined");
  });

  test("cancel at end of period leaves it pending cancellation; resume brings it back", async ({ page }) => {
    await subscribe(page);
    await page.getByRole("button", { name: "Cancel at end of period" }).click();
    await expect(page.getByTestId("subscription-status")).toHaveText("Cancels at period end");
    await page.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByTestId("subscription-status")).toHaveText("Active");
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByTestId("subscription-status")).toHaveText("Paused");
  });

  test("cancel now ends it, and the page stops asking the store once every subscription has ended", async ({ page }) => {
    await subscribe(page);
    const polls: number[] = [];
    page.on("request", (request) => {
      if (request.method() === "GET" && new URL(request.url()).pathname === "/api/subscriptions") polls.push(Date.now());
    });
    // While one is live, the page asks every 2 s (a renewal, a change in StepPay's dashboard).
    await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

    await page.getByRole("button", { name: "Cancel now" }).click();
    await expect(page.getByTestId("subscription-status")).toHaveText("Canceled");
    await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
    // Over: nothing more can change, so the page stops (a poll already on its way may still land).
    const atEnd = polls.length;
    await page.waitForTimeout(7_000);
    expect(polls.length - atEnd).toBeLessThanOrEqual(1);
  });

  test("another order placed with the subscriber's email opens none of their subscriptions", async ({ page, request }) => {
    const { email } = await subscribe(page);
    const ownToken = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const own = await (await request.get("/api/subscriptions", { headers: { "x-subscriber-token": ownToken } })).json();
    expect(own.subscriptions).toHaveLength(1);
    const subscriptionId = own.subscriptions[0].id as number;

    // Someone else checks out with the same address (checkout verifies no email) and never pays.
    // Their order page carries its own link (for when it is paid), in the page's data.
    await addToCart(page, "coffee-box-monthly");
    const otherOrderId = await checkout(page, { email });
    const html = await (await request.get(`/orders/${otherOrderId}`)).text();
    const otherToken = decodeURIComponent(/\/subscriptions\/([A-Za-z0-9_.%-]+)/.exec(html)?.[1] ?? "");
    expect(otherToken, "the other order's subscriptions link").not.toBe("");
    expect(otherToken).not.toBe(ownToken);

    const seen = await (await request.get("/api/subscriptions", { headers: { "x-subscriber-token": otherToken } })).json();
    expect(seen.subscriptions).toEqual([]);
    const cancel = await request.post(`/api/subscriptions/${subscriptionId}/cancel-now`, { headers: { "x-subscriber-token": otherToken, origin: APP_ORIGIN } });
    expect(cancel.status()).toBe(404);
    await page.goto(`/subscriptions/${encodeURIComponent(otherToken)}`);
    await expect(page.getByText("You have no subscriptions yet.")).toBeVisible();

    const after = await (await request.get("/api/subscriptions", { headers: { "x-subscriber-token": ownToken } })).json();
    expect(after.subscriptions[0].status).toBe("ACTIVE");
  });

  test("a subscription's first order is not refunded by the store: no refund form, and the API refuses it", async ({ page }) => {
    const { orderId } = await subscribe(page);
    await page.goto(`/orders/${orderId}`);
    await expectOrderStatus(page, "Paid");
    await expect(page.getByRole("link", { name: /Manage your subscription/ })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Refund/ })).toHaveCount(0);
    const refused = await page.request.post(`/api/orders/${orderId}/refund`, { data: { amount: 1000 } });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe("refund_unsupported");
    expect((await (await page.request.get(`/api/orders/${orderId}`)).json()).status).toBe("paid");
  });

  test("a forged link opens nothing", async ({ page }) => {
    await page.goto("/subscriptions/bWFsbG9yeUBleGFtcGxlLmNvbQ.9999999999.forged");
    await expect(page.getByRole("alert").filter({ hasText: "invalid or has expired" })).toBeVisible();
    const api = await page.request.get("/api/subscriptions", { headers: { "x-subscriber-token": "bWFsbG9yeUBleGFtcGxlLmNvbQ.9999999999.forged" } });
    expect(api.status()).toBe(401);
  });

  test("the same renewal announced 20 times at once gives one renewal record", async ({ page, request }) => {
    const { email } = await subscribe(page);
    const token = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const list = await (await request.get(`${SANDBOX_ORIGIN}/sandbox/steppay/control/subscriptions?email=${encodeURIComponent(email)}`)).json();
    const subscriptionId = list.subscriptions[0].id as number;
    const renewed = await request.post(`${SANDBOX_ORIGIN}/sandbox/steppay/control/subscriptions/${subscriptionId}/renew`);
    expect(renewed.ok()).toBe(true);
    const renewalOrderId = (await renewed.json()).order.orderId as number;

    // Take the sandbox's own v2 delivery for that renewal and send it 20 times concurrently, each
    // with its own timestamp (signed by hand): 20 distinct deliveries, since the same one again is
    // answered as a duplicate before any work, so the renewal's recording itself is raced.
    let delivery: { body: string; signature: string } | undefined;
    await expect
      .poll(async () => {
        const log = await (await request.get(`${SANDBOX_ORIGIN}/sandbox/steppay/control/webhooks?orderId=${renewalOrderId}`)).json();
        const sent = log.deliveries.find((d: { format: string; event: string; attempts: unknown[] }) => d.format === "v2" && d.event === "order.payment_completed" && d.attempts.length > 0);
        delivery = sent?.attempts[0];
        return Boolean(delivery?.signature);
      })
      .toBe(true);
    const now = Math.floor(Date.now() / 1000);
    // Later than the original delivery's (already received): none of them is that one again.
    const copies = Array.from({ length: 20 }, (_, i) => ({ timestamp: now + 1 + i, body: JSON.stringify({ ...JSON.parse(delivery!.body), timestamp: now + 1 + i }) }));
    const responses = await Promise.all(
      copies.map(({ timestamp, body }) => request.post("/api/webhooks/steppay", { headers: signedWebhookHeaders(body, undefined, timestamp), data: body })),
    );
    expect(responses.map((r) => r.status())).toEqual(Array(20).fill(200));
    const answers = await Promise.all(responses.map((r) => r.json()));
    expect(answers.filter((a) => a.duplicate), "deliveries answered as duplicates").toEqual([]);
    const mine = await (await request.get("/api/subscriptions", { headers: { "x-subscriber-token": token } })).json();
    expect(mine.subscriptions[0].renewals).toHaveLength(1);
    expect(mine.subscriptions[0].renewals[0].status).toBe("paid");
  });
});
