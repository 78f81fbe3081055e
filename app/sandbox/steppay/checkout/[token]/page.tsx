import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { isSandboxEnabled } from "@/lib/sandbox/shared/config";
import { loadCheckoutView, parseFieldErrors, type CheckoutView } from "@/lib/sandbox/steppay/checkout";
import { CHECKOUT_COPY, CONTROL_NAMES, formatKrw } from "@/lib/sandbox/steppay/checkout-copy";
import { TEST_CARDS, type CardField } from "@/lib/sandbox/steppay/test-cards";
import { HostedPageFrame, STEPPAY_ICON, STEPPAY_THEME_COLOR } from "../../brand-header";
import { PayButton } from "./pay-button";
import { TestCardButtons } from "./test-card-buttons";

/**
 * StepPay's hosted payment page, as the sandbox plays it. Reached by the 302 of a pay link, in a
 * full-page redirect, a popup or an iframe: no cookies, no `window.top`, and the form is plain HTML.
 */
export const metadata: Metadata = {
  title: { absolute: "StepPay · Checkout (sandbox)" },
  icons: { icon: STEPPAY_ICON },
  robots: { index: false, follow: false },
};
export const viewport: Viewport = { themeColor: STEPPAY_THEME_COLOR };

type PageProps = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const FORM_ID = "steppay-card-form";
const FIELD_IDS: Record<CardField, string> = { cardNumber: "card-number", expiry: "card-expiry", cvc: "card-cvc", cardHolder: "card-holder" };

export default async function StepPayCheckoutPage({ params, searchParams }: PageProps) {
  await connection(); // the order's state changes under this page: never prerender or cache it
  if (!isSandboxEnabled("steppay")) notFound();
  const { token } = await params;
  const view = await loadCheckoutView(token);
  if (view.state === "expired") notFound(); // not-found.tsx says the link has expired (404)

  const copy = CHECKOUT_COPY[view.lang];
  const total = formatKrw(view.order.total, view.lang);
  return (
    <HostedPageFrame lang={copy.htmlLang}>
      <section className="border-b border-slate-200 px-5 py-5">
        <h1 className="sr-only">
          StepPay · {copy.pageTitle} {total}
        </h1>
        <p className="text-sm text-slate-600">
          {copy.merchant} · <span className="font-medium text-slate-800">{view.merchantHost}</span>
        </p>
        <p className="mt-1 text-3xl font-bold tracking-tight">{total}</p>
      </section>

      <OrderSummary view={view} />

      {view.state === "paid" ? (
        <StatusPanel tone="success" title={copy.paidTitle} body={copy.paidBody} href={view.continueUrl} linkText={copy.continue} linkName={CONTROL_NAMES.continue} lang={view.lang} />
      ) : view.state === "closed" ? (
        <StatusPanel
          tone="neutral"
          title={copy.closedTitle}
          body={copy.closedBody[view.closedReason ?? "cancelled"]}
          href={view.returnUrl}
          linkText={copy.returnToStore}
          linkName={CONTROL_NAMES.returnToStore}
          lang={view.lang}
        />
      ) : (
        <CardForm view={view} total={total} errors={parseFieldErrors((await searchParams).error)} />
      )}

      <footer className="flex items-center justify-between gap-2 px-5 py-4 text-xs text-slate-500">
        <span className="flex items-center gap-1">
          <LockIcon />
          {copy.footer}
        </span>
        <span>
          {copy.orderCode} <span className="font-mono">{view.order.code}</span>
        </span>
      </footer>
    </HostedPageFrame>
  );
}

type OpenView = Exclude<CheckoutView, { state: "expired" }>;

/** In Korean, a control shows its Korean name and keeps the English one beside it (see checkout-copy.ts). */
function Bilingual({ text, english }: { text: string; english: string }) {
  if (text === english) return <>{text}</>;
  return (
    <>
      {text} <span className="text-xs font-normal text-slate-500">{english}</span>
    </>
  );
}

function OrderSummary({ view }: { view: OpenView }) {
  const copy = CHECKOUT_COPY[view.lang];
  return (
    <section aria-labelledby="order-summary-heading" className="border-b border-slate-200 px-5 py-4">
      <h2 id="order-summary-heading" className="text-sm font-semibold text-slate-700">
        {copy.orderSummary}
      </h2>
      <ul className="mt-3 space-y-3">
        {view.order.lines.map((line, index) => (
          <li key={index} className="flex items-start justify-between gap-4 text-sm">
            <div>
              <p className="font-medium text-slate-900">
                {line.productName} <span className="text-slate-500">{copy.quantity(line.quantity)}</span>
              </p>
              <p className="text-slate-500">
                {line.planName}
                {line.recurring ? ` · ${copy.billed(line.recurring.interval, line.recurring.intervalCount)}` : null}
              </p>
            </div>
            <p className="shrink-0 font-medium tabular-nums">{formatKrw(line.amount, view.lang)}</p>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex items-center justify-between border-t border-dashed border-slate-200 pt-3 text-base font-semibold">
        <span>{copy.total}</span>
        <span className="tabular-nums">{formatKrw(view.order.total, view.lang)}</span>
      </div>
    </section>
  );
}

function StatusPanel(props: { tone: "success" | "neutral"; title: string; body: string; href: string; linkText: string; linkName: string; lang: OpenView["lang"] }) {
  const box = props.tone === "success" ? "bg-emerald-50 ring-emerald-200" : "bg-slate-50 ring-slate-200";
  return (
    <section className="px-5 py-6">
      <div role="status" className={`rounded-xl p-4 ring-1 ${box}`}>
        <h2 className="font-semibold text-slate-900">{props.title}</h2>
        <p className="mt-1 text-sm text-slate-700">{props.body}</p>
      </div>
      <a
        href={props.href}
        className="mt-5 flex w-full items-center justify-center gap-1 rounded-xl bg-indigo-600 px-4 py-3 font-semibold text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {props.lang === "ko" ? (
          <>
            {props.linkText} <span className="text-xs font-medium text-indigo-100">{props.linkName}</span>
          </>
        ) : (
          props.linkText
        )}
      </a>
    </section>
  );
}

function CardForm({ view, total, errors }: { view: OpenView; total: string; errors: CardField[] }) {
  const copy = CHECKOUT_COPY[view.lang];
  const field = (name: CardField) => ({
    id: FIELD_IDS[name],
    name,
    "aria-invalid": errors.includes(name) || undefined,
    "aria-describedby": errors.includes(name) ? `${FIELD_IDS[name]}-error` : undefined,
    className: `mt-1 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 ${
      errors.includes(name) ? "border-rose-500" : "border-slate-300"
    }`,
  });
  const label = (name: CardField, english: string, text: string) => (
    <label htmlFor={FIELD_IDS[name]} className="block text-sm font-medium text-slate-700">
      <Bilingual text={text} english={english} />
    </label>
  );
  const fieldError = (name: CardField) =>
    errors.includes(name) ? (
      <p id={`${FIELD_IDS[name]}-error`} className="mt-1 text-sm text-rose-700">
        {copy.fieldErrors[name]}
      </p>
    ) : null;

  return (
    <>
      <section aria-labelledby="card-details-heading" className="px-5 py-5">
        <h2 id="card-details-heading" className="text-sm font-semibold text-slate-700">
          {copy.cardDetails}
        </h2>

        {view.lastFailure ? (
          <div role="alert" className="mt-3 rounded-lg bg-rose-50 p-3 text-sm text-rose-800 ring-1 ring-rose-200">
            {copy.previousFailure}: {view.lastFailure.errorMessage} <span className="font-mono text-xs">({view.lastFailure.errorCode})</span>
          </div>
        ) : null}
        {errors.length ? (
          <div role="alert" className="mt-3 rounded-lg bg-rose-50 p-3 text-sm text-rose-800 ring-1 ring-rose-200">
            {copy.formErrorSummary}
          </div>
        ) : null}

        <form id={FORM_ID} method="post" action={view.submitUrl} className="mt-4 space-y-4">
          <div>
            {label("cardNumber", CONTROL_NAMES.cardNumber, copy.cardNumber)}
            <input {...field("cardNumber")} type="text" inputMode="numeric" autoComplete="cc-number" placeholder="1234 1234 1234 1234" maxLength={23} required />
            {fieldError("cardNumber")}
          </div>
          <div className="grid grid-cols-2 gap-3">
            <div>
              {label("expiry", CONTROL_NAMES.expiry, copy.expiry)}
              <input {...field("expiry")} type="text" inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" maxLength={7} required />
              {fieldError("expiry")}
            </div>
            <div>
              {label("cvc", CONTROL_NAMES.cvc, copy.cvc)}
              <input {...field("cvc")} type="text" inputMode="numeric" autoComplete="cc-csc" placeholder="123" maxLength={4} required />
              {fieldError("cvc")}
            </div>
          </div>
          <div>
            {label("cardHolder", CONTROL_NAMES.cardHolder, copy.cardHolder)}
            <input {...field("cardHolder")} type="text" autoComplete="cc-name" required />
            {fieldError("cardHolder")}
          </div>

          {/* Pay first: pressing Enter in a field submits with the first submit button. */}
          <PayButton
            label={`Pay ${total}`}
            caption={copy.payCaption}
            processingLabel={copy.processing === CONTROL_NAMES.processing ? copy.processing : `${copy.processing} ${CONTROL_NAMES.processing}`}
          />
          <button
            type="submit"
            name="intent"
            value="cancel"
            formNoValidate
            className="w-full rounded-xl px-4 py-2.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <Bilingual text={copy.cancel} english={CONTROL_NAMES.cancel} />
          </button>
        </form>
      </section>

      <section aria-labelledby="test-cards-heading" className="mx-5 mb-5 rounded-xl border border-dashed border-amber-300 bg-amber-50/60 p-4">
        <h2 id="test-cards-heading" className="text-sm font-semibold text-amber-900">
          {copy.testCards}
        </h2>
        <p className="mt-1 text-xs text-amber-900/80">{copy.testCardsHint}</p>
        <div className="mt-3">
          <TestCardButtons
            formId={FORM_ID}
            cards={TEST_CARDS.map((card) => ({
              number: card.number,
              name: `Use test card: ${card.label}`,
              caption: view.lang === "ko" ? copy.testCardOutcome[card.label] : null,
              tone: card.outcome,
            }))}
          />
        </div>
      </section>
    </>
  );
}

function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
    </svg>
  );
}
