import { describe, expect, it } from "vitest";
import type { PaymentVerdict } from "@/lib/providers/types";
import { applyVerdict, canStartPayment, ORDER_STATUSES, refundTransition, startPaymentTransition } from "./state-machine";

const paid: PaymentVerdict = { state: "paid", checks: [], providerStatus: "paid", paidAmount: 1000, paidAt: "2026-01-01T00:00:00" };
const failed: PaymentVerdict = { state: "failed", checks: [], providerStatus: "PAYMENT_FAILURE", reason: { code: "CARD_DECLINED", message: "Declined" } };
const pending: PaymentVerdict = { state: "pending", checks: [], providerStatus: "CREATED" };
const mismatch: PaymentVerdict = { state: "mismatch", checks: [], providerStatus: "paid" };

describe("order state machine", () => {
  it("moves pending to paid only on a paid verdict", () => {
    expect(applyVerdict("pending", paid)).toEqual({ status: "paid", changed: true, failure: null });
    expect(applyVerdict("pending", pending, "success")).toEqual({ status: "pending", changed: false, failure: null });
  });

  it("never leaves paid (or refunded) on any verdict or hint", () => {
    for (const status of ["paid", "partially_refunded", "refunded"] as const) {
      for (const verdict of [paid, failed, pending, mismatch]) {
        for (const hint of [null, "success", "error", "cancel", "returned"] as const) {
          expect(applyVerdict(status, verdict, hint)).toEqual({ status, changed: false, failure: null });
        }
      }
    }
  });

  it("records the provider's failure reason", () => {
    expect(applyVerdict("pending", failed)).toEqual({ status: "failed", changed: true, failure: { code: "CARD_DECLINED", message: "Declined" } });
  });

  it("sends a provider-reported payment that does not match to review, never to paid", () => {
    expect(applyVerdict("pending", mismatch, "success").status).toBe("review");
    expect(applyVerdict("review", failed).status).toBe("review");
    expect(applyVerdict("review", paid).status).toBe("paid");
  });

  it("turns 'came back without paying' into canceled, but a cancel hint cannot undo a payment", () => {
    expect(applyVerdict("pending", pending, "cancel").status).toBe("canceled");
    expect(applyVerdict("pending", failed, "cancel").status).toBe("canceled");
    expect(applyVerdict("pending", paid, "cancel").status).toBe("paid");
    expect(applyVerdict("canceled", paid).status).toBe("paid");
  });

  it("reads a return that names no outcome (Unifi Pay) by the provider's answer: declined is failed", () => {
    expect(applyVerdict("pending", failed, "returned")).toEqual({ status: "failed", changed: true, failure: { code: "CARD_DECLINED", message: "Declined" } });
    expect(applyVerdict("failed", failed, "returned").changed).toBe(false);
    expect(applyVerdict("pending", pending, "returned").status).toBe("canceled");
    expect(applyVerdict("pending", paid, "returned").status).toBe("paid");
  });

  it("lets the shopper pay again after a failure or cancel, not after payment or review", () => {
    expect(startPaymentTransition("failed")).toEqual({ status: "pending", changed: true, failure: null });
    expect(startPaymentTransition("canceled").status).toBe("pending");
    expect(startPaymentTransition("pending").changed).toBe(false);
    expect(ORDER_STATUSES.filter(canStartPayment)).toEqual(["pending", "failed", "canceled"]);
  });

  it("refunds partially, then fully", () => {
    expect(refundTransition("paid", 10000, 4000).status).toBe("partially_refunded");
    expect(refundTransition("partially_refunded", 10000, 10000).status).toBe("refunded");
    expect(refundTransition("pending", 10000, 10000).changed).toBe(false);
  });
});
