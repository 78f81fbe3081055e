import { asc, desc, eq } from "drizzle-orm";
import { holdHostedPageIfArmed } from "@/lib/sandbox/scenarios/page-delay";
import { isSandboxEnabled, sandboxNotFound, sandboxSettings } from "@/lib/sandbox/shared/config";
import { badRequest } from "./api-errors";
import { checkoutLang } from "./checkout-copy";
import { stepPayDb } from "./database";
import { newCheckoutToken } from "./identifiers";
import { sandboxNow } from "./clock";
import { findOrder, itemLineAmount } from "./order-bundle";
import {
  sbxStepPayCheckoutSessions,
  sbxStepPayOrderItems,
  sbxStepPayOrders,
  sbxStepPayPayments,
  sbxStepPayPrices,
  type CheckoutSessionRow,
  type OrderRow,
} from "./schema";
import { startSubscriptions } from "./subscriptions";
import { emitOrderPaid, emitOrderWebhooks } from "./webhook-events";
import {
  CARD_FAILURES,
  cardOutcome,
  maskCardNumber,
  SANDBOX_PAYMENT_GATEWAY,
  validateCard,
  type CardField,
  type CheckoutLang,
} from "./test-cards";

/**
 * The hosted checkout: a pay link (GET …/orders/{idOrCode}/pay) opens a session, the shopper sees
 * the payment page for it, and the page's form posts here. Sessions live in the database (no
 * cookies: the page runs in popups and cross-origin iframes) and last 30 minutes.
 */
export const CHECKOUT_SESSION_TTL_MS = 30 * 60 * 1000;

const RETURN_URL_FIELDS = ["successUrl", "errorUrl", "cancelUrl"] as const;

function absoluteHttpUrl(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest("INVALID_REDIRECT_URL", `${field} must be an absolute http(s) URL`, { field, value });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badRequest("INVALID_REDIRECT_URL", `${field} must be an absolute http(s) URL`, { field, value });
  }
  return url.toString();
}

/**
 * The pay link's query. StepPay's guide passes successUrl alone in its examples, so only
 * successUrl is required; a missing errorUrl falls back to successUrl (the `status` parameter tells
 * them apart) and a missing cancelUrl to errorUrl (see README Assumptions).
 */
export function parsePayLinkQuery(query: URLSearchParams): { successUrl: string; errorUrl: string; cancelUrl: string; lang: CheckoutLang } {
  const given: Partial<Record<(typeof RETURN_URL_FIELDS)[number], string>> = {};
  for (const field of RETURN_URL_FIELDS) {
    const value = query.get(field);
    if (value !== null && value.trim() !== "") given[field] = absoluteHttpUrl(field, value.trim());
  }
  if (!given.successUrl) throw badRequest("INVALID_REDIRECT_URL", "successUrl is required", { field: "successUrl" });
  const errorUrl = given.errorUrl ?? given.successUrl;
  return { successUrl: given.successUrl, errorUrl, cancelUrl: given.cancelUrl ?? errorUrl, lang: checkoutLang(query.get("lang")) };
}

export function checkoutPageUrl(token: string): string {
  return `${sandboxSettings().steppay.base}/checkout/${encodeURIComponent(token)}`;
}

/**
 * GET /api/v1/orders/{idOrCode}/pay and GET /api/public/orders/{orderCode}/pay: opens a checkout
 * session and returns the page's URL (the caller answers 302 to it). A pay link for a paid or
 * cancelled order still opens: the page then says so.
 */
export async function createPayLink(idOrCode: string, query: URLSearchParams, options: { codeOnly: boolean }): Promise<string> {
  const params = parsePayLinkQuery(query);
  const db = await stepPayDb();
  const order = await findOrder(db, idOrCode, options);
  const token = newCheckoutToken();
  await db.insert(sbxStepPayCheckoutSessions).values({
    token,
    orderId: order.id,
    successUrl: params.successUrl,
    errorUrl: params.errorUrl,
    cancelUrl: params.cancelUrl,
    lang: params.lang,
    expiresAt: new Date(Date.now() + CHECKOUT_SESSION_TTL_MS),
  });
  return checkoutPageUrl(token);
}

export type CheckoutResult = "success" | "error" | "cancel";

/**
 * StepPay's return parameters: `order_id`, `order_code`, `status`. Set on the merchant's URL,
 * keeping its own query and fragment (and replacing stale values of the same names).
 */
export function withResultParams(url: string, order: Pick<OrderRow, "id" | "code">, status: CheckoutResult): string {
  const target = new URL(url);
  target.searchParams.set("order_id", String(order.id));
  target.searchParams.set("order_code", order.code);
  target.searchParams.set("status", status);
  return target.toString();
}

async function findLiveSession(token: string, now: Date): Promise<CheckoutSessionRow | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await stepPayDb();
  const [session] = await db.select().from(sbxStepPayCheckoutSessions).where(eq(sbxStepPayCheckoutSessions.token, token)).limit(1);
  return session && session.expiresAt > now ? session : null;
}

export type CheckoutLine = {
  productName: string;
  planName: string;
  quantity: number;
  amount: number;
  recurring: { interval: "DAY" | "WEEK" | "MONTH" | "YEAR"; intervalCount: number } | null;
};

export type ClosedReason = "cancelled" | "refunded" | "deadline";

export type CheckoutView =
  | { state: "expired" }
  | {
      state: "payable" | "paid" | "closed";
      lang: CheckoutLang;
      submitUrl: string;
      /** The merchant as the shopper knows it: the host of the return URL. */
      merchantHost: string;
      order: { id: number; code: string; currency: string; total: number; lines: CheckoutLine[] };
      /** The last failed attempt, shown above the form so the shopper can try another card. */
      lastFailure: { errorCode: string; errorMessage: string } | null;
      closedReason: ClosedReason | null;
      /** Paid: where "Continue" goes (successUrl with the success parameters). */
      continueUrl: string;
      /** Closed: where "Return to the store" goes (cancelUrl with the cancel parameters). */
      returnUrl: string;
    };

function closedReason(order: OrderRow, now: Date): ClosedReason | null {
  if (order.canceledAt) return order.paymentDate ? "refunded" : "cancelled";
  if (!order.paymentDate && order.purchaseDeadline && order.purchaseDeadline <= now) return "deadline";
  return null;
}

/** What the payment page shows for a session token. */
export async function loadCheckoutView(token: string, now: Date = new Date()): Promise<CheckoutView> {
  const session = await findLiveSession(token, now);
  if (!session) return { state: "expired" };
  // The "Payment page slow to load" demo scenario may hold this order's next page load back, once.
  await holdHostedPageIfArmed(session.orderId);
  const db = await stepPayDb();
  const [order] = await db.select().from(sbxStepPayOrders).where(eq(sbxStepPayOrders.id, session.orderId)).limit(1);
  if (!order) return { state: "expired" };
  const items = await db
    .select({ item: sbxStepPayOrderItems, recurring: sbxStepPayPrices.recurring })
    .from(sbxStepPayOrderItems)
    .innerJoin(sbxStepPayPrices, eq(sbxStepPayPrices.id, sbxStepPayOrderItems.priceId))
    .where(eq(sbxStepPayOrderItems.orderId, order.id))
    .orderBy(asc(sbxStepPayOrderItems.position));
  const [payment] = await db.select().from(sbxStepPayPayments).where(eq(sbxStepPayPayments.orderId, order.id)).orderBy(desc(sbxStepPayPayments.id)).limit(1);

  const reason = closedReason(order, now);
  const state = reason ? "closed" : order.paymentDate ? "paid" : "payable";
  return {
    state,
    lang: checkoutLang(session.lang),
    submitUrl: `${checkoutPageUrl(token)}/submit`,
    merchantHost: new URL(session.successUrl).host,
    order: {
      id: order.id,
      code: order.code,
      currency: order.currency,
      total: order.amountDue,
      lines: items.map(({ item, recurring }) => ({
        productName: item.orderedProductName,
        planName: item.orderedPlanName,
        quantity: item.minimumQuantity,
        amount: item.unitPrice * item.minimumQuantity,
        recurring: recurring ? { interval: recurring.interval, intervalCount: recurring.intervalCount } : null,
      })),
    },
    lastFailure:
      state === "payable" && payment && payment.outcome !== "APPROVED" && payment.errorCode
        ? { errorCode: payment.errorCode, errorMessage: payment.errorMessage ?? payment.errorCode }
        : null,
    closedReason: reason,
    continueUrl: withResultParams(session.successUrl, order, "success"),
    returnUrl: withResultParams(session.cancelUrl, order, "cancel"),
  };
}

/** The field errors the page shows after a rejected submit (`?error=cardNumber&error=cvc`). */
export function parseFieldErrors(value: string | string[] | undefined): CardField[] {
  const known: CardField[] = ["cardNumber", "expiry", "cvc", "cardHolder"];
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return known.filter((field) => values.includes(field));
}

type Attempt = { kind: "approved" | "failed" | "already_paid" | "closed"; order: OrderRow };

/**
 * Records one card attempt. One transaction with the order row locked, so two submits of the same
 * form (double click, two tabs) cannot both charge: the second sees the first's result.
 */
async function recordAttempt(
  session: CheckoutSessionRow,
  outcome: ReturnType<typeof cardOutcome>,
  cardNumberMasked: string,
  now: Date,
): Promise<Attempt> {
  const db = await stepPayDb();
  return db.transaction(async (tx): Promise<Attempt> => {
    const [order] = await tx.select().from(sbxStepPayOrders).where(eq(sbxStepPayOrders.id, session.orderId)).for("update");
    if (!order) throw new Error(`Sandbox checkout session points at missing order ${session.orderId}`);
    if (closedReason(order, now)) return { kind: "closed", order };
    if (order.paymentDate) return { kind: "already_paid", order };

    const failure = outcome === "approved" ? null : CARD_FAILURES[outcome];
    const lang = checkoutLang(session.lang);
    await tx.insert(sbxStepPayPayments).values({
      orderId: order.id,
      outcome: outcome === "approved" ? "APPROVED" : outcome === "declined" ? "DECLINED" : "ERROR",
      paymentGateway: order.paymentGateway ?? SANDBOX_PAYMENT_GATEWAY,
      amount: order.amountDue,
      cardNumberMasked,
      errorCode: failure?.errorCode ?? null,
      errorMessage: failure?.errorMessage[lang] ?? null,
      createdAt: now,
    });

    if (failure) {
      await tx.update(sbxStepPayOrderItems).set({ status: "PAYMENT_FAILURE", modifiedAt: now }).where(eq(sbxStepPayOrderItems.orderId, order.id));
      const [failed] = await tx.update(sbxStepPayOrders).set({ modifiedAt: now }).where(eq(sbxStepPayOrders.id, order.id)).returning();
      await emitOrderWebhooks(tx, failed!, ["payment.failed"]);
      return { kind: "failed", order };
    }

    // Payment and subscription dates run on the sandbox clock, so a subscription bought after the
    // clock was advanced is not due at once.
    const paidAt = await sandboxNow(tx);
    const [paid] = await tx
      .update(sbxStepPayOrders)
      .set({ paidAmount: order.amountDue, paymentDate: paidAt, modifiedAt: now })
      .where(eq(sbxStepPayOrders.id, order.id))
      .returning();
    const items = await tx
      .update(sbxStepPayOrderItems)
      .set({ status: "PAID", paidAmount: itemLineAmount, modifiedAt: now })
      .where(eq(sbxStepPayOrderItems.orderId, order.id))
      .returning();
    const started = order.type === "RECURRING_INITIAL" ? await startSubscriptions(tx, order, items, paidAt, cardNumberMasked) : [];
    await emitOrderPaid(tx, paid!, started);
    return { kind: "approved", order: paid! };
  });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/**
 * POST /sandbox/steppay/checkout/{token}/submit: the payment page's form (a plain HTML form, so it
 * works without JavaScript). Answers 303 to the merchant's successUrl, errorUrl or cancelUrl with
 * StepPay's parameters, or back to the page when the card details need correcting.
 */
export async function handleCheckoutSubmit(request: Request, token: string): Promise<Response> {
  if (!isSandboxEnabled("steppay")) return sandboxNotFound();
  const now = new Date();
  const session = await findLiveSession(token, now);
  // The page explains an expired or unknown session better than a bare error would.
  if (!session) return seeOther(checkoutPageUrl(token));

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return seeOther(checkoutPageUrl(token));
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };

  if (field("intent") === "cancel") {
    const db = await stepPayDb();
    const [order] = await db.select().from(sbxStepPayOrders).where(eq(sbxStepPayOrders.id, session.orderId)).limit(1);
    if (!order) return seeOther(checkoutPageUrl(token));
    // StepPay documents cancelUrl ("the shopper closed the payment window") but not what it
    // appends; the sandbox appends the same parameters as the other two, with status=cancel.
    return seeOther(withResultParams(session.cancelUrl, order, "cancel"));
  }

  const card = validateCard({ cardNumber: field("cardNumber"), expiry: field("expiry"), cvc: field("cvc"), cardHolder: field("cardHolder") }, now);
  if (!card.ok) {
    const page = new URL(checkoutPageUrl(token));
    for (const name of card.fields) page.searchParams.append("error", name);
    return seeOther(page.toString());
  }

  const attempt = await recordAttempt(session, cardOutcome(card.digits), maskCardNumber(card.digits), now);
  switch (attempt.kind) {
    case "approved":
    case "already_paid":
      return seeOther(withResultParams(session.successUrl, attempt.order, "success"));
    case "failed":
      return seeOther(withResultParams(session.errorUrl, attempt.order, "error"));
    case "closed":
      return seeOther(checkoutPageUrl(token));
  }
}
