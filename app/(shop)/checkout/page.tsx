import type { Metadata } from "next";
import { CheckoutForm } from "@/app/_components/checkout-form";
import { priceCart, readCart } from "@/lib/cart";
import { getTranslator } from "@/lib/i18n/server-locale";
import { formatMoney } from "@/lib/money";
import { PROVIDER_CURRENCY, type ProviderId } from "@/lib/orders/checkout-input";
import { availableProviders } from "@/lib/payments/gateways";

// In the shopper's language, like the page.
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("checkout.title") };
}

export default async function CheckoutPage() {
  const { locale, t } = await getTranslator();
  const cart = priceCart(await readCart());
  if (cart.lines.length === 0) {
    return (
      <div className="mx-auto max-w-xl space-y-4 rounded-2xl border border-cream-200 bg-white p-8 text-center">
        <h1 className="font-serif text-2xl font-semibold text-roast-700">{t("checkout.title")}</h1>
        <p>{t("checkout.empty")}</p>
        <a href="/" className="inline-block rounded-lg bg-roast-700 px-5 py-2.5 font-semibold text-cream-50">
          {t("cart.continue")}
        </a>
      </div>
    );
  }
  const totalWith = (provider: ProviderId) => {
    const currency = PROVIDER_CURRENCY[provider];
    return formatMoney(currency === "KRW" ? cart.totalKRW : cart.totalUSD, currency, locale);
  };
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_380px]">
      <div className="space-y-6">
        <h1 className="font-serif text-3xl font-semibold text-roast-700">{t("checkout.title")}</h1>
        <CheckoutForm
          items={cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }))}
          totalLabels={{ steppay: totalWith("steppay"), unifipay: totalWith("unifipay") }}
          providers={availableProviders()}
          hasSubscription={cart.hasSubscription}
        />
      </div>
      <aside aria-labelledby="summary-heading" className="h-fit space-y-4 rounded-2xl border border-cream-200 bg-white p-5">
        <h2 id="summary-heading" className="font-semibold">{t("checkout.summary")}</h2>
        <ul className="space-y-2 text-sm">
          {cart.lines.map((line) => (
            <li key={line.productId} className="flex justify-between gap-3">
              <span>
                {line.product.name[locale]} × {line.quantity}
              </span>
              <span className="text-right text-roast-600">{formatMoney(line.lineKRW, "KRW", locale)}</span>
            </li>
          ))}
        </ul>
        <div className="flex items-baseline justify-between border-t border-cream-200 pt-3">
          <span className="font-semibold">{t("checkout.total")}</span>
          <span className="text-right">
            <span className="block font-semibold">{formatMoney(cart.totalKRW, "KRW", locale)}</span>
            <span className="block text-sm text-roast-600">{formatMoney(cart.totalUSD, "USD", locale)}</span>
          </span>
        </div>
      </aside>
    </div>
  );
}
