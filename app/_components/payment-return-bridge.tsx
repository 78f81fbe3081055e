"use client";

import { useEffect, useState } from "react";
import { isPaymentResultAck, PAYMENT_CHANNEL, type PayError, type PaymentResultMessage } from "./payment-messages";
import { useI18n } from "./i18n-provider";

/**
 * Runs on the landing page inside the payment popup or iframe, after the return handler has
 * verified the payment with the provider. It tells the storefront tab that the order has news:
 *  - popup: over a same-origin BroadcastChannel (the popup has no opener), then closes itself once
 *    the order's page answers that it got the news. No answer (the shopper left that page, or
 *    closed the tab) and the popup stays open, showing the verified result and a way back;
 *  - iframe: postMessage to the parent, with our own origin as the explicit target origin.
 * Opened as a plain tab, it does neither and the page shows the verified result by itself.
 * When the payment page could not be opened at all, it says why, so the store's tab can tell the
 * shopper after this window has closed.
 */
export function PaymentReturnBridge({ orderId, status, mode, payError }: { orderId: string; status: string; mode: "popup" | "iframe"; payError: PayError | null }) {
  const { t } = useI18n();
  const [handedOver, setHandedOver] = useState(false);

  useEffect(() => {
    const message: PaymentResultMessage = { type: "payment-result", orderId, status, ...(payError ? { payError } : {}) };
    if (mode === "iframe") {
      if (window.parent !== window) {
        window.parent.postMessage(message, window.location.origin);
        setHandedOver(true);
      }
      return;
    }
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(PAYMENT_CHANNEL);
    let closeTimer: number | undefined;
    channel.onmessage = (event: MessageEvent) => {
      if (!isPaymentResultAck(event.data, orderId) || closeTimer !== undefined) return;
      setHandedOver(true);
      // Only a window opened by script may close itself; a plain tab stays and shows the result.
      closeTimer = window.setTimeout(() => window.close(), 600);
    };
    channel.postMessage(message);
    // Nobody answering within a few seconds will not answer: stop listening, stay open.
    const giveUp = window.setTimeout(() => channel.close(), 5000);
    return () => {
      window.clearTimeout(giveUp);
      window.clearTimeout(closeTimer);
      channel.close();
    };
  }, [orderId, status, mode, payError]);

  return handedOver ? <p className="text-sm text-roast-600">{t("return.closing")}</p> : null;
}
