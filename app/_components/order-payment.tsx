"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import useSWR from "swr";
import type { OrderView } from "@/lib/orders/load-order";
import { PAYMENT_MODES, type PaymentMode } from "@/lib/providers/types";
import { useI18n } from "./i18n-provider";
import { PAYMENT_CHANNEL, isPaymentResultMessage, type PayError, type PaymentResultAck } from "./payment-messages";
import { OrderStatusPanel } from "./order-status-panel";
import { PaymentInspector } from "./payment-inspector";
import { RefundPanel } from "./refund-panel";
import { useToast } from "./toaster";
import { useHydrated } from "./use-hydrated";

const MODE_COOKIE = "pay_mode";
const POPUP = { width: 425, height: 812 };
/** How long a payment window that polling found finished may take to come back by itself. */
const WINDOW_GRACE_MS = 3_000;

type Phase = "idle" | "opening" | "popup-open" | "popup-closed" | "popup-blocked" | "iframe-open" | "iframe-closed";

/** How long "Opening payment page…" may last before the Pay button works again (a stopped navigation). */
const OPENING_GIVE_UP_MS = 20_000;

/** The store no longer has the order (the demo data was reset while this page was open). */
class OrderGoneError extends Error {}

async function fetchOrder(url: string): Promise<OrderView> {
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 404) throw new OrderGoneError("order not found");
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as OrderView;
}

/**
 * The pay step. One start URL for every mode (/api/orders/{id}/pay?mode=…); whatever the mode,
 * the result shown here is the order's stored status, re-read from the server: never what a
 * popup, a frame or a URL claims.
 */
type Props = {
  initial: OrderView;
  initialMode: PaymentMode;
  payError: PayError | null;
  /** Refunds through the provider's API (StepPay one-time orders). */
  refundable: boolean;
  /** The signed "My subscriptions" link, for a subscription order. */
  manageUrl: string | null;
};

export function OrderPayment({ initial, initialMode, payError, refundable, manageUrl }: Props) {
  const { t } = useI18n();
  const [mode, setMode] = useState<PaymentMode>(initialMode);
  const [phase, setPhase] = useState<Phase>("idle");
  const [frameSrc, setFrameSrc] = useState<string | null>(null);
  // Until the payment page has loaded in the frame (the start call, then the provider's page), the
  // dialog says it is on its way rather than showing an empty frame.
  const [frameLoaded, setFrameLoaded] = useState(false);
  const hydrated = useHydrated();
  const popupRef = useRef<Window | null>(null);
  // The order as it was when a payment window opened: only a change after that is its result.
  const openedOn = useRef<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const toast = useToast();
  const payErrorText = useCallback((error: PayError) => t(error === "not_payable" ? "order.payError.not_payable" : "order.payError.provider_unavailable"), [t]);

  // The provider could not be reached when the Pay button sent this tab to the start URL: say so in
  // a toast, once (the URL forgets it, so a reload does not say it again). An order that cannot be
  // paid any more is not a passing failure: that stays on the page, below.
  useEffect(() => {
    if (payError !== "provider_unavailable") return;
    toast(payErrorText(payError));
    const url = new URL(window.location.href);
    url.searchParams.delete("payError");
    window.history.replaceState(window.history.state, "", url);
  }, [payError, payErrorText, toast]);

  const watching = phase === "popup-open" || phase === "iframe-open";
  const { data: order, mutate, error: pollError } = useSWR(`/api/orders/${initial.id}`, fetchOrder, {
    fallbackData: initial,
    // Poll while the order waits for payment: fast while a payment window is open (the fallback
    // if the BroadcastChannel message never arrives), slowly otherwise (a webhook may land). Paying
    // again starts from failed or canceled: while that window is open and the order still shows
    // the result it was opened on, that is not an answer yet, so polling goes on.
    // SWR asks before its first fetch has filled the cache (latest undefined): the server's copy
    // decides then, or a page opened on a pending order would never poll at all.
    refreshInterval: (latest) => {
      const shown = latest ?? initial;
      if (shown.status === "pending") return watching ? 1500 : 5000;
      if (watching && `${shown.status}@${shown.updatedAt}` === openedOn.current) return 1500;
      // The reconciler re-asks about failed and canceled orders for an hour (money may yet show up,
      // e.g. a Unifi approval after "Return to merchant"): the page keeps checking, slowly.
      const recentlyEnded = (shown.status === "failed" || shown.status === "canceled") && Date.now() - Date.parse(shown.updatedAt) < 60 * 60_000;
      return recentlyEnded ? 15_000 : 0;
    },
    revalidateOnFocus: true,
    // Gone is gone: no retries (other errors are retried with SWR's backoff, and said so below).
    shouldRetryOnError: (error) => !(error instanceof OrderGoneError),
  });
  const current = order ?? initial;

  // Back from the payment page through the back/forward cache (redirect mode): the page comes back
  // as it was left, "Opening…"; the Pay button must work again, and the status be read afresh.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      setPhase((phase) => (phase === "opening" ? "idle" : phase));
      void mutate();
    };
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, [mutate]);

  const gone = pollError instanceof OrderGoneError;
  const payable = !gone && (current.status === "pending" || current.status === "failed" || current.status === "canceled");

  // When the payment lands, the pay step gives way to shorter content (the paid status, a refund
  // form). Its block keeps the height it had, so the inspector below does not jump up under the
  // shopper's eyes; a reload lays the paid page out afresh.
  const stepRef = useRef<HTMLDivElement>(null);
  const payableHeight = useRef(0);
  useLayoutEffect(() => {
    const step = stepRef.current;
    if (!step) return;
    if (payable) {
      step.style.minHeight = "";
      payableHeight.current = step.offsetHeight;
    } else if (payableHeight.current > 0) {
      step.style.minHeight = `${payableHeight.current}px`;
    }
  });

  // Keyboard focus after a result: the Pay button it sat on may be gone (the order is paid), and
  // a closed dialog hands focus back to an element that no longer exists. Focus left on nothing
  // goes to the verified status, which a screen reader then reads; focus anywhere else stays.
  const focusResultIfLost = useCallback(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    stepRef.current?.querySelector<HTMLElement>("[data-result-focus]")?.focus();
  }, []);
  const wasPayable = useRef(payable);
  useEffect(() => {
    if (wasPayable.current && !payable) focusResultIfLost();
    wasPayable.current = payable;
  }, [payable, focusResultIfLost]);

  const closeFrame = useCallback(() => {
    dialogRef.current?.close();
    setFrameSrc(null);
    focusResultIfLost();
  }, [focusResultIfLost]);

  // The popup's landing page announces the verified result on a same-origin channel.
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(PAYMENT_CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      if (!isPaymentResultMessage(event.data) || event.data.orderId !== initial.id) return;
      const ack: PaymentResultAck = { type: "payment-result-ack", orderId: initial.id };
      channel.postMessage(ack); // the popup closes itself only once a page showing the order has it
      popupRef.current = null;
      setPhase("idle");
      if (event.data.payError) toast(payErrorText(event.data.payError));
      void mutate();
    };
    return () => channel.close();
  }, [initial.id, mutate, toast, payErrorText]);

  // The iframe's landing page posts to its parent: accept it only from our own origin and frame.
  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin) return;
      if (!frameRef.current || event.source !== frameRef.current.contentWindow) return;
      if (!isPaymentResultMessage(event.data) || event.data.orderId !== initial.id) return;
      closeFrame();
      setPhase("idle");
      if (event.data.payError) toast(payErrorText(event.data.payError));
      void mutate();
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [initial.id, mutate, closeFrame, toast, payErrorText]);

  // Notice when the shopper closes the popup before finishing (the order simply stays pending).
  // The popup's own result may come first: its message (above) ends the waiting and the window
  // closes itself, and this check, already running or about to, must not turn that back into
  // "closed before the payment finished". So it only ever moves the phase on from "popup-open".
  useEffect(() => {
    if (phase !== "popup-open") return;
    const timer = window.setInterval(async () => {
      const popup = popupRef.current;
      if (popup && !popup.closed) return;
      window.clearInterval(timer);
      if (!popup) return; // the result already arrived and ended the waiting
      popupRef.current = null;
      const latest = await mutate();
      setPhase((now) => (now !== "popup-open" ? now : latest && latest.status !== "pending" ? "idle" : "popup-closed"));
    }, 500);
    return () => window.clearInterval(timer);
  }, [phase, mutate]);

  // A result that arrives by polling also ends the waiting state (paying again starts from
  // failed or canceled, so the status alone does not tell an old result from a new one). A webhook
  // can beat the payment window's own way back through the store's return URL: the window gets a
  // moment to finish it (and close itself) before it is closed from here.
  useEffect(() => {
    if (current.status === "pending" || `${current.status}@${current.updatedAt}` === openedOn.current) return;
    if (phase === "popup-open") {
      const popup = popupRef.current;
      popupRef.current = null;
      setPhase("idle");
      if (popup) window.setTimeout(() => popup.close(), WINDOW_GRACE_MS);
    }
    if (phase === "iframe-open" && current.status === "paid") {
      const timer = window.setTimeout(() => {
        closeFrame();
        setPhase("idle");
      }, WINDOW_GRACE_MS);
      return () => window.clearTimeout(timer);
    }
  }, [current.status, current.updatedAt, phase, closeFrame]);

  function chooseMode(next: PaymentMode) {
    setMode(next);
    setPhase("idle");
    document.cookie = `${MODE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }

  /** Runs inside the click handler itself: no await before window.open, or the popup is blocked. */
  function pay(useMode: PaymentMode = mode) {
    const url = `/api/orders/${initial.id}/pay?mode=${useMode}`;
    openedOn.current = `${current.status}@${current.updatedAt}`;
    if (useMode === "redirect") {
      setPhase("opening");
      window.location.assign(url);
      // A navigation the shopper stopped (Esc, the stop button) fires no event: after longer than
      // the store takes to answer (its provider calls time out sooner), the button works again.
      window.setTimeout(() => setPhase((phase) => (phase === "opening" ? "idle" : phase)), OPENING_GIVE_UP_MS);
      return;
    }
    if (useMode === "popup") {
      const left = Math.max(0, Math.round(window.screenX + (window.outerWidth - POPUP.width) / 2));
      const top = Math.max(0, Math.round(window.screenY + (window.outerHeight - POPUP.height) / 2));
      const popup = window.open(url, `pay-${initial.id}`, `popup=yes,width=${POPUP.width},height=${POPUP.height},left=${left},top=${top}`);
      if (!popup) {
        setPhase("popup-blocked");
        return;
      }
      // Like the seed's "noopener": the payment page gets no handle on this tab. We keep ours, to
      // notice a closed window; results come back over the BroadcastChannel (or polling).
      try {
        popup.opener = null;
      } catch {
        /* some browsers refuse; the page is cross-origin to us either way */
      }
      popupRef.current = popup;
      setPhase("popup-open");
      return;
    }
    setFrameLoaded(false);
    setFrameSrc(url);
    setPhase("iframe-open");
    dialogRef.current?.showModal();
  }

  const amount = current.amountLabels.total;

  return (
    <div className="space-y-5">
      <div ref={stepRef} className="space-y-5">
        <OrderStatusPanel order={current} />

        {gone ? (
          <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
            <p>{t("order.gone")}</p>
            <a href="/" className="font-semibold underline">
              {t("order.goneShop")}
            </a>
          </div>
        ) : (
          pollError &&
          current.status === "pending" && (
            <p role="status" className="rounded-lg border border-brass-400 bg-cream-100 px-4 py-3 text-sm">
              {t("order.pollError")}
            </p>
          )
        )}

        {/* Wherever StepPay took the money, its subscription charges until canceled: held for review or refunded too. */}
        {manageUrl && ["paid", "review", "partially_refunded", "refunded"].includes(current.status) && (
          <a href={manageUrl} className="block rounded-lg bg-celadon-700 px-5 py-3 text-center font-semibold text-white hover:opacity-90">
            {t("order.manageSubscription")} →
          </a>
        )}
        {refundable && (current.status === "paid" || current.status === "partially_refunded") && current.paidAmount !== null && (
          <RefundPanel key={current.refundedAmount} orderId={current.id} refundable={current.paidAmount - current.refundedAmount} />
        )}
        {!refundable && initial.provider === "unifipay" && current.status === "paid" && <p className="text-xs text-roast-600">{t("refund.unsupported")}</p>}

        {payError === "not_payable" && phase === "idle" && current.status !== "paid" && (
          <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
            {payErrorText(payError)}
          </p>
        )}
        {current.syncError && current.status === "pending" && (
          <p role="status" className="rounded-lg border border-brass-400 bg-cream-100 px-4 py-3 text-sm">
            {t("order.syncError")}
          </p>
        )}

        {payable && (
          <section aria-labelledby="pay-heading" className="space-y-4 rounded-2xl border border-cream-200 bg-white p-5">
            <h2 id="pay-heading" className="sr-only">
              {t("order.pay", { amount })}
            </h2>
            {/* Locked while a payment window is open: another mode would open a second payment beside it. */}
            <fieldset disabled={phase === "popup-open" || phase === "opening"}>
              <legend className="mb-2 text-sm font-semibold">{t("mode.legend")}</legend>
              <div className="grid gap-2 sm:grid-cols-3">
                {PAYMENT_MODES.map((option) => (
                  <label
                    key={option}
                    className={`flex cursor-pointer flex-col rounded-xl border p-3 text-sm transition ${mode === option ? "border-roast-600 bg-cream-50 ring-1 ring-roast-600" : "border-cream-200 hover:border-roast-500"}`}
                  >
                    <span className="flex items-center gap-2 font-semibold">
                      <input type="radio" name="mode" value={option} checked={mode === option} onChange={() => chooseMode(option)} />
                      {t(`mode.${option}`)}
                    </span>
                    <span className="mt-1 text-roast-600">{t(`mode.${option}Desc`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>

            {phase === "popup-open" ? (
              <div role="status" className="space-y-3 rounded-xl bg-cream-100 p-4">
                <p className="flex items-center gap-2 font-semibold">
                  <span className="inline-block h-3 w-3 animate-pulse rounded-full bg-brass-500" aria-hidden="true" />
                  {t("popup.waiting")}
                </p>
                <p className="text-sm text-roast-600">{t("popup.waitingHint")}</p>
                <button type="button" onClick={() => popupRef.current?.focus()} className="rounded-lg border border-roast-600 px-4 py-2 text-sm font-semibold">
                  {t("popup.focus")}
                </button>
              </div>
            ) : (
              <div className="space-y-3">
                {phase === "popup-closed" && (
                  <p role="status" className="rounded-lg border border-brass-400 bg-cream-100 px-4 py-3 text-sm">
                    {t("popup.closed")}
                  </p>
                )}
                {phase === "iframe-closed" && (
                  <p role="status" className="rounded-lg border border-brass-400 bg-cream-100 px-4 py-3 text-sm">
                    {t("iframe.closed")}
                  </p>
                )}
                {phase === "popup-blocked" && (
                  <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
                    <p>{t("popup.blocked")}</p>
                    <button type="button" onClick={() => { chooseMode("redirect"); pay("redirect"); }} className="rounded-md bg-red-900 px-3 py-1.5 font-semibold text-white">
                      {t("popup.useRedirect")}
                    </button>
                  </div>
                )}
                <button
                  type="button"
                  onClick={() => pay()}
                  disabled={phase === "opening" || !hydrated}
                  className="w-full rounded-lg bg-roast-700 px-5 py-3.5 text-lg font-semibold text-cream-50 shadow-sm transition hover:bg-roast-600 disabled:opacity-70"
                >
                  {phase === "opening"
                    ? t("order.opening")
                    : phase === "popup-closed"
                      ? t("popup.reopen")
                      : current.status === "pending"
                        ? t("order.pay", { amount })
                        : t("order.payAgain")}
                </button>
              </div>
            )}
          </section>
        )}
      </div>

      <PaymentInspector orderId={current.id} pending={current.status === "pending"} status={`${current.status}@${current.updatedAt}`} />

      <dialog
        ref={dialogRef}
        aria-labelledby="pay-dialog-title"
        onCancel={(event) => {
          event.preventDefault();
          closeFrame();
          setPhase("iframe-closed");
          void mutate();
        }}
        className="m-0 h-full max-h-none w-full max-w-none overflow-hidden bg-white p-0 sm:m-auto sm:h-[min(868px,calc(100vh-2rem))] sm:w-[425px] sm:rounded-2xl sm:shadow-2xl"
      >
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between border-b border-cream-200 px-4 py-2.5">
            <h2 id="pay-dialog-title" className="text-sm font-semibold">
              <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1.5 inline h-3.5 w-3.5 align-[-2px] fill-current">
                <path d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm1.5 0h5V5a2.5 2.5 0 0 0-5 0v2Z" />
              </svg>
              {t("iframe.title")}
            </h2>
            <button
              type="button"
              autoFocus
              onClick={() => {
                closeFrame();
                setPhase("iframe-closed");
                void mutate();
              }}
              className="rounded-md px-2.5 py-1 text-sm hover:bg-cream-100"
            >
              {t("iframe.close")}
            </button>
          </div>
          <div className="relative flex flex-1 flex-col">
            {frameSrc && !frameLoaded && (
              <p role="status" className="absolute inset-0 flex items-center justify-center gap-2 text-sm text-roast-600">
                <span className="inline-block h-3 w-3 animate-pulse rounded-full bg-brass-500" aria-hidden="true" />
                {t("order.opening")}
              </p>
            )}
            {frameSrc && <iframe ref={frameRef} src={frameSrc} title={t("iframe.frameTitle")} onLoad={() => setFrameLoaded(true)} className="relative w-full flex-1 border-0 sm:h-[812px]" allow="payment" />}
          </div>
        </div>
      </dialog>
    </div>
  );
}
