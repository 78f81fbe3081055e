import { describe, expect, it } from "vitest";
import type { UnifiPaymentStatus } from "./schemas";
import { verifyUnifiPayment, type UnifiExpectedPayment } from "./verify-payment";

const expected: UnifiExpectedPayment = { transactionId: "tx-1", orderId: "ord_1", storeId: "store-1", amountCents: 1250, currency: "USD" };

function payment(overrides: Partial<UnifiPaymentStatus> = {}): UnifiPaymentStatus {
  return {
    status: "CONFIRMED",
    orderId: "ord_1",
    storeId: "store-1",
    payAmount: 12.5,
    orderAmount: "12.50",
    transactionId: "tx-1",
    discountAmount: 0,
    payCurrencyCode: "USD",
    orderCurrencyCode: "USD",
    ...overrides,
  };
}

describe("verifyUnifiPayment", () => {
  it("is paid when CONFIRMED and every fact matches", () => {
    const verdict = verifyUnifiPayment(payment(), expected);
    expect(verdict.state).toBe("paid");
    if (verdict.state !== "paid") return;
    expect(verdict.paidAmount).toBe(1250);
    expect(verdict.checks.every((c) => c.ok)).toBe(true);
    expect(verdict.checks.map((c) => c.field)).toEqual(["status", "transactionId", "orderId", "storeId", "orderAmount", "orderCurrencyCode"]);
  });

  it("accepts an equal amount written differently (12.5)", () => {
    expect(verifyUnifiPayment(payment({ orderAmount: "12.5" }), expected).state).toBe("paid");
  });

  it("is a mismatch when the amount differs by one cent", () => {
    const verdict = verifyUnifiPayment(payment({ orderAmount: "12.49" }), expected);
    expect(verdict.state).toBe("mismatch");
    expect(verdict.checks.find((c) => c.field === "orderAmount")).toEqual({ field: "orderAmount", expected: "12.50", actual: "12.49", ok: false });
  });

  it("is a mismatch for an amount that is not an exact number of cents", () => {
    expect(verifyUnifiPayment(payment({ orderAmount: "12.505" }), expected).state).toBe("mismatch");
    expect(verifyUnifiPayment(payment({ orderAmount: "abc" }), expected).state).toBe("mismatch");
  });

  it("is a mismatch for another orderId, storeId, transactionId or currency", () => {
    expect(verifyUnifiPayment(payment({ orderId: "ord_2" }), expected).state).toBe("mismatch");
    expect(verifyUnifiPayment(payment({ storeId: "store-2" }), expected).state).toBe("mismatch");
    expect(verifyUnifiPayment(payment({ transactionId: "tx-2" }), expected).state).toBe("mismatch");
    expect(verifyUnifiPayment(payment({ orderCurrencyCode: "EUR" }), expected).state).toBe("mismatch");
  });

  it("is failed when Unifi says FAILED", () => {
    const verdict = verifyUnifiPayment(payment({ status: "FAILED", payAmount: 0 }), expected);
    expect(verdict).toMatchObject({ state: "failed", providerStatus: "FAILED", reason: { code: "UNIFI_FAILED", message: "Unifi Pay reported the payment as failed" } });
  });

  it("is pending for any other status", () => {
    expect(verifyUnifiPayment(payment({ status: "PENDING", payAmount: 0 }), expected)).toMatchObject({ state: "pending", providerStatus: "PENDING" });
    expect(verifyUnifiPayment(payment({ status: "CANCELED", payAmount: 0 }), expected).state).toBe("pending");
  });
});
