import type { Product } from "@/lib/catalog";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/messages";
import { formatMoney } from "@/lib/money";
import { StaticImage } from "./static-image";

export function ProductCard({
  product,
  locale,
  t,
  priority,
  fetchPriority,
}: {
  product: Product;
  locale: Locale;
  t: Translate;
  priority?: boolean;
  fetchPriority?: "high";
}) {
  const per = product.recurring ? ` ${t(`product.per${product.recurring.interval}`)}` : "";
  return (
    <li className="group overflow-hidden rounded-2xl border border-cream-200 bg-white shadow-sm transition hover:shadow-md">
      <a href={`/products/${product.id}`} className="block focus-visible:outline-offset-[-3px]">
        <div className="aspect-square overflow-hidden bg-cream-100">
          <StaticImage
            src={product.image}
            alt=""
            width={400}
            height={400}
            priority={priority}
            fetchPriority={fetchPriority}
            className="h-full w-full object-cover transition duration-300 group-hover:scale-[1.03]"
          />
        </div>
        <div className="space-y-1 p-4">
          <h3 className="font-serif text-lg font-semibold text-roast-900">{product.name[locale]}</h3>
          <p className="text-sm text-roast-600">{product.tagline[locale]}</p>
          <p className="pt-1 text-sm">
            <span className="font-semibold">{formatMoney(product.prices.KRW, "KRW", locale)}</span>
            <span className="text-roast-600">{per}</span>
            <span className="mx-1.5 text-roast-500" aria-hidden="true">·</span>
            <span className="font-semibold">{formatMoney(product.prices.USD, "USD", locale)}</span>
            <span className="text-roast-600">{per}</span>
          </p>
        </div>
      </a>
    </li>
  );
}
