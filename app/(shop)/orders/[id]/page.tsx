import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { OrderPayment } from "@/app/_components/order-payment";
import { getTranslator } from "@/lib/i18n/server-locale";
import { formatMoney } from "@/lib/money";
import { loadOrderWithItems, toOrderView } from "@/lib/orders/load-order";
import { isRefundable, isRefundEnabled } from "@/lib/orders/refund-order";
import { isPaymentMode, type PaymentMode } from "@/lib/providers/types";
import { subscriptionsLinkToken } from "@/lib/subscriptions/subscriber-link";
import { StaticImage } from "@/app/_components/static-image";

// In the shopper's language, like the page.
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("order.title") };
}
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ payError?: string }> };

export default async function OrderPage({ params, searchParams }: Props) {
  const { id } = await params;
  const order = await loadOrderWithItems(id);
  if (!order) notFound();
  const { locale, t } = await getTranslator();
  const view = toOrderView(order, locale);
  const { payError } = await searchParams;
  const savedMode = (await cookies()).get("pay_mode")?.value;
  const mode: PaymentMode = isPaymentMode(savedMode) ? savedMode : isPaymentMode(order.paymentMode) ? order.paymentMode : "redirect";
  const providerName = t(order.provider === "unifipay" ? "checkout.unifipay" : "checkout.steppay");

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_360px]">
      {/* min-w-0: a long line in the inspector must wrap, not widen the column (and reflow the page). */}
      <div className="min-w-0 space-y-6">
        <div>
          <h1 className="font-serif text-3xl font-semibold text-roast-700">{t("order.title")}</h1>
          <p className="font-mono text-xs text-roast-600">{t("order.reference", { id: view.id })}</p>
        </div>
        <OrderPayment
          initial={view}
          initialMode={mode}
          payError={payError === "provider_unavailable" || payError === "not_payable" ? payError : null}
          refundable={isRefundEnabled() && isRefundable(order)}
          manageUrl={order.kind === "subscription" ? `/subscriptions/${await subscriptionsLinkToken(order.id)}` : null}
        />
      </div>
      <aside aria-labelledby="items-heading" className="h-fit space-y-4 rounded-2xl border border-cream-200 bg-white p-5">
        <h2 id="items-heading" className="font-semibold">{t("order.items")}</h2>
        <ul className="space-y-3">
          {view.items.map((item) => (
            <li key={item.productId} className="flex items-center gap-3 text-sm">
              {item.image && <StaticImage src={item.image} alt="" width={48} height={48} className="rounded-md bg-cream-100" />}
              <span className="flex-1">
                {item.name} × {item.quantity}
              </span>
              <span>{formatMoney(item.lineAmount, view.currency, locale)}</span>
            </li>
          ))}
        </ul>
        <dl className="space-y-1.5 border-t border-cream-200 pt-3 text-sm">
          <div className="flex justify-between font-semibold">
            <dt>{t("order.total")}</dt>
            <dd>{formatMoney(view.totalAmount, view.currency, locale)}</dd>
          </div>
          <div className="flex justify-between">
            <dt className="text-roast-600">{t("order.provider")}</dt>
            <dd>{providerName}</dd>
          </div>
          <div className="flex justify-between">
            <dt className="text-roast-600">{t("order.customer")}</dt>
            <dd className="text-right">{view.customer.name}</dd>
          </div>
          <div className="flex justify-between">
            <dt className="text-roast-600">{t("order.placedAt")}</dt>
            <dd>{new Date(view.createdAt).toLocaleString(locale === "ko" ? "ko-KR" : "en-US", { timeZone: "Asia/Seoul" })}</dd>
          </div>
        </dl>
        <a href="/" className="block text-center text-sm underline underline-offset-2">
          {t("order.continueShopping")}
        </a>
      </aside>
    </div>
  );
}
