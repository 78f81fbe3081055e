import { describe, expect, it } from "vitest";
import { collectExchanges, maskPersonalData, recordExchange } from "./exchange-log";

describe("the provider calls kept on an order's timeline", () => {
  it("mask the shopper's email address and phone number, wherever they are in a body", async () => {
    const outcome = await collectExchanges(async () => {
      recordExchange({
        provider: "steppay",
        method: "POST",
        path: "/api/v1/customers",
        status: 201,
        durationMs: 3,
        requestBody: { name: "Kim Minji", email: "minji@example.com", username: "store-order-1-ab", phone: "010-1234-5678" },
        responseBody: { id: 7, customer: { email: "minji@example.com" }, items: [{ email: "x@y.kr" }], code: "customer_1" },
      });
    });
    const [kept] = outcome.exchanges;
    expect(kept!.requestBody).toEqual({ name: "Kim Minji", email: "m•••@example.com", username: "store-order-1-ab", phone: "•••78" });
    expect(kept!.responseBody).toEqual({ id: 7, customer: { email: "m•••@example.com" }, items: [{ email: "x•••@y.kr" }], code: "customer_1" });
  });

  it("leaves everything else as it was", () => {
    expect(maskPersonalData("minji@example.com")).toBe("minji@example.com"); // a bare string is not a field
    expect(maskPersonalData({ email: null, list: [1, "a"], nested: { orderCode: "order_1" } })).toEqual({ email: null, list: [1, "a"], nested: { orderCode: "order_1" } });
  });
});
