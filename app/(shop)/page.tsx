import { ProductCard } from "@/app/_components/product-card";
import { productsOfKind } from "@/lib/catalog";
import { getTranslator } from "@/lib/i18n/server-locale";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { locale, t } = await getTranslator();
  const { notice } = await searchParams;
  return (
    <div className="space-y-10">
      {notice === "unknown_payment" && (
        <p role="status" className="rounded-lg border border-brass-400 bg-cream-100 px-4 py-3 text-sm">
          {t("home.notice.unknown_payment")}
        </p>
      )}
      <section className="max-w-3xl space-y-3">
        <h1 className="font-serif text-3xl font-semibold tracking-tight text-roast-700 sm:text-4xl">{t("home.title")}</h1>
        <p className="text-roast-600">{t("home.subtitle")}</p>
      </section>
      <section aria-labelledby="goods-heading" className="space-y-4">
        <h2 id="goods-heading" className="text-sm font-semibold uppercase tracking-wider text-roast-600">
          {t("home.goods")}
        </h2>
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {productsOfKind("one_time").map((product, index) => (
            <ProductCard key={product.id} product={product} locale={locale} t={t} priority={index < 2} fetchPriority={index === 0 ? "high" : undefined} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="subs-heading" className="space-y-4">
        <h2 id="subs-heading" className="text-sm font-semibold uppercase tracking-wider text-roast-600">
          {t("home.subscriptions")}
        </h2>
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {productsOfKind("subscription").map((product) => (
            <ProductCard key={product.id} product={product} locale={locale} t={t} />
          ))}
        </ul>
      </section>
    </div>
  );
}
