"use client";

import { useI18n } from "@/app/_components/i18n-provider";

/**
 * A shop page that failed on the server (the database unreachable, say): the shop's header and
 * footer stay, the shopper reads what happened in their language and can try again, by a reload:
 * the page is rendered on the server, so re-rendering the boundary alone would only fail again.
 * The server has logged the error; its digest, shown as a reference, finds that line. The error's
 * message never reaches the browser. (No global-error.tsx: Next's own is fine for a failed root
 * layout, and a custom one costs every page more script than it replaces.)
 */
export default function ShopError({ error }: { error: Error & { digest?: string } }) {
  const { t } = useI18n();
  return (
    <section role="alert" aria-labelledby="error-title" className="mx-auto max-w-xl space-y-4 rounded-2xl border border-cream-200 bg-white p-8 text-center">
      <h1 id="error-title" className="font-serif text-2xl font-semibold text-roast-700">
        {t("error.title")}
      </h1>
      <p>{t("error.body")}</p>
      {error.digest && <p className="text-sm text-roast-600">{t("error.reference", { digest: error.digest })}</p>}
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={() => window.location.reload()} className="rounded-lg bg-roast-700 px-5 py-2.5 font-semibold text-cream-50">
          {t("error.retry")}
        </button>
        <a href="/" className="rounded-lg border border-cream-200 px-5 py-2.5 font-semibold">
          {t("notFound.home")}
        </a>
      </div>
    </section>
  );
}
