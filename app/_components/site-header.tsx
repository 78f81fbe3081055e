import { setLocale } from "@/app/(shop)/cart/actions";
import { guideTranslator } from "@/lib/i18n/guide-messages";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/messages";
import { StaticImage } from "./static-image";

export function SiteHeader({ t, locale, cartCount }: { t: Translate; locale: Locale; cartCount: number }) {
  const guide = guideTranslator(locale);
  return (
    <header className="border-b border-cream-200 bg-cream-50/95 backdrop-blur">
      {/* On a phone the brand takes the first row and the navigation the second; nothing wraps inside a word or overlaps. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 sm:px-6">
        <a href="/" className="flex items-center gap-2 rounded-md whitespace-nowrap">
          <StaticImage src="/brand/logo.svg" alt="" width={36} height={36} priority />
          <span className="font-serif text-lg font-semibold tracking-tight text-roast-700">{t("brand.name")}</span>
        </a>
        <nav aria-label={t("nav.main")} className="-mx-1.5 flex flex-wrap items-center gap-0.5 text-sm whitespace-nowrap sm:mx-0 sm:gap-3">
          <a href="/" className="rounded-md px-1.5 py-1.5 sm:px-2 hover:bg-cream-100">
            {t("nav.shop")}
          </a>
          <a href="/integrate" className="rounded-md px-1.5 py-1.5 sm:px-2 hover:bg-cream-100">
            <span className="sm:hidden">{guide("guide.navLinkShort")}</span>
            <span className="hidden sm:inline">{guide("guide.navLink")}</span>
          </a>
          {/* The name is the visible text plus a unit ("Cart 2 items"), so speech users can say what they see (WCAG 2.5.3). */}
          <a href="/cart" className="relative rounded-md px-1.5 py-1.5 sm:px-2 hover:bg-cream-100">
            {t("nav.cart")}{" "}
            <span className="inline-flex min-w-6 justify-center rounded-full bg-roast-700 px-1.5 text-xs font-semibold leading-5 text-cream-50">{cartCount}</span>
            <span className="sr-only">{t(cartCount === 1 ? "nav.cartUnitOne" : "nav.cartUnitOther")}</span>
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
                className={`rounded-md px-1.5 py-1.5 sm:px-2 text-xs ${locale === option ? "bg-roast-700 text-cream-50" : "hover:bg-cream-100"}`}
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
