import type { Metadata } from "next";
import { SubscriptionList } from "@/app/_components/subscription-list";
import { getTranslator } from "@/lib/i18n/server-locale";
import { listSubscriptions } from "@/lib/subscriptions/manage-subscription";
import { loadOrder } from "@/lib/orders/load-order";
import { orderFromSubscriptionsToken } from "@/lib/subscriptions/subscriber-link";

// In the shopper's language, like the page.
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("subs.title"), referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

/** "My subscriptions": the subscriptions one order started, opened by the signed link on that order's page. */
export default async function SubscriptionsPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { t } = await getTranslator();
  const orderId = await orderFromSubscriptionsToken(decodeURIComponent(token));
  // A link to an order that no longer exists (the demo data was reset) opens nothing either.
  const order = orderId ? await loadOrder(orderId) : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="font-serif text-3xl font-semibold text-roast-700">{t("subs.title")}</h1>
        {order && <p className="text-sm text-roast-600">{t("subs.for", { email: order.customerEmail })}</p>}
      </div>
      {order ? (
        <>
          <p className="text-sm text-roast-600">{t("subs.liveNote")}</p>
          <SubscriptionList token={decodeURIComponent(token)} initial={await listSubscriptions(order.id)} />
        </>
      ) : (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {t("subs.invalidLink")}
        </p>
      )}
    </div>
  );
}
