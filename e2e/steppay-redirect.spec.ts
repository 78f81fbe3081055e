import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { createOrder, getOrder, startPayment, stepPayIdsOf, timeline } from "./support/api";
import { addToCart, cancelOnStepPay, checkout, chooseMode, expectOrderStatus, payByRedirect, payOnStepPay, statusPanel } from "./support/shop";

test.describe("StepPay by redirect", () => {
  test("buys two products and sees the order paid, verified on the server", async ({ page }) => {
    await addToCart(page, "hanok-mug", 2);
    await addToCart(page, "pour-over-kettle", 1);
    const orderId = await checkout(page);
    await expectOrderStatus(page, "Awaiting payment");
    await chooseMode(page, "Redirect");
    await page.getByRole("button", { name: "Pay ₩95,000" }).click();

    // The hosted payment page lives on the sandbox's own origin.
    await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/steppay/**`);
    await payOnStepPay(page, "Approved");

    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Paid");
    const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
    expect(order).toMatchObject({ status: "paid", currency: "KRW", totalAmount: 95000, paidAmount: 95000 });
  });

  test("a declined card shows the order failed with the provider's reason", async ({ page }) => {
    await addToCart(page, "jeju-green-tea");
    const orderId = await checkout(page);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
    await payOnStepPay(page, "Declined");
    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Payment failed");
    await expect(statusPanel(page).getByText("CARD_DECLINED")).toBeVisible();
    await expect(statusPanel(page).getByText(/insufficient limit/i)).toBeVisible();
  });

  test("cancel shows canceled, and the order can be paid afterwards", async ({ page }) => {
    await addToCart(page, "linen-tote");
    const orderId = await checkout(page);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
    await cancelOnStepPay(page);
    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Payment canceled");

    await page.getByRole("button", { name: "Pay again" }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
    await payOnStepPay(page, "Approved");
    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Paid");
  });

  test("an order cancelled at StepPay before it was paid: the shopper is told, and paying again opens a new StepPay order", async ({ page, request }) => {
    // The merchant cancels the unpaid order in StepPay (its API, as the dashboard does); StepPay
    // announces it with order.updated.
    const cancelAtStepPay = async (code: string) => {
      const cancelled = await request.patch(`${SANDBOX_ORIGIN}/sandbox/steppay/api/v1/orders/${code}/cancel`, {
        headers: { "Secret-Token": "sandbox-steppay-secret-token" },
        data: { requestPrice: 0, reason: "out of stock" },
      });
      expect(cancelled.ok()).toBe(true);
      await expect.poll(async () => (await getOrder(request, orderId)).status).toBe("failed");
      expect((await getOrder(request, orderId)).failure).toMatchObject({ code: "ORDER_CANCELLED" });
    };
    const startedRefs = async () => (await timeline(request, orderId)).filter((event) => event.type === "payment_started").map((event) => event.data?.paymentRef);

    await addToCart(page, "linen-tote");
    const orderId = await checkout(page);
    const firstPage = await startPayment(request, orderId);
    const { code: firstCode } = await stepPayIdsOf(request, orderId);
    await cancelAtStepPay(firstCode);
    await page.goto(`/orders/${orderId}`);
    await expectOrderStatus(page, "Payment failed");
    await expect(page.getByText("cancelled at StepPay before it was made")).toBeVisible();

    // Paying again cannot use the cancelled StepPay order: a new one. Two Pay clicks at once (two
    // tabs) both open the same new order: each may ask StepPay for one, and the store keeps the
    // first (the second stays unused at StepPay). Cancelled too, before the shopper paid: the same
    // failure again, not one left over from the first order.
    const [secondPage] = await Promise.all([startPayment(request, orderId), startPayment(request, orderId)]);
    expect(secondPage).not.toBe(firstPage);
    const [, secondCode, sameMomentCode] = (await startedRefs()) as string[];
    expect(secondCode).not.toBe(firstCode);
    expect(sameMomentCode).toBe(secondCode);
    await cancelAtStepPay(secondCode!);

    // A third order, which pays.
    await page.goto(`/orders/${orderId}`);
    await page.getByRole("button", { name: "Pay again" }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
    expect([firstPage, secondPage]).not.toContain(page.url());
    await payOnStepPay(page, "Approved");
    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Paid");
    const refs = await startedRefs();
    expect(refs).toHaveLength(4);
    expect(new Set(refs).size).toBe(3);
  });

  test("paying again: StepPay still showing the first attempt's decline fails neither the next attempt nor a cancel", async ({ page, request }) => {
    await addToCart(page, "jeju-green-tea");
    const orderId = await checkout(page);
    await payByRedirect(page, orderId, "Declined");
    await expectOrderStatus(page, "Payment failed");

    // The shopper pays again (the page opens in another tab): the order is pending once more, and
    // StepPay's one order for every attempt still carries the first attempt's decline.
    const secondPage = await startPayment(request, orderId);
    expect((await getOrder(request, orderId)).status).toBe("pending");
    const { stepPayOrderId } = await stepPayIdsOf(request, orderId);
    // A webhook makes the store look the order up meanwhile (a late repeat of the first attempt's).
    const hook = await request.post("/api/webhooks/steppay", { data: { webHookType: "PAYMENT", orderId: stepPayOrderId } });
    expect(hook.status()).toBe(200);
    expect((await getOrder(request, orderId)).status).toBe("pending");

    // The shopper closes that page with Cancel: canceled, though StepPay still shows the decline.
    await page.goto(secondPage);
    await cancelOnStepPay(page);
    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Payment canceled");

    // The third attempt decides: paid.
    await payByRedirect(page, orderId);
    await expectOrderStatus(page, "Paid");
  });

  test("a cancel return with none of StepPay's parameters still finds the order, by the store's own id", async ({ request }) => {
    const orderId = await createOrder(request, "steppay");
    await startPayment(request, orderId);
    // The cancel URL the store gave StepPay (its pay-link call, in the order's timeline) carries
    // the store's order id, as StepPay documents no parameters for it; here it comes back bare.
    const started = (await timeline(request, orderId)).find((e) => e.type === "payment_started")!;
    const payCall = (started.data!.exchanges as { path: string }[]).find((x) => /\/pay\?/.test(x.path))!;
    const cancelUrl = new URL(new URLSearchParams(payCall.path.split("?")[1]).get("cancelUrl") ?? "");
    expect(cancelUrl.searchParams.get("store_order")).toBe(orderId);
    const back = await request.get(`${cancelUrl.pathname}${cancelUrl.search}`, { maxRedirects: 0 });
    expect(back.status()).toBe(303);
    expect(back.headers()["location"]).toContain(`/orders/${orderId}`);
    expect((await getOrder(request, orderId)).status).toBe("canceled");
  });

  test("opening the success URL by hand for an unpaid order does not mark it paid", async ({ page }) => {
    await addToCart(page, "brass-spoon-set");
    const orderId = await checkout(page);
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/**`);
    // The hosted page shows StepPay's order code; a forger would know it from any return URL.
    const orderCode = (await page.getByText(/order_[A-Za-z0-9]+/).first().textContent())!.match(/order_[A-Za-z0-9]+/)![0];

    await page.goto(`/api/payments/steppay/redirect/success?order_id=1&order_code=${orderCode}&status=success`);
    await page.waitForURL(`**/orders/${orderId}`);
    await expectOrderStatus(page, "Awaiting payment");
    const order = await (await page.request.get(`/api/orders/${orderId}`)).json();
    expect(order.status).toBe("pending");
    expect(order.paidAmount).toBeNull();
  });

  test("a return that names no known order changes nothing and says so", async ({ page }) => {
    await page.goto(`/api/payments/steppay/redirect/success?order_id=999&order_code=order_DoesNotExist&status=success`);
    await expect(page.getByText("We could not match that payment return")).toBeVisible();
  });
});

test.describe("store API", () => {
  test("refuses invalid carts with a clear 400 and never takes a price from the browser", async ({ request }) => {
    const base = { provider: "steppay", customer: { name: "A", email: "a@example.com" } };
    const cases: [unknown, string][] = [
      [{ ...base, items: [] }, "Your cart is empty"],
      [{ ...base, items: [{ productId: "nope", quantity: 1 }] }, 'Unknown product "nope"'],
      [{ ...base, items: [{ productId: "hanok-mug", quantity: 0 }] }, "quantity must be at least 1"],
      [{ ...base, items: [{ productId: "hanok-mug", quantity: 11 }] }, "quantity must be at most 10"],
      [{ ...base, items: [{ productId: "hanok-mug", quantity: 1, price: 1 }] }, "Unrecognized key"],
    ];
    for (const [body, message] of cases) {
      const response = await request.post("/api/orders", { data: body });
      expect(response.status()).toBe(400);
      const json = await response.json();
      expect(json.error.code).toBe("invalid_request");
      expect(json.error.message).toContain(message);
    }
  });

  test("creates an order priced on the server", async ({ request }) => {
    const response = await request.post("/api/orders", {
      data: { provider: "steppay", customer: { name: "Lee", email: "lee@example.com" }, items: [{ productId: "single-origin-beans", quantity: 3 }] },
    });
    expect(response.status()).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({ status: "pending", totalAmount: 63000, currency: "KRW", providerReady: true });
    const order = await (await request.get(`/api/orders/${created.id}`)).json();
    expect(order.items).toEqual([expect.objectContaining({ productId: "single-origin-beans", quantity: 3, unitAmount: 21000, lineAmount: 63000 })]);
    // Anyone with the order's link may read this: the shopper's name, never their email address.
    expect(order.customer).toEqual({ name: "Lee" });
    expect(JSON.stringify(order)).not.toContain("lee@example.com");
  });

  test("two orders with one email address get a StepPay customer each: nothing verifies the address", async ({ request }) => {
    const email = `shared+${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    const customers = [];
    for (const name of ["Address Owner", "Someone Else"]) {
      const response = await request.post("/api/orders", { data: { provider: "steppay", customer: { name, email }, items: [{ productId: "hanok-mug", quantity: 1 }] } });
      expect(response.status()).toBe(201);
      const orderId = (await response.json()).id as string;
      const { code } = await stepPayIdsOf(request, orderId);
      const atStepPay = await request.get(`${SANDBOX_ORIGIN}/sandbox/steppay/api/v1/orders/${code}`, { headers: { "Secret-Token": "sandbox-steppay-secret-token" } });
      expect(atStepPay.ok()).toBe(true);
      const { customer } = await atStepPay.json();
      expect(customer).toMatchObject({ name, email, username: expect.stringMatching(new RegExp(`^store-order-${orderId}-[0-9a-f]{8}$`)) });
      customers.push(customer.id);
      // The order's timeline (its inspector) shows StepPay's bodies, the address masked.
      const kept = JSON.stringify(await timeline(request, orderId));
      expect(kept).not.toContain(email);
      expect(kept).toContain(`s•••@example.com`);
    }
    expect(customers[0]).not.toBe(customers[1]);
  });

  test("refuses a cross-site order submission", async ({ request }) => {
    const response = await request.post("/api/orders", {
      headers: { origin: "https://evil.example" },
      data: { provider: "steppay", customer: { name: "A", email: "a@example.com" }, items: [{ productId: "hanok-mug", quantity: 1 }] },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("cross_origin");
  });

  test("unknown orders are 404 with the JSON error shape", async ({ request }) => {
    const response = await request.get("/api/orders/00000000-0000-4000-8000-000000000000");
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("order_not_found");
    expect((await request.get("/api/orders/not-a-uuid")).status()).toBe(404);
  });
});
