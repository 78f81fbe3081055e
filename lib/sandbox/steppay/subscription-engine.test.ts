import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";
import { advanceClockBy } from "./clock";
import { handleClockAdvanceControl, handleFailNextControl, handleRenewControl, handleSubscriptionsControl, type ControlSubscription } from "./control";
import { RENEWAL_RETRY_DAYS } from "./renewals";
import { processDueSubscriptions } from "./subscription-scheduler";
import { apiCall, buySubscription, controlRequest, storeClient } from "./test-fixtures";
import { addInterval, parseStepPayTimestamp } from "./timestamps";

/**
 * The subscription engine: StepPay's statuses and dates, renewals (paid and declined), retries,
 * scheduled changes and the sandbox clock, driven through the store's client, the raw API and the
 * control endpoints.
 */
const client = storeClient();

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["steppay"]), DATABASE_WARM_UP_MS);

afterAll(async () => {
  await closeDb();
});

const at = (value: string | null | undefined): Date => {
  const date = parseStepPayTimestamp(value ?? "");
  if (!date) throw new Error(`not a StepPay timestamp: ${value}`);
  return date;
};

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function controlView(subscriptionId: number): Promise<ControlSubscription> {
  const { subscriptions } = await json<{ subscriptions: ControlSubscription[] }>(await handleSubscriptionsControl(controlRequest("/subscriptions")));
  const view = subscriptions.find((s) => s.id === subscriptionId);
  if (!view) throw new Error(`subscription ${subscriptionId} not listed`);
  return view;
}

async function advance(interval: "DAY" | "MONTH", count = 1) {
  return json<{ now: string; offsetMs: number; processed: { renewals: number; failedRenewals: number; transitions: number } }>(
    await handleClockAdvanceControl(controlRequest("/clock/advance", { interval, count })),
  );
}

type RawSubscription = {
  id: number;
  status: string;
  startDate: string;
  lastPaymentDate: string | null;
  nextPaymentDate: string | null;
  endDate: string | null;
  recurringCount: number;
  interval: string;
  intervalCount: number;
  price: { code: string; price: number };
  items: { quantity: number; price: number }[];
  customer: { email: string };
  currentPeriod: { startDateTime: string; endDateTime: string };
  relatedOrders: { id: number; code: string; orderCode: string; type: string; paymentDate: string | null; paidAmount: number }[];
};

async function rawSubscription(id: number): Promise<RawSubscription> {
  return json<RawSubscription>(await apiCall("GET", `/api/v1/subscriptions/${id}`));
}

describe("a subscription starts when its RECURRING_INITIAL order is paid", () => {
  it("ACTIVE, dated from the payment, one period ahead, listed on the order", async () => {
    const { order, subscriptionId, monthly, customer } = await buySubscription(client, { quantity: 2 });
    expect(order.type).toBe("RECURRING_INITIAL");
    expect(order.paidAmount).toBe(38_000);
    expect(order.subscriptions).toHaveLength(1);
    expect(order.subscriptions![0]).toMatchObject({ id: subscriptionId, status: "ACTIVE", interval: "MONTH", intervalCount: 1, startDate: order.paymentDate, lastPaymentDate: order.paymentDate });

    const subscription = await rawSubscription(subscriptionId);
    const start = at(subscription.startDate);
    expect(start).toEqual(at(order.paymentDate));
    expect(subscription).toMatchObject({ status: "ACTIVE", recurringCount: 1, interval: "MONTH", intervalCount: 1, price: { code: monthly.code, price: 19_000 }, customer: { email: customer.email } });
    expect(subscription.items[0]).toMatchObject({ quantity: 2, price: 19_000 });
    expect(at(subscription.nextPaymentDate)).toEqual(addInterval(start, "MONTH", 1));
    expect(subscription.currentPeriod).toEqual({ startDateTime: subscription.startDate, endDateTime: subscription.nextPaymentDate });
    expect(subscription.relatedOrders.map((o) => [o.id, o.code, o.type, o.paymentDate, o.paidAmount])).toEqual([[order.orderId, order.orderCode, "RECURRING_INITIAL", order.paymentDate, 38_000]]);

    // The store's own schema reads it too.
    expect(await client.getSubscription(subscriptionId)).toMatchObject({ id: subscriptionId, status: "ACTIVE", recurringCount: 1 });
  });
});

describe("renewals", () => {
  it("renew now: a paid RECURRING order pointing back, one more period, recurringCount + 1", async () => {
    const { subscriptionId, order: initial } = await buySubscription(client, { quantity: 2 });
    const before = await rawSubscription(subscriptionId);

    const result = await client.renewSubscription(subscriptionId);
    expect(result.message).toMatch(/renewed/);
    const orderId = (result.body as { orderId: number }).orderId;

    const renewal = await client.getOrder(String(orderId));
    expect(renewal).toMatchObject({ type: "RECURRING", paidAmount: 38_000, parentSubscription: { id: subscriptionId, status: "ACTIVE" } });
    expect(renewal.paymentDate).not.toBeNull();
    expect(renewal.payment).toMatchObject({ amount: 38_000, errorCode: null, errorMessage: null });
    expect(renewal.items!.map((item) => [item.status, item.paidAmount])).toEqual([["PAID", 38_000]]);
    expect((await client.getOrder(renewal.orderCode)).orderId).toBe(orderId); // by code as well

    const after = await rawSubscription(subscriptionId);
    expect(after).toMatchObject({ status: "ACTIVE", recurringCount: 2, lastPaymentDate: renewal.paymentDate });
    expect(at(after.nextPaymentDate)).toEqual(addInterval(at(before.nextPaymentDate), "MONTH", 1));
    expect(after.relatedOrders.map((o) => [o.id, o.type, o.paidAmount])).toEqual([
      [initial.orderId, "RECURRING_INITIAL", 38_000],
      [orderId, "RECURRING", 38_000],
    ]);
  });

  it("fail-next: the renewal is declined, the subscription UNPAID; the retry a day later pays the same order", async () => {
    const { subscriptionId } = await buySubscription(client);
    const before = await rawSubscription(subscriptionId);

    const armed = await json<{ subscription: ControlSubscription }>(await handleFailNextControl(controlRequest(`/subscriptions/${subscriptionId}/fail-next`, {}), String(subscriptionId)));
    expect(armed.subscription.failNextRenewals).toBe(1);

    type Renewed = { paid: boolean; order: { orderId: number; type: string; paymentDate: string | null; paidAmount: number; payment: { errorCode: string; errorMessage: string }; items: { status: string }[]; parentSubscription: { id: number } }; subscription: ControlSubscription };
    const renewed = await json<Renewed>(await handleRenewControl(controlRequest(`/subscriptions/${subscriptionId}/renew`, {}), String(subscriptionId)));
    expect(renewed.paid).toBe(false);
    expect(renewed.order).toMatchObject({ type: "RECURRING", paymentDate: null, paidAmount: 0, parentSubscription: { id: subscriptionId } });
    expect(renewed.order.payment).toMatchObject({ errorCode: "RENEWAL_CARD_DECLINED", errorMessage: "The stored card was declined" });
    expect(renewed.order.items.map((item) => item.status)).toEqual(["PAYMENT_FAILURE"]);
    expect(renewed.subscription).toMatchObject({ status: "UNPAID", failNextRenewals: 0, failedRenewalAttempts: 1, recurringCount: 1 });

    const unpaid = await rawSubscription(subscriptionId);
    expect(unpaid.status).toBe("UNPAID");
    // The first retry is a day after the failure; the period that was due stays the period end.
    expect(at(unpaid.nextPaymentDate)).toEqual(addInterval(new Date(renewed.subscription.unpaidSince!), "DAY", RENEWAL_RETRY_DAYS[0]));
    expect(unpaid.currentPeriod.endDateTime).toBe(before.nextPaymentDate);
    const orderAfterFailure = await client.getOrder(String(renewed.order.orderId));
    expect(orderAfterFailure.paymentDate).toBeNull();

    const { processed } = await advance("DAY", 1);
    expect(processed.renewals).toBeGreaterThanOrEqual(1);
    const view = await controlView(subscriptionId);
    expect(view).toMatchObject({ status: "ACTIVE", recurringCount: 2, failedRenewalAttempts: 0, unpaidSince: null });
    expect(view.renewalOrders.map((o) => [o.id, o.paid])).toEqual([[renewed.order.orderId, true]]);
    const recovered = await rawSubscription(subscriptionId);
    // The cycle restarts from the payment date that failed, not from the retry.
    expect(at(recovered.nextPaymentDate)).toEqual(addInterval(at(before.nextPaymentDate), "MONTH", 1));
  });

  it("retries after 1, 3, 5, 10 and 14 days; after the last one fails the subscription EXPIRES, and EXPIRED is final", async () => {
    const { subscriptionId } = await buySubscription(client);
    await json(await handleFailNextControl(controlRequest(`/subscriptions/${subscriptionId}/fail-next`, { count: 6 }), String(subscriptionId)));

    await advance("MONTH", 1); // the payment date comes: first failure
    let view = await controlView(subscriptionId);
    expect(view).toMatchObject({ status: "UNPAID", failedRenewalAttempts: 1 });
    const since = new Date(view.unpaidSince!);

    let elapsedDays = 0;
    for (const [index, day] of RENEWAL_RETRY_DAYS.entries()) {
      expect(new Date(view.nextPaymentDate!)).toEqual(addInterval(since, "DAY", day));
      await advance("DAY", day - elapsedDays);
      elapsedDays = day;
      view = await controlView(subscriptionId);
      expect(view.failedRenewalAttempts).toBe(index + 2);
    }
    expect(view).toMatchObject({ status: "EXPIRED", nextPaymentDate: null, failNextRenewals: 0 });
    expect(view.renewalOrders).toHaveLength(1); // every retry charged the same order
    expect(view.renewalOrders[0]).toMatchObject({ paid: false, errorCode: "RENEWAL_CARD_DECLINED" });

    for (const [method, path, body] of [
      ["POST", "renew", undefined],
      ["POST", "cancel", { whenToCancel: "NOW" }],
      ["POST", "pause", { whenToPause: "IMMEDIATE", whenToResume: "NOTHING" }],
      ["POST", "active", undefined],
    ] as const) {
      const refused = await json<{ errorCode: string }>(await apiCall(method, `/api/v1/subscriptions/${subscriptionId}/${path}`, { body }), 400);
      expect(refused.errorCode).toBe("INVALID_SUBSCRIPTION_STATUS");
    }
    expect((await handleRenewControl(controlRequest(`/subscriptions/${subscriptionId}/renew`, {}), String(subscriptionId))).status).toBe(400);
  });
});

describe("the sandbox clock and the scheduler", () => {
  it("a clock advance renews a due subscription exactly once, even when two scheduler passes race", async () => {
    const { subscriptionId } = await buySubscription(client);
    const before = await rawSubscription(subscriptionId);
    const clock = await advanceClockBy("MONTH", 1);
    expect(clock.now >= at(before.nextPaymentDate)).toBe(true);

    await Promise.all([processDueSubscriptions({ now: clock.now }), processDueSubscriptions({ now: clock.now }), processDueSubscriptions({ now: clock.now })]);
    await processDueSubscriptions({ now: clock.now });

    const view = await controlView(subscriptionId);
    expect(view.renewalOrders).toHaveLength(1);
    expect(view).toMatchObject({ status: "ACTIVE", recurringCount: 2 });
    const after = await rawSubscription(subscriptionId);
    expect(at(after.nextPaymentDate)).toEqual(addInterval(at(before.nextPaymentDate), "MONTH", 1));
    expect(after.currentPeriod.startDateTime).toBe(before.nextPaymentDate);
    // Renewal orders are dated on the sandbox clock.
    expect(at(after.lastPaymentDate).getTime()).toBe(clock.now.getTime());
  });

  it("cancel END_OF_PERIOD: PENDING_CANCEL until the period ends, then CANCELED without a renewal", async () => {
    const { subscriptionId } = await buySubscription(client);
    const before = await rawSubscription(subscriptionId);
    const response = await client.cancelSubscription(subscriptionId, { whenToCancel: "END_OF_PERIOD" });
    expect(response.message).toMatch(/will be cancelled/);
    const pending = await rawSubscription(subscriptionId);
    expect(pending).toMatchObject({ status: "PENDING_CANCEL", endDate: before.nextPaymentDate });

    const { processed } = await advance("MONTH", 1);
    expect(processed.transitions).toBeGreaterThanOrEqual(1);
    const view = await controlView(subscriptionId);
    expect(view).toMatchObject({ status: "CANCELED", nextPaymentDate: null });
    expect(view.renewalOrders).toEqual([]);
  });

  it("pause IMMEDIATE skips renewals; resume makes it due again; pause LAZY pauses at the period end", async () => {
    const { subscriptionId } = await buySubscription(client);
    await client.pauseSubscription(subscriptionId, { whenToPause: "IMMEDIATE", whenToResume: "NOTHING" });
    expect((await rawSubscription(subscriptionId)).status).toBe("PAUSE");
    await advance("MONTH", 1);
    expect(await controlView(subscriptionId)).toMatchObject({ status: "PAUSE", renewalOrders: [] });

    // Resumed past its payment date: due now, so the next pass charges it.
    await client.resumeSubscription(subscriptionId);
    expect((await rawSubscription(subscriptionId)).status).toBe("ACTIVE");
    await processDueSubscriptions();
    const resumed = await controlView(subscriptionId);
    expect(resumed).toMatchObject({ status: "ACTIVE", recurringCount: 2 });
    expect(resumed.renewalOrders.map((o) => o.paid)).toEqual([true]);

    await client.pauseSubscription(subscriptionId, { whenToPause: "LAZY", whenToResume: "NOTHING" });
    expect((await rawSubscription(subscriptionId)).status).toBe("PENDING_PAUSE");
    await advance("MONTH", 1);
    const paused = await controlView(subscriptionId);
    expect(paused.status).toBe("PAUSE");
    expect(paused.renewalOrders).toHaveLength(1); // no charge at the pause

    await client.cancelSubscription(subscriptionId, { whenToCancel: "NOW" });
    expect((await rawSubscription(subscriptionId)).status).toBe("CANCELED");
    const again = await apiCall("POST", `/api/v1/subscriptions/${subscriptionId}/active`);
    expect(((await json<{ errorCode: string }>(again, 400)).errorCode)).toBe("INVALID_SUBSCRIPTION_STATUS");
  });
});

describe("control endpoints", () => {
  it("list by email, with each subscription's customer, plan and orders", async () => {
    const { subscriptionId, customer, order } = await buySubscription(client);
    const byEmail = await json<{ now: string; subscriptions: ControlSubscription[] }>(
      await handleSubscriptionsControl(controlRequest(`/subscriptions?email=${encodeURIComponent(customer.email!.toUpperCase())}`)),
    );
    expect(byEmail.subscriptions.map((s) => s.id)).toEqual([subscriptionId]);
    expect(byEmail.subscriptions[0]).toMatchObject({
      status: "ACTIVE",
      customer: { email: customer.email, code: customer.code },
      plan: { productName: "Coffee Beans Club", planName: "Monthly", amount: 19_000, interval: "MONTH", intervalCount: 1 },
      initialOrder: { id: order.orderId, code: order.orderCode, paid: true },
      renewalOrders: [],
    });
    expect(Date.parse(byEmail.now)).not.toBeNaN();
  });

  it("answers 404 for unknown subscriptions and 400 for bad input", async () => {
    expect((await handleRenewControl(controlRequest("/subscriptions/999999/renew", {}), "999999")).status).toBe(404);
    expect((await handleFailNextControl(controlRequest("/subscriptions/abc/fail-next", {}), "abc")).status).toBe(404);
    const { subscriptionId } = await buySubscription(client);
    const bad = await handleFailNextControl(controlRequest(`/subscriptions/${subscriptionId}/fail-next`, { count: 0 }), String(subscriptionId));
    expect(await json(bad, 400)).toEqual({ error: { code: "invalid_request", message: expect.stringContaining("count") } });
    expect((await handleClockAdvanceControl(controlRequest("/clock/advance", { interval: "FORTNIGHT" }))).status).toBe(400);
    expect((await handleClockAdvanceControl(controlRequest("/clock/advance", { interval: "DAY", count: 1, extra: true }))).status).toBe(400);
  });

  it("a form post from the panel answers 303 back to /sandbox with a notice", async () => {
    const { subscriptionId } = await buySubscription(client);
    const response = await handleFailNextControl(
      new Request(`http://127.0.0.1:3000/sandbox/steppay/control/subscriptions/${subscriptionId}/fail-next`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "",
      }),
      String(subscriptionId),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/sandbox\?notice=.+#subscriptions$/);
    expect((await controlView(subscriptionId)).failNextRenewals).toBe(1);
  });
});
