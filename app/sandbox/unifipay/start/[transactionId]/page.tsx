import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { openUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";
import { startCopy, startLocale, type StartCopy } from "@/lib/sandbox/unifipay/start-copy";
import { loadStartPage, type StartPageView } from "@/lib/sandbox/unifipay/start-page";
import { LanguageSwitch } from "@/app/sandbox/language-switch";
import { DecisionForm } from "./decision-form";

/**
 * The sandbox's stand-in for Unifi Pay's hosted payment page (startPageUrl). Shown by redirect,
 * in a popup or in a cross-origin iframe (425 × 812): no cookies, no window.top, no framing
 * headers of its own (middleware.ts allows framing by APP_ORIGIN).
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Unifi Pay · Sandbox payment", robots: { index: false, follow: false } };
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#06C755" };

function finalCopy(copy: StartCopy): Record<Exclude<StartPageView["status"], "PENDING">, { title: string; detail: string; tone: string; mark: string }> {
  return {
    CONFIRMED: { title: copy.approvedTitle, detail: copy.approvedDetail, tone: "bg-emerald-50 text-emerald-800 border-emerald-200", mark: "✓" },
    FAILED: { title: copy.declinedTitle, detail: copy.declinedDetail, tone: "bg-red-50 text-red-800 border-red-200", mark: "✕" },
    CANCELED: { title: copy.canceledTitle, detail: copy.canceledDetail, tone: "bg-slate-50 text-slate-700 border-slate-200", mark: "–" },
    REFUNDED: { title: copy.refundedTitle, detail: copy.refundedDetail, tone: "bg-slate-50 text-slate-700 border-slate-200", mark: "↩" },
  };
}

type Props = { params: Promise<{ transactionId: string }>; searchParams: Promise<{ lang?: string }> };

export default async function UnifiStartPage({ params, searchParams }: Props) {
  if (!openUnifiSandbox()) notFound();
  const { transactionId } = await params;
  const view = await loadStartPage(transactionId);
  if (!view) notFound();
  const locale = startLocale((await searchParams).lang, (await headers()).get("accept-language"));
  const copy = startCopy(locale);
  const FINAL = finalCopy(copy);

  return (
    <main lang={locale} className="flex min-h-dvh items-start justify-center bg-slate-100 px-3 py-4 text-slate-900 sm:items-center sm:py-8">
      <div className="w-full max-w-[400px] overflow-hidden rounded-2xl bg-white shadow-lg ring-1 ring-slate-200">
        {/* LINE green darkened to #047a35 so white text meets WCAG AA contrast. */}
        <header className="flex items-center gap-3 bg-[#047a35] px-5 py-4 text-white">
          <span aria-hidden="true" className="grid size-9 place-items-center rounded-lg bg-white text-lg font-black text-[#06C755]">
            U
          </span>
          <p className="flex-1 text-lg font-bold tracking-tight">
            Unifi Pay <span className="font-medium">· LINE NEXT</span>
          </p>
          <LanguageSwitch label={copy.language} current={locale} href={(option) => `?lang=${option}`} activeClass="bg-white text-[#047a35]" />
        </header>

        <p role="note" className="border-b border-amber-200 bg-amber-100 px-5 py-2 text-center text-xs font-semibold tracking-wide text-amber-900">
          {copy.sandbox}
        </p>

        <section aria-labelledby="payment-heading" className="px-5 pt-5 pb-4">
          <h1 id="payment-heading" className="text-sm font-medium text-slate-500">
            {view.status === "PENDING" ? copy.confirm : copy.summary}
          </h1>
          <p className="mt-3 text-4xl font-bold tracking-tight tabular-nums">{view.amountLabel}</p>
          <p className="mt-1 text-xs text-slate-500">{copy.chargedIn}</p>

          <dl className="mt-5 divide-y divide-slate-100 rounded-xl border border-slate-100 text-sm">
            <Row term={copy.merchant} value={view.storeId} />
            <Row term={copy.orderId} value={view.orderId} />
            <Row term={copy.country} value={view.countryCode} />
          </dl>
        </section>

        <div className="px-5 pb-5">
          {view.status === "PENDING" ? (
            <DecisionForm action={view.decideAction} labels={{ approve: copy.approve, decline: copy.decline, cancel: copy.cancel, processing: copy.processing }} />
          ) : (
            <div role="status" className={`rounded-xl border px-4 py-4 ${FINAL[view.status].tone}`}>
              <p className="flex items-center gap-2 text-base font-semibold">
                <span aria-hidden="true">{FINAL[view.status].mark}</span>
                {FINAL[view.status].title}
              </p>
              <p className="mt-1 text-sm">{FINAL[view.status].detail}</p>
              <a
                href={view.returnUrl}
                className="mt-4 flex h-12 items-center justify-center rounded-xl bg-slate-900 text-base font-semibold text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
              >
                {copy.returnToMerchant}
              </a>
            </div>
          )}
        </div>

        <footer className="border-t border-slate-100 px-5 py-3 text-[11px] leading-relaxed text-slate-600">
          {copy.transaction} <span className="font-mono break-all">{view.transactionId}</span>
          <br />
          {copy.emulated}
        </footer>
      </div>
    </main>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 px-4 py-2.5">
      <dt className="shrink-0 text-slate-500">{term}</dt>
      <dd className="min-w-0 truncate text-right font-medium" title={value}>
        {value}
      </dd>
    </div>
  );
}
