import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { APP_ORIGIN, SANDBOX_ORIGIN } from "../playwright.config";
import { startPayment } from "./support/api";
import { addToCart, checkout, chooseMode, expectOrderStatus, payByRedirect, payOnStepPay } from "./support/shop";

/**
 * Toasts for async failures: each test makes an action fail for real (the network cut by the
 * browser, the store answering 5xx, or the sandbox's fault switch making StepPay fail), then checks
 * the toast says so, goes away by keyboard (or by itself, but not while pointed at), and that the
 * next try works (and, for an order whose answer was lost, does not place it twice).
 */
function toasts(page: Page) {
  return page.getByRole("region", { name: "Notifications (Alt+T)" }).getByRole("listitem");
}

/** Alt+T takes the keyboard to the newest toast's Dismiss button. */
async function focusToast(page: Page, dismiss = "Dismiss") {
  await page.keyboard.press("Alt+t");
  await expect(toasts(page).last().getByRole("button", { name: dismiss })).toBeFocused();
}

async function fillCheckout(page: Page) {
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Kim Minji");
  await page.getByLabel("Email").fill(`toast+${Date.now()}@example.com`);
}

/**
 * The StepPay order code of a store order, as its hosted payment page shows it: opened once here
 * (the order stays pending), the way a shopper would see it.
 */
async function stepPayOrderCode(request: APIRequestContext, orderId: string): Promise<string> {
  const hostedPage = await (await request.get(await startPayment(request, orderId))).text();
  const code = /<span class="font-mono">(order_[A-Za-z0-9]+)<\/span>/.exec(hostedPage)?.[1];
  expect(code, "the order code on StepPay's page").toBeTruthy();
  return code!;
}

/**
 * Makes StepPay's API fail once with a 500 (or carry the request out and lose its answer: "lost"),
 * for one path only (this test's own order or subscription). The switch itself is one per wing, so
 * tests that arm it are tagged @sandbox-wide and run alone (playwright.config.ts): two armed at
 * once would overwrite each other.
 */
async function failStepPayOnce(request: APIRequestContext, paths: string, mode: "http500" | "lost" = "http500") {
  const armed = await request.post(`${SANDBOX_ORIGIN}/sandbox/steppay/control/faults`, { data: { mode, count: 1, paths } });
  expect(armed.ok()).toBe(true);
}

test("checkout: a network failure raises a toast, which the keyboard dismisses, and the next try goes through", async ({ page }) => {
  await addToCart(page, "hanok-mug");
  await fillCheckout(page);
  await page.route("**/api/orders", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
  const placeOrder = page.getByRole("button", { name: /Place order/ });
  await placeOrder.click();

  await expect(toasts(page)).toHaveCount(1);
  await expect(toasts(page)).toContainText("We could not reach the store. Check your connection and try again.");
  await expect(placeOrder).toBeEnabled();
  // From a field, to the toast and back: Dismiss returns the keyboard where it was.
  const email = page.getByLabel("Email");
  await email.focus();
  await focusToast(page);
  await page.keyboard.press("Enter");
  await expect(toasts(page)).toHaveCount(0);
  await expect(email).toBeFocused();

  await page.unroute("**/api/orders");
  await placeOrder.click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await expectOrderStatus(page, "Awaiting payment");
});

test("checkout: an order whose answer was lost is not placed twice, even after a reload", async ({ page, playwright }) => {
  await addToCart(page, "hanok-mug");
  await fillCheckout(page);
  const email = await page.getByLabel("Email").inputValue();
  // The order reaches the store and is made; its answer never reaches the browser (it is sent from
  // a request context of its own, so not even its cookie does).
  const elsewhere = await playwright.request.newContext();
  let lostAnswer: { id: string } | null = null;
  await page.route("**/api/orders", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await elsewhere.fetch(route.request());
    if (response.status() === 201) lostAnswer = (await response.json()) as { id: string };
    await route.abort("internetdisconnected");
  });
  await page.getByRole("button", { name: /Place order/ }).click();
  await expect(toasts(page)).toContainText("We could not reach the store");
  expect(lostAnswer, "the store made the order").not.toBeNull();
  expect((await page.context().cookies()).some((cookie) => cookie.name === "cart"), "the cart is still in the browser").toBe(true);

  // The shopper reloads, and places the same order again: the one already made, not a second.
  await page.unroute("**/api/orders");
  await page.reload();
  await page.getByLabel("Full name").fill("Kim Minji");
  await page.getByLabel("Email").fill(email);
  const answered = page.waitForResponse((response) => response.url().endsWith("/api/orders") && response.request().method() === "POST");
  await page.getByRole("button", { name: /Place order/ }).click();
  expect((await answered).headers()["idempotent-replayed"]).toBe("true");
  await page.waitForURL(`**/orders/${lostAnswer!.id}`);
  await expectOrderStatus(page, "Awaiting payment");
  await elsewhere.dispose();
});

test("checkout API: an Idempotency-Key names one order; used for another order it is refused", async ({ request }) => {
  const key = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const body = (email: string) => ({ provider: "unifipay", countryCode: "USA", customer: { name: "Kim Minji", email }, items: [{ productId: "hanok-mug", quantity: 1 }] });
  const send = (data: unknown, idempotencyKey = key) => request.post("/api/orders", { data, headers: { origin: APP_ORIGIN, "idempotency-key": idempotencyKey } });
  const email = `key+${Date.now()}@example.com`;
  const first = await send(body(email));
  expect(first.status()).toBe(201);
  expect(first.headers()["idempotent-replayed"]).toBeUndefined();
  // The order's answer itself spends the cart: its cookie, deleted where it was set.
  const clearsCart = first.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.startsWith("cart=;"));
  expect(clearsCart?.value).toMatch(/Path=\/(;|$)/);
  expect(clearsCart?.value).toContain("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  const again = await send(body(email));
  expect(again.status()).toBe(201);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect((await again.json()).id).toBe((await first.json()).id);

  const other = await send(body(`other+${email}`));
  expect(other.status()).toBe(422);
  expect((await other.json()).error.code).toBe("idempotency_key_reused");
  const malformed = await send(body(email), "short");
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.code).toBe("invalid_idempotency_key");
});

test("checkout: the store failing (503) raises a toast with its reason, which leaves by itself, but not while pointed at", async ({ page }) => {
  await addToCart(page, "hanok-mug");
  await fillCheckout(page);
  await page.route("**/api/orders", (route) =>
    route.request().method() === "POST" ? route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "The store is restarting" } } }) : route.continue(),
  );
  await page.getByRole("button", { name: /Place order/ }).click();
  const toast = toasts(page).first();
  await expect(toast).toContainText("We could not place your order: The store is restarting");

  // Held while the pointer is on it…
  await toast.hover();
  await page.waitForTimeout(7_000);
  await expect(toast).toBeVisible();
  // …and gone a few seconds after it leaves.
  await page.mouse.move(0, 0);
  await expect(toasts(page)).toHaveCount(0, { timeout: 10_000 });
});

test("add to cart: a network failure raises a toast and nothing is added; the next try adds", async ({ page }) => {
  await page.goto("/products/hanok-mug");
  await page.route("**/products/hanok-mug", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(toasts(page)).toContainText("We could not reach the store");
  await expect(page.getByText("Added to cart")).toHaveCount(0);
  await focusToast(page);
  await page.keyboard.press("Escape");
  await expect(toasts(page)).toHaveCount(0);

  await page.unroute("**/products/hanok-mug");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to cart")).toBeVisible();
});

test("Pay: StepPay failing raises a toast, by redirect and from a popup; paying again works", { tag: "@sandbox-wide" }, async ({ page, request }) => {
  await addToCart(page, "hanok-mug");
  const orderId = await checkout(page);
  const code = await stepPayOrderCode(request, orderId);
  const providerDown = "We could not reach the payment provider. Nothing was charged; please try again in a moment.";

  // Redirect: the start URL sends the tab back to the order page, which says why in a toast, once.
  await failStepPayOnce(request, `/${code}/pay`);
  await chooseMode(page, "Redirect");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(toasts(page)).toContainText(providerDown);
  await expect(page).toHaveURL(`${APP_ORIGIN}/orders/${orderId}`);
  await focusToast(page);
  await page.keyboard.press("Escape");
  await expect(toasts(page)).toHaveCount(0);

  // Popup: the popup lands on the error, tells this tab, and closes; the toast is here.
  await failStepPayOnce(request, `/${code}/pay`);
  await chooseMode(page, "Popup");
  const failing = page.waitForEvent("popup");
  await page.getByRole("button", { name: /^Pay / }).click();
  const failed = await failing;
  if (!failed.isClosed()) await failed.waitForEvent("close");
  await expect(toasts(page)).toContainText(providerDown);
  await expectOrderStatus(page, "Awaiting payment");

  const again = page.waitForEvent("popup");
  await page.getByRole("button", { name: /^Pay / }).click();
  const popup = await again;
  await popup.waitForURL(`${SANDBOX_ORIGIN}/**`);
  await payOnStepPay(popup, "Approved");
  await expectOrderStatus(page, "Paid");
});

test("refund: StepPay failing raises a toast; the next refund goes through", { tag: "@sandbox-wide" }, async ({ page, request }) => {
  await addToCart(page, "hanok-mug");
  const orderId = await checkout(page);
  const code = await stepPayOrderCode(request, orderId);
  await payByRedirect(page, orderId);
  await expectOrderStatus(page, "Paid");

  await failStepPayOnce(request, `/${code}/cancel`);
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(toasts(page)).toContainText("The refund did not go through: StepPay could not refund this order right now");
  await expectOrderStatus(page, "Paid");

  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expectOrderStatus(page, "Refunded");
});

test("subscription actions: StepPay failing raises a toast; the next try changes the subscription", { tag: "@sandbox-wide" }, async ({ page, request }) => {
  await addToCart(page, "coffee-box-monthly");
  await payByRedirect(page, await checkout(page));
  await page.getByRole("link", { name: /Manage your subscription/ }).click();
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");

  const subscriptionId = await page.locator("[data-subscription]").getAttribute("data-subscription");
  await failStepPayOnce(request, `/subscriptions/${subscriptionId}/pause`);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(toasts(page)).toContainText("StepPay could not do that:");
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("subscription-status")).toHaveText("Paused");
});

test("subscription actions: a change whose answer StepPay lost is said to be uncertain, and StepPay's state shows", { tag: "@sandbox-wide" }, async ({ page, request }) => {
  await addToCart(page, "coffee-box-monthly");
  await payByRedirect(page, await checkout(page));
  await page.getByRole("link", { name: /Manage your subscription/ }).click();
  await expect(page.getByTestId("subscription-status")).toHaveText("Active");

  const subscriptionId = await page.locator("[data-subscription]").getAttribute("data-subscription");
  await failStepPayOnce(request, `/subscriptions/${subscriptionId}/pause`, "lost");
  await page.getByRole("button", { name: "Pause" }).click();
  // Not "nothing changed": StepPay did pause it, and the store read that back.
  await expect(toasts(page)).toContainText("may or may not have been made");
  await expect(page.getByTestId("subscription-status")).toHaveText("Paused");
});

test.describe("in Korean", () => {
  test.use({ locale: "ko-KR" });

  test("the toast and its Dismiss button speak Korean", async ({ page, context }) => {
    await context.addCookies([{ name: "locale", value: "ko", url: APP_ORIGIN }]);
    await page.goto("/products/hanok-mug");
    await page.route("**/products/hanok-mug", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
    await page.getByRole("button", { name: "장바구니 담기" }).click();
    const toast = page.getByRole("region", { name: "알림 (Alt+T)" }).getByRole("listitem");
    await expect(toast).toContainText("상점 서버에 연결하지 못했습니다");
    await page.keyboard.press("Alt+t");
    await expect(toast.getByRole("button", { name: "닫기" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(toast).toHaveCount(0);
  });
});

test("the sandbox panel: a refused control shows in its toast, which the keyboard dismisses", async ({ page }) => {
  await page.goto(`${SANDBOX_ORIGIN}/sandbox`);
  // The browser's own checks would stop the value; the control endpoint must refuse it as well.
  const faults = page.locator("#faults-unifipay");
  await faults.locator("form").first().evaluate((form) => ((form as HTMLFormElement).noValidate = true));
  await faults.getByLabel("Delay (ms, timeout and slow)").fill("999999");
  await faults.getByRole("button", { name: "Set Unifi Pay fault", exact: true }).click();

  const toast = page.getByRole("region", { name: "Sandbox messages (Alt+T)" });
  await expect(toast.getByRole("alert")).toContainText("delayMs");
  await expect(faults).toContainText("No fault: answering normally.");
  // The panel comes back scrolled to the form (its #anchor): Alt+T reaches the toast from there.
  // The toast is in the server's HTML; its keys work once the page has hydrated, so a key pressed
  // before that is pressed again.
  await expect(async () => {
    await page.keyboard.press("Alt+t");
    await expect(toast.getByRole("button", { name: "Dismiss" })).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.keyboard.press("Enter");
  await expect(toast).toHaveCount(0);

  // Escape, wherever the keyboard is, dismisses it too.
  await page.goto(`${SANDBOX_ORIGIN}/sandbox?problem=${encodeURIComponent("count: Too small")}`);
  await expect(toast.getByRole("alert")).toContainText("count: Too small");
  await expect(async () => {
    await page.keyboard.press("Escape");
    await expect(toast).toHaveCount(0, { timeout: 1_000 });
  }).toPass();
});
