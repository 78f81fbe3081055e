import { I18nProvider } from "@/app/_components/i18n-provider";
import { SiteHeader } from "@/app/_components/site-header";
import { Toaster } from "@/app/_components/toaster";
import { priceCart, readCart } from "@/lib/cart";
import { config, offeredFromSandbox } from "@/lib/env";
import { MESSAGES } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server-locale";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const { locale, t } = await getTranslator();
  const cart = priceCart(await readCart());
  const c = config();
  return (
    <I18nProvider locale={locale} messages={MESSAGES[locale]}>
      <Toaster>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("nav.skip")}
        </a>
        <SiteHeader t={t} locale={locale} cartCount={cart.count} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          {children}
        </main>
        <footer className="border-t border-cream-200 py-6 text-center text-xs text-roast-600">
          <p className="mx-auto max-w-2xl px-4">{t("footer.demo")}</p>
          {(offeredFromSandbox(c.steppay) || offeredFromSandbox(c.unifipay)) && (
            <p className="mt-2">
              <a className="underline underline-offset-2" href={`${c.sandboxOrigin}/sandbox`}>
                {t("footer.sandbox")}
              </a>
            </p>
          )}
        </footer>
      </Toaster>
    </I18nProvider>
  );
}
