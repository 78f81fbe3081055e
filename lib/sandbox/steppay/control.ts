import { asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { answerControl, ControlInputError, formNumber, formText, parseControl, type ControlInput } from "@/lib/sandbox/shared/control-http";
import { StepPayApiError } from "./api-errors";
import { advanceClockBy, clockOffsetMs, resetClock } from "./clock";
import { stepPayDb, type Executor } from "./database";
import { orderDto } from "./dto";
import { loadOrderBundle } from "./order-bundle";
import { sbxStepPayCustomers, sbxStepPayOrders, sbxStepPayPayments, sbxStepPayPrices, sbxStepPayProducts, sbxStepPaySubscriptions, type SubscriptionRow } from "./schema";
import { processDueSubscriptions } from "./subscription-scheduler";
import { currentPeriodOf } from "./subscription-view";
import { armRenewalFailures, renewSubscriptionNow } from "./subscriptions";
import { listWebhookDeliveries } from "./webhook-deliveries";
import { replayWebhookDelivery } from "./webhook-dispatcher";
import { defaultWebhookUrl, getWebhookSettings, updateWebhookSettings, webhookSettingsPatch } from "./webhook-settings";

/**
 * The StepPay sandbox's control API, for tests and the control panel (no auth: it exists only
 * while the wing is on). JSON in and out; the panel posts the same endpoints as HTML forms and is
 * answered with a 303 back to /sandbox. Dates are ISO-8601 in UTC (`…Z`), unlike StepPay's API.
 *
 *   GET  control/subscriptions?email=            → { now, subscriptions: [ControlSubscription] }
 *   POST control/subscriptions/{id}/renew         → { paid, order: OrderV1DTO, subscription }
 *   POST control/subscriptions/{id}/fail-next     { count? = 1 } → { subscription }
 *   GET  control/clock                            → { now, offsetMs }
 *   POST control/clock/advance                    { interval: DAY|WEEK|MONTH|YEAR = MONTH, count = 1 } → { now, offsetMs, processed }
 *   POST control/clock/reset                      → { now, offsetMs: 0 }
 *   GET  control/webhooks?orderId=&subscriptionId=&limit= → { deliveries: [WebhookLogEntry] }
 *   POST control/webhooks/{deliveryId}/replay     → { delivery }
 *   GET|POST control/settings                     { webhookFormat?, duplicateRate?, shuffleMs?, extraWebhookKeys?, webhookUrl? } → { settings }
 *   GET|POST control/faults                       (lib/sandbox/shared/faults.ts)
 */

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** StepPay's errors (unknown subscription, final status...) in the control dialect. */
async function asControl<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StepPayApiError) throw new ControlInputError(error.status, error.errorCode, error.message);
    throw error;
  }
}

function pathId(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new ControlInputError(404, "not_found", `No ${what} ${value}`);
  return Number(value);
}

// ---------------------------------------------------------------------------------------------
// Subscriptions

export type ControlOrder = {
  id: number;
  code: string;
  type: string;
  amount: number;
  paidAmount: number;
  paid: boolean;
  paymentDate: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
};

export type ControlSubscription = {
  id: number;
  status: string;
  customer: { id: number; code: string; name: string; email: string };
  plan: { productName: string; productCode: string; planName: string; priceCode: string; unitPrice: number; quantity: number; amount: number; currency: string; interval: string; intervalCount: number };
  startDate: string;
  lastPaymentDate: string | null;
  nextPaymentDate: string | null;
  endDate: string | null;
  pausedAt: string | null;
  currentPeriod: { start: string; end: string };
  recurringCount: number;
  /** Renewal charges still to decline (armed with fail-next). */
  failNextRenewals: number;
  /** While UNPAID: failed charges so far, and when the first one failed. */
  failedRenewalAttempts: number;
  unpaidSince: string | null;
  initialOrder: ControlOrder | null;
  renewalOrders: ControlOrder[];
};

async function controlSubscriptions(db: Executor, subscriptions: SubscriptionRow[]): Promise<ControlSubscription[]> {
  if (!subscriptions.length) return [];
  const customers = await db.select().from(sbxStepPayCustomers).where(inArray(sbxStepPayCustomers.id, [...new Set(subscriptions.map((s) => s.customerId))]));
  const products = await db.select().from(sbxStepPayProducts).where(inArray(sbxStepPayProducts.id, [...new Set(subscriptions.map((s) => s.productId))]));
  const prices = await db.select().from(sbxStepPayPrices).where(inArray(sbxStepPayPrices.id, [...new Set(subscriptions.map((s) => s.priceId))]));
  const ids = subscriptions.map((s) => s.id);
  const orders = await db
    .select()
    .from(sbxStepPayOrders)
    .where(or(inArray(sbxStepPayOrders.parentSubscriptionId, ids), inArray(sbxStepPayOrders.id, subscriptions.map((s) => s.parentOrderId))))
    .orderBy(asc(sbxStepPayOrders.id));
  const payments = orders.length
    ? await db.select().from(sbxStepPayPayments).where(inArray(sbxStepPayPayments.orderId, orders.map((o) => o.id))).orderBy(desc(sbxStepPayPayments.id))
    : [];
  const orderView = (order: (typeof orders)[number]): ControlOrder => {
    const payment = payments.find((p) => p.orderId === order.id); // latest first
    return {
      id: order.id,
      code: order.code,
      type: order.type,
      amount: order.amountDue,
      paidAmount: order.paidAmount,
      paid: order.paymentDate !== null,
      paymentDate: iso(order.paymentDate),
      errorCode: order.paymentDate ? null : (payment?.errorCode ?? null),
      errorMessage: order.paymentDate ? null : (payment?.errorMessage ?? null),
      createdAt: order.createdAt.toISOString(),
    };
  };
  return subscriptions.map((s) => {
    const customer = customers.find((c) => c.id === s.customerId);
    const product = products.find((p) => p.id === s.productId);
    const price = prices.find((p) => p.id === s.priceId);
    const period = currentPeriodOf(s);
    const initial = orders.find((o) => o.id === s.parentOrderId);
    return {
      id: s.id,
      status: s.status,
      customer: { id: s.customerId, code: customer?.code ?? "", name: customer?.name ?? "", email: customer?.email ?? "" },
      plan: {
        productName: product?.name ?? "",
        productCode: product?.code ?? "",
        planName: price?.planName ?? "",
        priceCode: price?.code ?? "",
        unitPrice: s.unitPrice,
        quantity: s.quantity,
        amount: s.unitPrice * s.quantity,
        currency: "KRW",
        interval: s.interval,
        intervalCount: s.intervalCount,
      },
      startDate: s.startDate.toISOString(),
      lastPaymentDate: iso(s.lastPaymentDate),
      nextPaymentDate: iso(s.nextPaymentDate),
      endDate: iso(s.endDate),
      pausedAt: iso(s.pausedAt),
      currentPeriod: { start: period.start.toISOString(), end: period.end.toISOString() },
      recurringCount: s.recurringCount,
      failNextRenewals: s.failNextRenewals,
      failedRenewalAttempts: s.failedRenewalAttempts,
      unpaidSince: iso(s.unpaidSince),
      initialOrder: initial ? orderView(initial) : null,
      renewalOrders: orders.filter((o) => o.parentSubscriptionId === s.id).map(orderView),
    };
  });
}

/** Subscriptions, newest first; by the customer's email when given (case-insensitive). */
export async function listControlSubscriptions(filter: { email?: string; limit?: number } = {}): Promise<ControlSubscription[]> {
  const db = await stepPayDb();
  const email = filter.email?.trim().toLowerCase();
  const rows = email
    ? await db
        .select({ subscription: sbxStepPaySubscriptions })
        .from(sbxStepPaySubscriptions)
        .innerJoin(sbxStepPayCustomers, eq(sbxStepPayCustomers.id, sbxStepPaySubscriptions.customerId))
        .where(sql`lower(${sbxStepPayCustomers.email}) = ${email}`)
        .orderBy(desc(sbxStepPaySubscriptions.id))
        .limit(filter.limit ?? 200)
        .then((list) => list.map((row) => row.subscription))
    : await db.select().from(sbxStepPaySubscriptions).orderBy(desc(sbxStepPaySubscriptions.id)).limit(filter.limit ?? 200);
  return controlSubscriptions(db, rows);
}

async function controlSubscription(id: number): Promise<ControlSubscription> {
  const db = await stepPayDb();
  const rows = await db.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.id, id));
  const [view] = await controlSubscriptions(db, rows);
  if (!view) throw new ControlInputError(404, "not_found", `No subscription ${id}`);
  return view;
}

export async function handleSubscriptionsControl(request: Request): Promise<Response> {
  const email = new URL(request.url).searchParams.get("email") ?? undefined;
  return answerControl(request, async () => {
    const offsetMs = await clockOffsetMs();
    return { body: { now: new Date(Date.now() + offsetMs).toISOString(), subscriptions: await listControlSubscriptions({ email }) }, notice: "" };
  });
}

/** POST …/subscriptions/{id}/renew: charges now, like the API's renew; answers with the renewal order. */
export async function handleRenewControl(request: Request, id: string): Promise<Response> {
  return answerControl(
    request,
    async (_input, copy) => {
      const subscriptionId = pathId(id, "subscription");
      const outcome = await asControl(() => renewSubscriptionNow(String(subscriptionId)));
      const db = await stepPayDb();
      const order = orderDto(await loadOrderBundle(db, outcome.order));
      return {
        body: { paid: outcome.paid, order, subscription: await controlSubscription(subscriptionId) },
        notice: outcome.paid
          ? copy.notice.renewed(subscriptionId, order.orderCode)
          : copy.notice.renewalFailed(subscriptionId, order.orderCode, outcome.subscription.status),
      };
    },
    { anchor: "subscriptions" },
  );
}

const failNextInput = z.strictObject({ count: z.number().int().min(1).max(10).optional() });

export async function handleFailNextControl(request: Request, id: string): Promise<Response> {
  return answerControl(
    request,
    async (input, copy) => {
      const subscriptionId = pathId(id, "subscription");
      const { count = 1 } = parseControl(failNextInput, input.kind === "form" ? { count: formNumber(input.form, "count") } : input.value);
      await asControl(() => armRenewalFailures(String(subscriptionId), count));
      return {
        body: { subscription: await controlSubscription(subscriptionId) },
        notice: copy.notice.failNext(subscriptionId, count),
      };
    },
    { anchor: "subscriptions" },
  );
}

// ---------------------------------------------------------------------------------------------
// Clock

const advanceInput = z.strictObject({
  interval: z.enum(["DAY", "WEEK", "MONTH", "YEAR"]).default("MONTH"),
  count: z.number().int().min(1).max(120).default(1),
});

export async function handleClockControl(request: Request): Promise<Response> {
  return answerControl(request, async () => {
    const offsetMs = await clockOffsetMs();
    return { body: { now: new Date(Date.now() + offsetMs).toISOString(), offsetMs }, notice: "" };
  });
}

/** Moves the sandbox clock, then does at once everything that became due (renewals, retries, scheduled changes). */
export async function handleClockAdvanceControl(request: Request): Promise<Response> {
  return answerControl(
    request,
    async (input, copy) => {
      const value = input.kind === "form" ? { interval: formText(input.form, "interval"), count: formNumber(input.form, "count") } : input.value;
      const { interval, count } = parseControl(advanceInput, value);
      const clock = await advanceClockBy(interval, count);
      const processed = await processDueSubscriptions({ now: clock.now });
      return {
        body: { now: clock.now.toISOString(), offsetMs: clock.offsetMs, processed },
        notice: copy.notice.clockAdvanced(count, interval, processed.renewals, processed.failedRenewals, processed.transitions),
      };
    },
    { anchor: "clock" },
  );
}

export async function handleClockResetControl(request: Request): Promise<Response> {
  return answerControl(
    request,
    async (_input, copy) => {
      const clock = await resetClock();
      return { body: { now: clock.now.toISOString(), offsetMs: 0 }, notice: copy.notice.clockReset };
    },
    { anchor: "clock" },
  );
}

// ---------------------------------------------------------------------------------------------
// Webhooks

const logQuery = z.object({
  orderId: z.coerce.number().int().positive().optional(),
  subscriptionId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1_000).optional(),
});

export async function handleWebhooksControl(request: Request): Promise<Response> {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value.trim() !== ""));
  return answerControl(request, async () => {
    const filter = parseControl(logQuery, params);
    return { body: { deliveries: await listWebhookDeliveries(filter) }, notice: "" };
  });
}

/** POST …/webhooks/{deliveryId}/replay: the same bytes and signature again, now (one attempt). */
export async function handleReplayControl(request: Request, deliveryId: string): Promise<Response> {
  return answerControl(
    request,
    async (_input, copy) => {
      const delivery = await replayWebhookDelivery(pathId(deliveryId, "webhook delivery"));
      if (!delivery) throw new ControlInputError(404, "not_found", `No sent webhook delivery ${deliveryId} to replay`);
      const attempt = delivery.attempts[0];
      return {
        body: { delivery },
        notice: copy.notice.replayed(
          deliveryId,
          delivery.id,
          attempt?.statusCode !== null && attempt?.statusCode !== undefined ? `HTTP ${attempt.statusCode}` : (attempt?.error ?? copy.notice.noAnswer),
        ),
      };
    },
    { anchor: "webhooks" },
  );
}

/**
 * The form shows the effective URL; sending it back unchanged (or emptied) keeps "the store's
 * default", so a later change of APP_ORIGIN still applies.
 */
function formWebhookUrl(value: string | undefined): string | null {
  return value === undefined || value === defaultWebhookUrl() ? null : value;
}

/** The panel's settings form: text fields to typed values (the schema then checks them). */
function settingsFromForm(form: FormData): unknown {
  const keys = form.get("extraWebhookKeys");
  const format = formText(form, "webhookFormat");
  return {
    webhookFormat: format,
    duplicateRate: formNumber(form, "duplicateRate"),
    shuffleMs: formNumber(form, "shuffleMs"),
    extraWebhookKeys: typeof keys === "string" ? keys.split(/\r?\n/).map((key) => key.trim()).filter(Boolean) : undefined,
    webhookUrl: form.has("webhookUrl") ? formWebhookUrl(formText(form, "webhookUrl")) : undefined,
  };
}

export async function handleSettingsControl(request: Request): Promise<Response> {
  return answerControl(
    request,
    async (input: ControlInput, copy) => {
      if (request.method !== "POST") return { body: { settings: await getWebhookSettings() }, notice: "" };
      const patch = parseControl(webhookSettingsPatch, input.kind === "form" ? settingsFromForm(input.form) : input.value);
      const settings = await updateWebhookSettings(patch);
      return { body: { settings }, notice: copy.notice.settingsSaved(settings.webhookFormat, Math.round(settings.duplicateRate * 100)) };
    },
    { anchor: "webhook-settings" },
  );
}

