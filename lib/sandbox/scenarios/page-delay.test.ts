import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";
import { loadCheckoutView } from "@/lib/sandbox/steppay/checkout";
import { RETURN_URLS, seedCatalog, storeClient, tokenOf } from "@/lib/sandbox/steppay/test-fixtures";
import { scenariosDb } from "./database";
import { armPageDelay, findStepPayOrderIdByEmail, takePageDelay } from "./page-delay";
import { SLOW_PAGE_ARMED_FOR_MS } from "./scenario-catalog";
import { createRun, getRun } from "./scenario-runs";

/** The "payment page slow to load" switch: one order, one page load, then gone. */
beforeAll(async () => {
  await openSandboxDatabases(["steppay"]);
  await scenariosDb();
}, DATABASE_WARM_UP_MS);

afterAll(async () => {
  await closeDb();
});

const client = storeClient();

async function stepPayOrder() {
  const { customer, product, oneTime } = await seedCatalog(client);
  const order = await client.createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: oneTime.code, currency: "KRW", quantity: 1 }] });
  return { order, email: customer.email! };
}

describe("the slow-page switch", () => {
  it("finds the StepPay order the store created for a demo customer", async () => {
    const { order, email } = await stepPayOrder();
    expect(await findStepPayOrderIdByEmail(email.toUpperCase())).toBe(order.orderId);
    expect(await findStepPayOrderIdByEmail("nobody@dalbit.example")).toBeNull();
  });

  it("is taken once, by its own order only, and marks its run as passed", async () => {
    const { order } = await stepPayOrder();
    const other = await stepPayOrder();
    const run = await createRun("slow-page");
    await armPageDelay({ runId: run.id, steppayOrderId: order.orderId, delayMs: 4_000 });
    expect(await takePageDelay(other.order.orderId)).toBe(0);
    expect((await getRun(run.id))?.outcome).toBe("undecided");
    expect(await takePageDelay(order.orderId)).toBe(4_000);
    expect(await takePageDelay(order.orderId)).toBe(0);
    expect(await getRun(run.id)).toMatchObject({ state: "done", outcome: "passed" });
  });

  it("lapses when nobody opens the page in time", async () => {
    const { order } = await stepPayOrder();
    const run = await createRun("slow-page");
    await armPageDelay({ runId: run.id, steppayOrderId: order.orderId, delayMs: 4_000 });
    expect(await takePageDelay(order.orderId, new Date(Date.now() + SLOW_PAGE_ARMED_FOR_MS + 1_000))).toBe(0);
  });

  it("holds the hosted page's loader back, once", async () => {
    const { order } = await stepPayOrder();
    const token = tokenOf(await client.getPayLink(order.orderCode, RETURN_URLS));
    const run = await createRun("slow-page");
    await armPageDelay({ runId: run.id, steppayOrderId: order.orderId, delayMs: 300 });
    const started = performance.now();
    expect((await loadCheckoutView(token)).state).toBe("payable");
    // Proves it waited at all; a lower bound only (a slow machine only makes it longer), with room for early timers.
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    // The load took the switch: its run is passed, and nothing is left for a second load to wait on.
    expect(await getRun(run.id)).toMatchObject({ state: "done", outcome: "passed" });
    expect((await loadCheckoutView(token)).state).toBe("payable");
    expect(await takePageDelay(order.orderId)).toBe(0);
  });
});
