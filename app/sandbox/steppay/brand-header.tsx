import type { ReactNode } from "react";
import "./hosted-page.css";

/** StepPay's header on the sandbox's hosted pages, with the unmissable test-mode badge. */
export function BrandHeader() {
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-5 py-4">
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-indigo-600 text-base font-extrabold text-white">
          S
        </span>
        <span className="text-lg font-bold tracking-tight text-slate-900">StepPay</span>
      </div>
      <span className="rounded-full bg-amber-100 px-2.5 py-1 text-[11px] font-semibold leading-none text-amber-900 ring-1 ring-amber-300">
        SANDBOX · test mode, no real money
      </span>
    </header>
  );
}

/** The page frame: full-bleed on a phone (425 px popup or iframe), a card on wider screens. */
export function HostedPageFrame({ lang, children }: { lang: string; children: ReactNode }) {
  return (
    <main lang={lang} className="steppay-hosted min-h-dvh bg-slate-100 text-slate-900 antialiased sm:py-10">
      <div className="mx-auto w-full max-w-md overflow-hidden bg-white sm:rounded-2xl sm:shadow-lg sm:ring-1 sm:ring-slate-200">
        <BrandHeader />
        {children}
      </div>
    </main>
  );
}

/**
 * Metadata every StepPay page sets, so the store's title template, favicon and theme colour
 * (from the root layout) do not show on another company's page.
 */
export const STEPPAY_ICON =
  "data:image/svg+xml," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><text x="16" y="23" font-family="Arial,sans-serif" font-size="20" font-weight="800" text-anchor="middle" fill="#fff">S</text></svg>');
export const STEPPAY_THEME_COLOR = "#4f46e5";
