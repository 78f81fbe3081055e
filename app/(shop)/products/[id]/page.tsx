import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/app/_components/add-to-cart-form";
import { priceCart, readCart } from "@/lib/cart";
import { findProduct } from "@/lib/catalog";
import { getTranslator } from "@/lib/i18n/server-locale";
import { formatMoney } from "@/lib/money";
import { StaticImage } from "@/app/_components/static-image";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = findProduct((await params).id);
  const { locale } = await getTranslator();
  return { title: product ? product.name[locale] : "Product not found" };
}

export default async function ProductPage({ params }: Props) {
  const product = findProduct((await params).id);
  if (!product) notFound();
  const { locale, t } = await getTranslator();
  const cart = priceCart(await readCart());
  const per = product.recurring ? ` ${t(`product.per${product.recurring.interval}`)}` : "";
  return (
    <article className="grid gap-8 md:grid-cols-2 md:gap-12">
      <div className="overflow-hidden rounded-2xl border border-cream-200 bg-cream-100">
        <StaticImage src={product.image} alt={product.name[locale]} width={800} height={800} priority fetchPriority="high" className="h-auto w-full" />
      </div>
      <div className="space-y-5">
        <a href="/" className="text-sm text-roast-600 underline-offset-2 hover:underline">
          ← {t("product.back")}
        </a>
        {product.kind === "subscription" && (
          <p className="inline-block rounded-full bg-celadon-100 px-3 py-1 text-xs font-semibold text-celadon-700">{t("product.subscription")}</p>
        )}
        <h1 className="font-serif text-3xl font-semibold text-roast-700">{product.name[locale]}</h1>
        <p className="text-roast-600">{product.tagline[locale]}</p>
        <dl className="grid grid-cols-2 gap-3 rounded-xl border border-cream-200 bg-white p-4">
          <div>
            <dt className="text-xs text-roast-600">{t("product.priceKRW")}</dt>
            <dd className="text-xl font-semibold">
              {formatMoney(product.prices.KRW, "KRW", locale)}
              <span className="text-sm font-normal text-roast-600">{per}</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-roast-600">{t("product.priceUSD")}</dt>
            <dd className="text-xl font-semibold">
              {formatMoney(product.prices.USD, "USD", locale)}
              <span className="text-sm font-normal text-roast-600">{per}</span>
            </dd>
          </div>
        </dl>
        <p className="leading-relaxed">{product.description[locale]}</p>
        <AddToCartForm productId={product.id} initialCount={cart.count} />
      </div>
    </article>
  );
}
