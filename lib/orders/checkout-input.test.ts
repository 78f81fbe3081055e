import { describe, expect, it } from "vitest";
import { checkoutInputSchema } from "./checkout-input";

const buyer = { name: "Kim Minji", email: "Minji@Example.com" };

function parse(input: unknown) {
  return checkoutInputSchema.safeParse(input);
}

describe("checkout input: prices come from the server's catalog", () => {
  it("prices a StepPay cart in KRW from ids and quantities", () => {
    const result = parse({ provider: "steppay", customer: buyer, items: [{ productId: "hanok-mug", quantity: 2 }, { productId: "pour-over-kettle", quantity: 1 }] });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.currency).toBe("KRW");
    expect(result.data.totalAmount).toBe(18000 * 2 + 59000);
    expect(result.data.lines.map((l) => [l.product.id, l.quantity, l.lineAmount])).toEqual([
      ["hanok-mug", 2, 36000],
      ["pour-over-kettle", 1, 59000],
    ]);
    expect(result.data.customer.email).toBe("minji@example.com");
    expect(result.data.kind).toBe("one_time");
  });

  it("prices a Unifi Pay cart in USD cents", () => {
    const result = parse({ provider: "unifipay", countryCode: "usa", customer: buyer, items: [{ productId: "jeju-green-tea", quantity: 3 }] });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.currency).toBe("USD");
    expect(result.data.totalAmount).toBe(5400);
    expect(result.data.countryCode).toBe("USA");
  });

  it("merges repeated lines of one product", () => {
    const result = parse({ provider: "steppay", customer: buyer, items: [{ productId: "hanok-mug", quantity: 4 }, { productId: "hanok-mug", quantity: 3 }] });
    expect(result.success && result.data.lines).toEqual([expect.objectContaining({ quantity: 7, lineAmount: 126000 })]);
  });

  it("refuses any price sent by the browser (unknown keys)", () => {
    const result = parse({ provider: "steppay", customer: buyer, items: [{ productId: "hanok-mug", quantity: 1, price: 1 }] });
    expect(result.success).toBe(false);
    const result2 = parse({ provider: "steppay", customer: buyer, total: 1, items: [{ productId: "hanok-mug", quantity: 1 }] });
    expect(result2.success).toBe(false);
  });

  it.each([
    ["an unknown product", [{ productId: "gold-bar", quantity: 1 }], 'Unknown product "gold-bar"'],
    ["quantity 0", [{ productId: "hanok-mug", quantity: 0 }], "quantity must be at least 1"],
    ["quantity 11", [{ productId: "hanok-mug", quantity: 11 }], "quantity must be at most 10"],
    ["a fractional quantity", [{ productId: "hanok-mug", quantity: 1.5 }], "quantity must be a whole number"],
    ["a string quantity", [{ productId: "hanok-mug", quantity: "2" }], "quantity must be a whole number"],
    ["merged lines over 10", [{ productId: "hanok-mug", quantity: 6 }, { productId: "hanok-mug", quantity: 5 }], "quantity must be at most 10"],
    ["an empty cart", [], "Your cart is empty"],
  ])("refuses %s with a clear message", (_name, items, message) => {
    const result = parse({ provider: "steppay", customer: buyer, items });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.map((i) => i.message)).toContain(message);
  });

  it("requires a known alpha-3 country for Unifi Pay and refuses subscriptions there", () => {
    const noCountry = parse({ provider: "unifipay", customer: buyer, items: [{ productId: "hanok-mug", quantity: 1 }] });
    expect(!noCountry.success && noCountry.error.issues[0]?.message).toBe("countryCode is required for Unifi Pay");
    const alpha2 = parse({ provider: "unifipay", countryCode: "KR", customer: buyer, items: [{ productId: "hanok-mug", quantity: 1 }] });
    expect(alpha2.success).toBe(false);
    const sub = parse({ provider: "unifipay", countryCode: "KOR", customer: buyer, items: [{ productId: "coffee-box-monthly", quantity: 1 }] });
    expect(!sub.success && sub.error.issues.map((i) => i.message)).toContain("Subscriptions can only be paid with StepPay");
  });

  it("marks a cart with a subscription as a subscription order", () => {
    const result = parse({ provider: "steppay", customer: buyer, items: [{ productId: "coffee-box-monthly", quantity: 1 }] });
    expect(result.success && result.data.kind).toBe("subscription");
  });

  it("validates the buyer", () => {
    expect(parse({ provider: "steppay", customer: { name: " ", email: "a@b.co" }, items: [{ productId: "hanok-mug", quantity: 1 }] }).success).toBe(false);
    expect(parse({ provider: "steppay", customer: { name: "A", email: "not-an-email" }, items: [{ productId: "hanok-mug", quantity: 1 }] }).success).toBe(false);
    expect(parse({ provider: "paypal", customer: buyer, items: [{ productId: "hanok-mug", quantity: 1 }] }).success).toBe(false);
  });
});
