import type { Metadata } from "next";
import { priceCart, readCart } from "@/lib/cart";
import { getTranslator } from "@/lib/i18n/server-locale";
import { formatMoney } from "@/lib/money";
import { MAX_QUANTITY } from "@/lib/orders/checkout-input";
import { removeFromCart, setCartQuantity } from "./actions";
import { StaticImage } from "@/app/_components/static-image";

// In the shopper's language, like the page.
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("cart.title") };
}

export default async function CartPage() {
  const { locale, t } = await getTranslator();
  const cart = priceCart(await readCart());
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-semibold text-roast-700">{t("cart.title")}</h1>
      {cart.lines.length === 0 ? (
        <div className="space-y-4 rounded-2xl border border-cream-200 bg-white p-8 text-center">
          <p>{t("cart.empty")}</p>
          <a href="/" className="inline-block rounded-lg bg-roast-700 px-5 py-2.5 font-semibold text-cream-50">
            {t("cart.continue")}
          </a>
        </div>
      ) : (
        <>
          <ul className="divide-y divide-cream-200 rounded-2xl border border-cream-200 bg-white">
            {cart.lines.map((line) => {
              const name = line.product.name[locale];
              return (
                <li key={line.productId} className="flex flex-wrap items-center gap-4 p-4">
                  <StaticImage src={line.product.image} alt="" width={72} height={72} className="rounded-lg bg-cream-100" />
                  <div className="min-w-40 flex-1">
                    <a href={`/products/${line.productId}`} className="font-semibold hover:underline">
                      {name}
                    </a>
                    <p className="text-sm text-roast-600">
                      {formatMoney(line.lineKRW, "KRW", locale)} · {formatMoney(line.lineUSD, "USD", locale)}
                    </p>
                  </div>
                  <form action={setCartQuantity} className="flex items-center gap-2">
                    <input type="hidden" name="productId" value={line.productId} />
                    <label className="sr-only" htmlFor={`qty-${line.productId}`}>
                      {t("cart.quantityOf", { name })}
                    </label>
                    <select id={`qty-${line.productId}`} name="quantity" defaultValue={line.quantity} className="rounded-lg border border-cream-200 bg-white px-2 py-1.5">
                      {Array.from({ length: MAX_QUANTITY }, (_, i) => i + 1).map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="rounded-md border border-cream-200 px-2.5 py-1.5 text-sm hover:bg-cream-100">
                      {t("cart.update")}
                    </button>
                  </form>
                  <form action={removeFromCart}>
                    <input type="hidden" name="productId" value={line.productId} />
                    <button type="submit" className="rounded-md px-2.5 py-1.5 text-sm text-red-800 hover:bg-red-50" aria-label={t("cart.remove", { name })}>
                      ✕
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
          <div className="space-y-3 rounded-2xl border border-cream-200 bg-white p-5">
            <div className="flex items-baseline justify-between">
              <span className="font-semibold">{t("cart.subtotal")}</span>
              <span className="text-right">
                <span className="block text-lg font-semibold">{formatMoney(cart.totalKRW, "KRW", locale)}</span>
                <span className="block text-sm text-roast-600">{formatMoney(cart.totalUSD, "USD", locale)}</span>
              </span>
            </div>
            <p className="text-xs text-roast-600">{t("cart.note")}</p>
            <a href="/checkout" className="block rounded-lg bg-roast-700 px-5 py-3 text-center font-semibold text-cream-50 hover:bg-roast-600">
              {t("cart.checkout")}
            </a>
          </div>
        </>
      )}
    </div>
  );
}
