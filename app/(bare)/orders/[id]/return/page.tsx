import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderStatusPanel } from "@/app/_components/order-status-panel";
import { isPayError } from "@/app/_components/payment-messages";
import { PaymentReturnBridge } from "@/app/_components/payment-return-bridge";
import { getTranslator } from "@/lib/i18n/server-locale";
import { loadOrderWithItems, toOrderView } from "@/lib/orders/load-order";

// In the shopper's language, like the page.
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("return.title") };
}
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ mode?: string; payError?: string }> };

/** Where a popup or iframe lands after the return handler verified the payment. */
export default async function PaymentReturnPage({ params, searchParams }: Props) {
  const { id } = await params;
  const order = await loadOrderWithItems(id);
  if (!order) notFound();
  const { mode, payError } = await searchParams;
  const { locale, t } = await getTranslator();
  const view = toOrderView(order, locale);
  return (
    <div className="space-y-4">
      <h1 className="font-serif text-xl font-semibold text-roast-700">{t("return.title")}</h1>
      {payError && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {t("return.error")} {t(payError === "not_payable" ? "order.payError.not_payable" : "order.payError.provider_unavailable")}
        </p>
      )}
      <OrderStatusPanel order={view} />
      {(mode === "popup" || mode === "iframe") && <PaymentReturnBridge orderId={view.id} status={view.status} mode={mode} payError={isPayError(payError) ? payError : null} />}
      <a href={`/orders/${view.id}`} target="_top" className="block rounded-lg border border-roast-600 px-4 py-2.5 text-center text-sm font-semibold">
        {t("return.backToOrder")}
      </a>
    </div>
  );
}
