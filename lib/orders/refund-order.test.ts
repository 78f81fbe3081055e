import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { standInProvider } from "@/lib/test-support/provider-stand-in";
import { getDb } from "@/lib/db/client";
import { orders, providerPayments } from "@/lib/db/schema";
import { reconcileOnce } from "./reconciler";
import { refundClaimMs, refundOrder } from "./refund-order";

// vitest runs with PGLITE_DIR=memory:// (vitest.config.mts): a fresh embedded database per file.
// StepPay is a small HTTP server of our own on a local port, standing where the sandbox would be
// (SANDBOX_ORIGIN, read when this file's configuration is first parsed). It keeps one order's
// refunded total, and can be told to lose the answer to its next cancel (after carrying it out),
// to fail it with a 500 or a 503 (without carrying it out), or to fail the order reads after a cancel.
const PAID = 59_000;
let provider: { close: () => Promise<void> };
let returned = 0;
let cancels = 0;
let nextCancel: "ok" | "lose_answer" | "http500" | "http503" = "ok";
let failingReads = 0;
let failReadsAfterCancel = 0;
let failingReadStatus = 500;

beforeAll(async () => {
  provider = await standInProvider((request, response) => {
    const url = request.url ?? "";
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (request.method === "PATCH" && url.endsWith("/cancel")) {
        cancels++;
        const mode = nextCancel;
        nextCancel = "ok";
        failingReads = failReadsAfterCancel;
        failReadsAfterCancel = 0;
        if (mode === "http500" || mode === "http503") {
          response.writeHead(mode === "http500" ? 500 : 503, { "content-type": "application/json" }).end(JSON.stringify({ message: "unavailable" }));
          return;
        }
        returned += (JSON.parse(body) as { requestPrice: number }).requestPrice;
        if (mode === "lose_answer") {
          request.socket.destroy();
          return;
        }
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ message: "ok" }));
        return;
      }
      if (request.method === "GET" && /\/api\/v1\/orders\/[^/]+$/.test(url)) {
        if (failingReads > 0) {
          failingReads--;
          response.writeHead(failingReadStatus, { "content-type": "application/json" }).end(JSON.stringify({ message: "boom" }));
          return;
        }
        const orderCode = decodeURIComponent(url.split("/").pop()!);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ orderId: 1, orderCode, type: "ONE_TIME", paidAmount: PAID, returnedAmount: returned }));
        return;
      }
      response.writeHead(404).end();
    });
  });
});

afterAll(() => provider.close());

beforeEach(() => {
  returned = 0;
  cancels = 0;
  nextCancel = "ok";
  failingReads = 0;
  failReadsAfterCancel = 0;
  failingReadStatus = 500;
});

/** Paid (and last read from StepPay) `daysAgo` days ago. */
async function paidOrder(daysAgo = 0): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  await db.insert(orders).values({ id, provider: "steppay", status: "paid", currency: "KRW", totalAmount: PAID, paidAmount: PAID, paidAt: at, lastSyncedAt: at, customerName: "T", customerEmail: "t@example.com" });
  await db.insert(providerPayments).values({ id: randomUUID(), orderId: id, provider: "steppay", ref: `order_${id.slice(0, 8)}`, lastProviderStatus: "PAID" });
  return id;
}

async function orderRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

/** The refund's claim on the order lapses, as it would after refundClaimMs(). */
async function lapseClaim(id: string) {
  const db = await getDb();
  await db.update(orders).set({ refundStartedAt: new Date(Date.now() - refundClaimMs() - 1_000) }).where(eq(orders.id, id));
}

describe("refundOrder: StepPay's cancel has no idempotency key, so no refund is sent twice", () => {
  it("a refund pressed again after its outcome was unknown finds the first at StepPay and sends no second cancel", async () => {
    const id = await paidOrder();
    nextCancel = "lose_answer"; // StepPay refunds, the answer is lost…
    failReadsAfterCancel = 1; // …and so is the read that would have told
    expect(await refundOrder(id, 20_000, "customer request")).toMatchObject({ kind: "error", code: "refund_unknown" });
    expect(returned).toBe(20_000);

    // Pressed again while the claim holds: refused.
    expect(await refundOrder(id, 20_000, "customer request")).toMatchObject({ kind: "error", code: "refund_in_progress" });
    // Pressed again once it lapsed: StepPay's order shows the first refund, which is recorded; none is sent.
    await lapseClaim(id);
    expect(await refundOrder(id, 20_000, "customer request")).toMatchObject({ kind: "error", status: 409, code: "refund_found" });
    expect(cancels).toBe(1);
    expect(returned).toBe(20_000);
    expect(await orderRow(id)).toMatchObject({ status: "partially_refunded", refundedAmount: 20_000 });

    // The merchant, now seeing it, refunds the rest.
    expect(await refundOrder(id, PAID - 20_000, "customer request")).toMatchObject({ kind: "refunded", status: "refunded", refundedAmount: PAID });
    expect(cancels).toBe(2);
  });

  it("a cancel StepPay answered with a 500 and did not make frees the order for the next refund", async () => {
    const id = await paidOrder();
    nextCancel = "http500";
    expect(await refundOrder(id, 10_000, "customer request")).toMatchObject({ kind: "error", code: "refund_failed" });
    expect(await refundOrder(id, 10_000, "customer request")).toMatchObject({ kind: "refunded", refundedAmount: 10_000 });
    expect(cancels).toBe(2);
  });

  it("a cancel answered by a gateway (503), which StepPay may still carry out, keeps the claim even when its order shows nothing yet", async () => {
    const id = await paidOrder();
    nextCancel = "http503";
    expect(await refundOrder(id, 10_000, "customer request")).toMatchObject({ kind: "error", code: "refund_unknown" });
    expect(await refundOrder(id, 10_000, "customer request")).toMatchObject({ kind: "error", code: "refund_in_progress" });
    expect(cancels).toBe(1);
    expect(await orderRow(id)).toMatchObject({ status: "paid", refundedAmount: 0 });
  });

  it("a cancel StepPay accepted is recorded even when reading its order afterwards is refused", async () => {
    const id = await paidOrder();
    failReadsAfterCancel = 1;
    failingReadStatus = 429; // a definite answer about the read, not about the refund
    expect(await refundOrder(id, 15_000, "customer request")).toMatchObject({ kind: "refunded", refundedAmount: 15_000, status: "partially_refunded" });
    expect(cancels).toBe(1);
    expect(await orderRow(id)).toMatchObject({ refundedAmount: 15_000, refundStartedAt: null });
  });
});

describe("the reconciler finds refunds the store missed", () => {
  it("a refund whose outcome was never learned, once its claim lapsed", async () => {
    const id = await paidOrder();
    nextCancel = "lose_answer";
    failReadsAfterCancel = 1;
    expect(await refundOrder(id, 20_000, "customer request")).toMatchObject({ code: "refund_unknown" });
    await lapseClaim(id);
    const pass = await reconcileOnce({ pendingAfterMs: 120_000 });
    expect(pass).toMatchObject({ refundsFound: 1 });
    expect(await orderRow(id)).toMatchObject({ status: "partially_refunded", refundedAmount: 20_000, refundStartedAt: null });
    expect(cancels).toBe(1);
  });

  it("a refund made in StepPay's dashboard whose announcements were all lost, within a day", async () => {
    const today = await paidOrder(0);
    const yesterday = await paidOrder(2);
    returned = PAID; // refunded in full at StepPay; no webhook arrived
    await reconcileOnce({ pendingAfterMs: 120_000 });
    expect(await orderRow(yesterday)).toMatchObject({ status: "refunded", refundedAmount: PAID });
    // Read today already: not asked again before a day has passed.
    expect(await orderRow(today)).toMatchObject({ status: "paid", refundedAmount: 0 });
  });
});
