"use client";

import type { OrderView } from "@/lib/orders/load-order";
import { useI18n } from "./i18n-provider";

const TONE: Record<OrderView["status"], string> = {
  pending: "bg-cream-100 text-roast-700 border-brass-400",
  paid: "bg-celadon-100 text-celadon-700 border-celadon-500",
  failed: "bg-red-50 text-red-900 border-red-300",
  canceled: "bg-cream-100 text-roast-700 border-cream-200",
  review: "bg-amber-50 text-amber-900 border-amber-400",
  partially_refunded: "bg-cream-100 text-roast-700 border-cream-200",
  refunded: "bg-cream-100 text-roast-700 border-cream-200",
};

/** The verified status of an order, as stored on the server. */
export function OrderStatusPanel({ order }: { order: OrderView }) {
  const { t } = useI18n();
  const provider = t(order.provider === "unifipay" ? "checkout.unifipay" : "checkout.steppay");
  // Unifi Pay's status API gives no reason for a failure, and a StepPay order cancelled unpaid is
  // the store's own finding: the store's words, in the shopper's language. A provider's reason is
  // shown as the provider gave it.
  const reason =
    order.failure?.code === "UNIFI_FAILED"
      ? t("order.failure.noReason", { provider })
      : order.failure?.code === "ORDER_CANCELLED"
        ? t("order.failure.cancelledAtProvider", { provider })
        : order.failure?.message || order.failure?.code || "—";
  const note = order.status === "failed" ? t("order.note.failed", { reason }) : t(`order.note.${order.status}`, { provider });
  return (
    <div className={`space-y-2 rounded-2xl border p-5 ${TONE[order.status]}`} data-status={order.status}>
      <p className="text-2xl font-semibold outline-none" role="status" aria-live="polite" aria-atomic="true" tabIndex={-1} data-result-focus>
        <span className="sr-only">{t("order.title")}: </span>
        <span data-testid="order-status">{t(`status.${order.status}`)}</span>
      </p>
      <p className="text-sm">{note}</p>
      {order.status === "failed" && order.failure?.code && <p className="font-mono text-xs opacity-80">{order.failure.code}</p>}
      {order.paidAmount !== null && order.status !== "pending" && (
        <p className="text-sm">
          {t("order.paidAmount")}: <strong>{order.amountLabels.paid}</strong>
          {order.refundedAmount > 0 && (
            <>
              {" · "}
              {t("order.refundedAmount")}: <strong>{order.amountLabels.refunded}</strong>
            </>
          )}
        </p>
      )}
    </div>
  );
}
