import { beforeAll, describe, expect, it } from "vitest";
import { apiCall, RETURN_URLS, SANDBOX_BASE, sandboxFetch, seedCatalog } from "./test-fixtures";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";

/** The emulated HTTP surface, driven with raw web Requests (status codes, headers, error bodies). */

type ErrorBody = { traceId: string; errorCode: string; errorMessage: string; details: Record<string, unknown> };

async function expectError(response: Response, status: number, errorCode: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as ErrorBody;
  expect(body).toEqual({ traceId: expect.stringMatching(/^[0-9a-f-]{36}$/), errorCode, errorMessage: expect.any(String), details: expect.any(Object) });
  return body;
}

let catalog: Awaited<ReturnType<typeof seedCatalog>>;

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["steppay"]), DATABASE_WARM_UP_MS);

beforeAll(async () => {
  catalog = await seedCatalog();
});

function orderBody(overrides: Record<string, unknown> = {}, item: Record<string, unknown> = {}) {
  return {
    customerCode: catalog.customer.code,
    items: [{ productCode: catalog.product.code, priceCode: catalog.oneTime.code, currency: "KRW", minimumQuantity: 1, maximumQuantity: 1, ...item }],
    ...overrides,
  };
}

async function createdOrder(): Promise<{ orderId: number; orderCode: string; idKey: string }> {
  const response = await apiCall("POST", "/api/v1/orders", { body: orderBody() });
  expect(response.status).toBe(201);
  return (await response.json()) as { orderId: number; orderCode: string; idKey: string };
}

describe("Secret-Token", () => {
  it("is required on /api/v1/**: missing → 401 with StepPay's error body", async () => {
    const body = await expectError(await apiCall("GET", "/api/v1/orders/1", { headers: {} }), 401, "UNAUTHORIZED");
    expect(body.errorMessage).toMatch(/Secret-Token/);
  });

  it("must match: wrong → 401", async () => {
    await expectError(await apiCall("POST", "/api/v1/customers", { headers: { "Secret-Token": "guess" }, body: { name: "a", email: "a@b.co", username: "a" } }), 401, "INVALID_SECRET_TOKEN");
  });

  it("guards the receipt lookup too", async () => {
    await expectError(await apiCall("GET", "/api/payment/receipt/whatever", { headers: {} }), 401, "UNAUTHORIZED");
  });

  it("is not needed for the public pay link", async () => {
    const order = await createdOrder();
    const query = new URLSearchParams(RETURN_URLS);
    const response = await apiCall("GET", `/api/public/orders/${order.orderCode}/pay?${query}`, { headers: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(new RegExp(`^${SANDBOX_BASE}/checkout/[A-Za-z0-9_-]{43}$`));
  });
});

describe("routing", () => {
  it("answers 404 with the error body for unknown paths", async () => {
    await expectError(await apiCall("GET", "/api/v1/nothing-here"), 404, "NOT_FOUND");
    await expectError(await apiCall("GET", "/api/public/elsewhere", { headers: {} }), 404, "NOT_FOUND");
    await expectError(await sandboxFetch(`${SANDBOX_BASE}/not-api`), 404, "NOT_FOUND");
  });

  it("answers 405 for a known path with the wrong method", async () => {
    const response = await apiCall("DELETE", "/api/v1/orders");
    await expectError(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses a body that is not JSON", async () => {
    await expectError(await apiCall("POST", "/api/v1/orders", { body: "{nope" }), 400, "INVALID_REQUEST");
  });
});

describe("customers, products and prices", () => {
  it("requires username, email and name for a customer", async () => {
    const body = await expectError(await apiCall("POST", "/api/v1/customers", { body: { name: "Kim", email: "kim@example.com" } }), 400, "INVALID_REQUEST");
    expect(body.details).toEqual({ fields: [{ field: "username", message: expect.any(String) }] });
  });

  it("answers 201 with the customer's code and uuid", async () => {
    const response = await apiCall("POST", "/api/v1/customers", { body: { name: "Kim", email: "kim@example.com", username: "kim@example.com", phone: "010-1234-5678" } });
    expect(response.status).toBe(201);
    const customer = (await response.json()) as Record<string, unknown>;
    expect(customer).toMatchObject({ id: expect.any(Number), code: expect.stringMatching(/^customer_/), uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), phone: "01012345678" });
    const again = await apiCall("GET", `/api/v1/customers/${String(customer.code)}`);
    expect(((await again.json()) as { id: number }).id).toBe(customer.id);
  });

  it("refuses a FLAT price without recurring", async () => {
    const response = await apiCall("POST", `/api/v1/products/${catalog.product.id}/prices`, {
      body: { price: 1000, unit: "개", type: "FLAT", plan: { name: "Monthly", description: "" } },
    });
    const body = await expectError(response, 400, "INVALID_REQUEST");
    expect(body.errorMessage).toMatch(/recurring/);
  });

  it("404s prices on an unknown product", async () => {
    const response = await apiCall("POST", "/api/v1/products/999999/prices", { body: { price: 1000, unit: "개", type: "ONE_TIME", plan: { name: "x", description: "" } } });
    await expectError(response, 404, "PRODUCT_NOT_FOUND");
  });

  it("shows a product with its prices, by id or code", async () => {
    for (const key of [String(catalog.product.id), catalog.product.code]) {
      const response = await apiCall("GET", `/api/v1/products/${key}`);
      expect(response.status).toBe(200);
      const product = (await response.json()) as { code: string; prices: { code: string }[] };
      expect(product.code).toBe(catalog.product.code);
      expect(product.prices.map((p) => p.code)).toEqual([catalog.oneTime.code]);
    }
  });
});

describe("POST /api/v1/orders validation", () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ["no customer reference", () => ({ ...orderBody(), customerCode: undefined }), "INVALID_REQUEST"],
    ["unknown customer", () => orderBody({ customerCode: "customer_nobody000" }), "CUSTOMER_NOT_FOUND"],
    ["unknown customerId next to a valid code", () => orderBody({ customerId: 999_999 }), "CUSTOMER_NOT_FOUND"],
    ["no items", () => orderBody({ items: [] }), "INVALID_REQUEST"],
    ["unknown product", () => orderBody({}, { productCode: "product_missing00" }), "PRODUCT_NOT_FOUND"],
    ["unknown price", () => orderBody({}, { priceCode: "price_missing000" }), "PRICE_NOT_FOUND"],
    ["price of another product", () => orderBody({}, { priceCode: catalog.monthly.code }), "PRICE_NOT_IN_PRODUCT"],
    ["currency other than KRW", () => orderBody({}, { currency: "USD" }), "UNSUPPORTED_CURRENCY"],
    ["minimumQuantity 0", () => orderBody({}, { minimumQuantity: 0, maximumQuantity: 0 }), "INVALID_REQUEST"],
    ["maximumQuantity below minimumQuantity", () => orderBody({}, { minimumQuantity: 3, maximumQuantity: 2 }), "INVALID_REQUEST"],
    ["missing currency", () => orderBody({}, { currency: undefined }), "INVALID_REQUEST"],
    ["bad purchaseDeadline", () => orderBody({ purchaseDeadline: "next tuesday" }), "INVALID_REQUEST"],
  ];
  it.each(cases)("%s → 400", async (_, body, errorCode) => {
    await expectError(await apiCall("POST", "/api/v1/orders", { body: body() }), 400, errorCode);
  });

  it("refuses customer references that name different customers", async () => {
    const other = await apiCall("POST", "/api/v1/customers", { body: { name: "Lee", email: "lee@example.com", username: "lee@example.com" } });
    const otherId = ((await other.json()) as { id: number }).id;
    await expectError(await apiCall("POST", "/api/v1/orders", { body: orderBody({ customerId: otherId }) }), 400, "CUSTOMER_MISMATCH");
  });

  it("accepts customerId or customerUuid instead of the code, and sums several items", async () => {
    const response = await apiCall("POST", "/api/v1/orders", {
      body: {
        customerId: catalog.customer.id,
        items: [
          { productCode: catalog.product.code, priceCode: catalog.oneTime.code, currency: "KRW", minimumQuantity: 3 },
          { productCode: catalog.subscriptionProduct.code, priceCode: catalog.monthly.code, currency: "KRW", minimumQuantity: 1, maximumQuantity: 1 },
        ],
      },
    });
    expect(response.status).toBe(201);
    const order = (await response.json()) as { type: string; productName: string; items: { maximumQuantity: number | null; quantity: number }[] };
    expect(order.type).toBe("RECURRING_INITIAL");
    expect(order.productName).toBe("Ceramic Mug (Single purchase) 외 1건");
    expect(order.items.map((i) => [i.quantity, i.maximumQuantity])).toEqual([
      [3, null],
      [1, 1],
    ]);

    const byUuid = await apiCall("POST", "/api/v1/orders", { body: orderBody({ customerCode: undefined, customerUuid: String(catalog.customer.uuid) }) });
    expect(byUuid.status).toBe(201);
    expect(((await byUuid.json()) as { customer: { id: number } }).customer.id).toBe(catalog.customer.id);
  });
});

describe("pay links", () => {
  it("GET /api/v1/orders/{id}/pay answers 302 to a new hosted-checkout session", async () => {
    const order = await createdOrder();
    const query = new URLSearchParams({ ...RETURN_URLS, lang: "en" });
    const first = await apiCall("GET", `/api/v1/orders/${order.orderId}/pay?${query}`);
    const second = await apiCall("GET", `/api/v1/orders/${order.orderCode}/pay?${query}`);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(first.headers.get("location")).not.toBe(second.headers.get("location"));
  });

  it("404s an unknown order", async () => {
    const query = new URLSearchParams(RETURN_URLS);
    await expectError(await apiCall("GET", `/api/v1/orders/order_unknown00/pay?${query}`), 404, "ORDER_NOT_FOUND");
    await expectError(await apiCall("GET", `/api/public/orders/order_unknown00/pay?${query}`, { headers: {} }), 404, "ORDER_NOT_FOUND");
    // The public link takes a code: a numeric id is not looked up.
    const order = await createdOrder();
    await expectError(await apiCall("GET", `/api/public/orders/${order.orderId}/pay?${query}`, { headers: {} }), 404, "ORDER_NOT_FOUND");
  });

  it.each([
    ["a relative successUrl", { ...RETURN_URLS, successUrl: "/done" }],
    ["a javascript: errorUrl", { ...RETURN_URLS, errorUrl: "javascript:alert(1)" }],
    ["an ftp cancelUrl", { ...RETURN_URLS, cancelUrl: "ftp://example.com/x" }],
    ["no successUrl", { errorUrl: RETURN_URLS.errorUrl }],
  ])("refuses %s with 400", async (_, params) => {
    const order = await createdOrder();
    const query = new URLSearchParams(params as Record<string, string>);
    await expectError(await apiCall("GET", `/api/v1/orders/${order.orderCode}/pay?${query}`), 400, "INVALID_REDIRECT_URL");
  });
});

describe("orders and receipts", () => {
  it("GET /api/v1/orders/{id} 404s an unknown order", async () => {
    await expectError(await apiCall("GET", "/api/v1/orders/987654"), 404, "ORDER_NOT_FOUND");
  });

  it("the receipt of an unpaid order has no status yet; an unknown idKey is 404", async () => {
    const order = await createdOrder();
    const response = await apiCall("GET", `/api/payment/receipt/${order.idKey}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ paymentDate: null, paymentStatus: null, orderCode: order.orderCode, orderId: order.orderId, amount: 29_500 });
    await expectError(await apiCall("GET", "/api/payment/receipt/17000000000000nothing"), 404, "RECEIPT_NOT_FOUND");
  });

  it("PATCH …/cancel requires requestPrice", async () => {
    const order = await createdOrder();
    await expectError(await apiCall("PATCH", `/api/v1/orders/${order.orderCode}/cancel`, { body: { reason: "x" } }), 400, "INVALID_REQUEST");
  });

  it("a refund of an unpaid order is a cancellation: 200 { message, body }", async () => {
    const order = await createdOrder();
    const response = await apiCall("PATCH", `/api/v1/orders/${order.orderCode}/cancel`, { body: { requestPrice: 0, reason: "x" } });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { message: string; body: { orderCode: string; items: { status: string }[]; orderLogs: unknown[] } };
    expect(result.message).toEqual(expect.any(String));
    expect(result.body.orderCode).toBe(order.orderCode);
    expect(result.body.items[0]!.status).toBe("CANCELLED");
    expect(result.body.orderLogs).toHaveLength(1);
  });
});
