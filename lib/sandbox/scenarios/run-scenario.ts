import { sandboxSettings } from "@/lib/sandbox/shared/config";
import type { RunDetail } from "@/lib/sandbox/shared/panel-copy";
import { describeError } from "@/lib/sandbox/shared/poller";
import { loadCheckoutView } from "@/lib/sandbox/steppay/checkout";
import { TEST_CARDS } from "@/lib/sandbox/steppay/test-cards";
import { listWebhookDeliveries, type WebhookLogEntry } from "@/lib/sandbox/steppay/webhook-deliveries";
import { describeStoreStatus, headlessShopper, paidTransitions, ShopperStepError, type HeadlessShopper, type NewOrder, type StoreOrder } from "./headless-shopper";
import { armPageDelay, findStepPayOrderIdByEmail } from "./page-delay";
import { LATE_CALLBACK_DELAY_MS, SLOW_PAGE_DELAY_MS, WEBHOOK_SHUFFLE_MS, type ScenarioKey } from "./scenario-catalog";
import { createRun, getRun, updateRun, type ScenarioRunView } from "./scenario-runs";
import { releaseLapsedOverrides, withOverride } from "./setting-overrides";

/**
 * Plays a scenario as a headless shopper over HTTP against the store (APP_ORIGIN), records what
 * the store reported in the runs table, and judges it. Each run owns its order (a fresh demo
 * customer), and every setting it turns is held through the database, so runs may overlap.
 */

/** How long a run waits for a late callback or webhooks before judging. */
export const SETTLE_TIMEOUT_MS = 20_000;
const POLL_EVERY_MS = 400;

type Outcome = {
  state: "done" | "waiting";
  passed: boolean | null;
  storeStatus: string | null;
  detail: RunDetail;
  /** Work that must come after the outcome is recorded (arming a switch that completes the run). */
  afterRecorded?: () => Promise<void>;
};

type RunContext = {
  runId: number;
  key: ScenarioKey;
  shopper: HeadlessShopper;
  /** The order this run created, once it exists. */
  orderId: string | null;
  createOrder: (order: Omit<NewOrder, "email">) => Promise<{ id: string; status: string; providerReady: boolean; email: string }>;
  note: (detail: RunDetail, storeStatus?: string) => Promise<void>;
};

const cardNumber = (outcome: "approved" | "declined") => TEST_CARDS.find((card) => card.outcome === outcome)!.number;

/** What a shopper types on StepPay's page: a test card, a date safely in the future. */
function cardFields(outcome: "approved" | "declined"): Record<string, string> {
  const year = (new Date().getUTCFullYear() + 5) % 100;
  return { cardNumber: cardNumber(outcome), expiry: `12/${String(year).padStart(2, "0")}`, cvc: "123", cardHolder: "DEMO SHOPPER", intent: "pay" };
}

function checkoutToken(pageUrl: string): string {
  const match = /\/checkout\/([^/?#]+)$/.exec(new URL(pageUrl).pathname);
  if (!match) throw new ShopperStepError(`The store sent the shopper to ${pageUrl}, not to StepPay's payment page`);
  return decodeURIComponent(match[1]!);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Probes until `done` or the timeout; returns the last value seen. */
async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = SETTLE_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(POLL_EVERY_MS);
  }
}

/** Who moved the order into paid, from the store's timeline ("webhook", "callback", …). */
function paidBy(events: Awaited<ReturnType<HeadlessShopper["getTimeline"]>>): string[] {
  return paidTransitions(events).map((event) => String(event.data?.source ?? "unknown"));
}

/** Create, start, open: a StepPay order with its hosted page on screen. */
async function openStepPayCheckout(ctx: RunContext): Promise<{ orderId: string; pageUrl: string }> {
  const order = await ctx.createOrder({ provider: "steppay" });
  const pageUrl = await ctx.shopper.startPayment(order.id);
  await ctx.shopper.openPage(pageUrl);
  return { orderId: order.id, pageUrl };
}

async function payAndReturn(ctx: RunContext, fields: Record<string, string>): Promise<StoreOrder> {
  const { orderId, pageUrl } = await openStepPayCheckout(ctx);
  const returnUrl = await ctx.shopper.submitStepPay(pageUrl, fields);
  await ctx.shopper.followReturn(returnUrl);
  return ctx.shopper.getOrder(orderId);
}

const STEPS: Record<ScenarioKey, (ctx: RunContext) => Promise<Outcome>> = {
  async approve(ctx) {
    const order = await payAndReturn(ctx, cardFields("approved"));
    const passed = order.status === "paid";
    return {
      state: "done",
      passed,
      storeStatus: describeStoreStatus(order),
      detail: passed ? { kind: "approvePaid" } : { kind: "approveUnexpected", status: order.status },
    };
  },

  async decline(ctx) {
    const order = await payAndReturn(ctx, cardFields("declined"));
    const passed = order.status === "failed" && order.failure?.code === "CARD_DECLINED" && /insufficient limit/i.test(order.failure.message);
    return {
      state: "done",
      passed,
      storeStatus: describeStoreStatus(order),
      detail: passed ? { kind: "declinePassed" } : { kind: "declineUnexpected", reported: describeStoreStatus(order) },
    };
  },

  async cancel(ctx) {
    const order = await payAndReturn(ctx, { intent: "cancel" });
    const passed = order.status === "canceled";
    return {
      state: "done",
      passed,
      storeStatus: describeStoreStatus(order),
      detail: passed ? { kind: "cancelPassed" } : { kind: "cancelUnexpected", status: order.status },
    };
  },

  async "slow-page"(ctx) {
    const order = await ctx.createOrder({ provider: "steppay" });
    if (!order.providerReady) throw new ShopperStepError("The store could not prepare the order at StepPay, so there is no payment page to slow down");
    const steppayOrderId = await findStepPayOrderIdByEmail(order.email);
    if (steppayOrderId === null) throw new ShopperStepError(`StepPay has no order for ${order.email}`);
    const status = await ctx.shopper.getOrder(order.id);
    return {
      state: "waiting",
      passed: null,
      storeStatus: describeStoreStatus(status),
      detail: { kind: "slowPageArmed", delayMs: SLOW_PAGE_DELAY_MS },
      // Armed only once "waiting" is recorded: the page may consume it (and mark the run ✓) at once.
      afterRecorded: () => armPageDelay({ runId: ctx.runId, steppayOrderId, delayMs: SLOW_PAGE_DELAY_MS }),
    };
  },

  async "late-callback"(ctx) {
    const order = await ctx.createOrder({ provider: "unifipay", countryCode: "USA" });
    const startPage = await ctx.shopper.startPayment(order.id);
    await ctx.shopper.openPage(startPage);
    // The delay is read when the shopper decides, so it needs holding only that long.
    await withOverride("unifipay-callbacks", { callbackDelayMs: LATE_CALLBACK_DELAY_MS }, () => ctx.shopper.decideUnifi(startPage, "approve"));
    const approvedAt = Date.now();
    // The browser never comes back: only the callback (or the store's reconciler) can tell the store.
    const first = await ctx.shopper.getOrder(order.id);
    await ctx.note({ kind: "lateCallbackWaiting", status: first.status, delayMs: LATE_CALLBACK_DELAY_MS }, describeStoreStatus(first));
    const final = await pollUntil(() => ctx.shopper.getOrder(order.id), (o) => o.status !== "pending");
    const settledAfter = Date.now() - approvedAt;
    const source = paidBy(await ctx.shopper.getTimeline(order.id));
    const passed = first.status === "pending" && final.status === "paid";
    return {
      state: "done",
      passed,
      storeStatus: describeStoreStatus(final),
      detail:
        final.status === "pending"
          ? { kind: "lateCallbackStillPending", first: first.status, timeoutMs: SETTLE_TIMEOUT_MS }
          : { kind: "lateCallbackSettled", first: first.status, final: final.status, afterMs: settledAfter, via: source },
    };
  },

  async "duplicate-webhooks"(ctx) {
    const { orderId, pageUrl } = await openStepPayCheckout(ctx);
    const view = await loadCheckoutView(checkoutToken(pageUrl));
    if (view.state === "expired") throw new ShopperStepError("StepPay's payment page expired before the shopper paid");
    const steppayOrderId = view.order.id;
    const deliveries = () => listWebhookDeliveries({ orderId: steppayOrderId });
    const originals = (list: WebhookLogEntry[]) => list.filter((d) => d.duplicateOf === null && d.replayOf === null);

    const submittedAt = new Date().toISOString();
    // Duplicates are decided when an original is delivered: hold the knobs until every original went out.
    await withOverride("steppay-webhooks", { duplicateRate: 1, shuffleMs: WEBHOOK_SHUFFLE_MS }, async () => {
      await ctx.shopper.submitStepPay(pageUrl, cardFields("approved")); // paid; the browser never follows the return
      await ctx.note({ kind: "webhooksOnTheirWay" });
      await pollUntil(deliveries, (list) => originals(list).every((d) => d.state !== "pending"));
    });
    const sent = await pollUntil(deliveries, (list) => list.every((d) => d.state !== "pending"));
    const final = await pollUntil(() => ctx.shopper.getOrder(orderId), (o) => o.status !== "pending");
    const events = await ctx.shopper.getTimeline(orderId);
    const transitions = paidTransitions(events).length;
    // The payment's own webhooks (the order's creation was announced before the knobs were turned).
    const payment = originals(sent).filter((d) => d.createdAt >= submittedAt && d.attempts.length > 0);
    const paymentIds = new Set(payment.map((d) => d.id));
    const duplicates = sent.filter((d) => d.duplicateOf !== null && paymentIds.has(d.duplicateOf) && d.state === "delivered").length;
    const firstArrival = (d: WebhookLogEntry) => d.attempts[0]?.startedAt ?? "";
    const shuffled = payment.map((d) => d.id).join() !== [...payment].sort((a, b) => firstArrival(a).localeCompare(firstArrival(b))).map((d) => d.id).join();
    const passed = final.status === "paid" && transitions === 1;
    return {
      state: "done",
      passed,
      storeStatus: describeStoreStatus(final),
      detail: { kind: "webhooksSettled", payments: payment.length, duplicates, shuffled, transitions, via: paidBy(events) },
    };
  },

  async "tampered-return"(ctx) {
    const order = await ctx.createOrder({ provider: "steppay" });
    const pageUrl = await ctx.shopper.startPayment(order.id);
    const view = await loadCheckoutView(checkoutToken(pageUrl));
    if (view.state === "expired") throw new ShopperStepError("StepPay's payment page expired at once");
    // Nobody pays; a forger calls the success URL StepPay would use, with the real order code.
    const forged = new URL(view.continueUrl);
    forged.searchParams.set("status", "success");
    await ctx.shopper.followReturn(forged.toString());
    const after = await ctx.shopper.getOrder(order.id);
    const passed = after.status === "pending";
    return {
      state: "done",
      passed,
      storeStatus: describeStoreStatus(after),
      detail: passed ? { kind: "tamperedRefused", orderCode: view.order.code } : { kind: "tamperedAccepted", status: after.status },
    };
  },
};

/** Starts a run: the row exists (state running) before any work, so the panel can show it. */
export async function startRun(key: ScenarioKey): Promise<number> {
  return (await createRun(key)).id;
}

/** Plays the run to its end and records the outcome. Never throws: a failure is the run's result. */
export async function playRun(runId: number, key: ScenarioKey): Promise<void> {
  const shopper = headlessShopper({ appOrigin: sandboxSettings().appOrigin });
  const ctx: RunContext = {
    runId,
    key,
    shopper,
    orderId: null,
    async createOrder(order) {
      const email = `demo+${key}-${Date.now()}-${runId}@dalbit.example`;
      const created = await shopper.createOrder({ ...order, email });
      ctx.orderId = created.id;
      await updateRun(runId, { storeOrderId: created.id, storeOrderUrl: shopper.orderPageUrl(created.id), storeStatus: created.status });
      return { ...created, email };
    },
    note: (detail, storeStatus) => updateRun(runId, storeStatus === undefined ? { detail } : { detail, storeStatus }),
  };
  try {
    await releaseLapsedOverrides();
    const outcome = await STEPS[key](ctx);
    await updateRun(runId, {
      state: outcome.state,
      passed: outcome.passed,
      storeStatus: outcome.storeStatus,
      detail: outcome.detail,
      finishedAt: outcome.state === "done" ? new Date() : null,
    });
    await outcome.afterRecorded?.();
  } catch (error) {
    const reason = error instanceof ShopperStepError ? error.message : describeError(error);
    if (!(error instanceof ShopperStepError)) console.error(`[sandbox/scenarios] run ${runId} (${key}) failed:`, error);
    let storeStatus: string | undefined;
    if (ctx.orderId) storeStatus = await shopper.getOrder(ctx.orderId).then(describeStoreStatus, () => undefined);
    await updateRun(runId, { state: "done", passed: false, detail: { kind: "couldNotFinish", reason }, finishedAt: new Date(), ...(storeStatus ? { storeStatus } : {}) }).catch(
      (cause: unknown) => console.error(`[sandbox/scenarios] run ${runId} could not be recorded:`, cause),
    );
  }
}

/** Start and play in one go (the JSON dialect, scripts, tests); answers the recorded run. */
export async function runScenario(key: ScenarioKey): Promise<ScenarioRunView> {
  const runId = await startRun(key);
  await playRun(runId, key);
  const run = await getRun(runId);
  if (!run) throw new Error(`Scenario run ${runId} vanished (was the demo data reset meanwhile?)`);
  return run;
}
