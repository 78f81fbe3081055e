import { setLocale } from "@/app/(shop)/cart/actions";
import { guideTranslator } from "@/lib/i18n/guide-messages";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/messages";
import { StaticImage } from "./static-image";

export function SiteHeader({ t, locale, cartCount }: { t: Translate; locale: Locale; cartCount: number }) {
  return (
    <header className="border-b border-cream-200 bg-cream-50/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <a href="/" className="flex items-center gap-2 rounded-md">
          <StaticImage src="/brand/logo.svg" alt="" width={36} height={36} priority />
          <span className="font-serif text-lg font-semibold tracking-tight text-roast-700">{t("brand.name")}</span>
        </a>
        <nav aria-label={t("nav.main")} className="flex items-center gap-1 text-sm sm:gap-3">
          <a href="/" className="rounded-md px-2 py-1.5 hover:bg-cream-100">
            {t("nav.shop")}
          </a>
          <a href="/integrate" className="rounded-md px-2 py-1.5 hover:bg-cream-100">
            {guideTranslator(locale)("guide.navLink")}
          </a>
          <a href="/cart" className="relative rounded-md px-2 py-1.5 hover:bg-cream-100" aria-label={t("nav.cartCount", { count: cartCount })}>
            {t("nav.cart")}
            <span className="ml-1 inline-flex min-w-6 justify-center rounded-full bg-roast-700 px-1.5 text-xs font-semibold leading-5 text-cream-50" aria-hidden="true">
              {cartCount}
            </span>
          </a>
          <form action={setLocale} className="flex items-center gap-0.5" aria-label={t("nav.language")}>
            {(["en", "ko"] as const).map((option) => (
              <button
                key={option}
                type="submit"
                name="locale"
                value={option}
                lang={option}
                aria-pressed={locale === option}
                className={`rounded-md px-2 py-1.5 text-xs ${locale === option ? "bg-roast-700 text-cream-50" : "hover:bg-cream-100"}`}
              >
                {t(`language.${option}`)}
              </button>
            ))}
          </form>
        </nav>
      </div>
    </header>
  );
}
