import { getTranslator } from "@/lib/i18n/server-locale";

/**
 * What a shopper sees for a mistyped link, a product that does not exist or an order id nobody
 * has: the shop's own words in their language and a way back, with a 404 status (never Next's
 * unbranded default page). Next draws a notFound() page in the browser, from the page's payload
 * (vercel/next.js#62228: the server's HTML body is empty); a URL no route matches is server-rendered.
 */
export async function NotFoundMessage() {
  const { t } = await getTranslator();
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-xl space-y-4 rounded-2xl border border-cream-200 bg-white p-8 text-center">
      <p className="font-serif text-5xl font-semibold text-roast-600" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title" className="font-serif text-2xl font-semibold text-roast-700">
        {t("notFound.title")}
      </h1>
      <p>{t("notFound.body")}</p>
      <a href="/" className="inline-block rounded-lg bg-roast-700 px-5 py-2.5 font-semibold text-cream-50">
        {t("notFound.home")}
      </a>
    </section>
  );
}
