"use client";

import Image from "next/image";
import { useState } from "react";
import useSWR from "swr";
import { formatMoney } from "@/lib/money";
import type { SubscriptionView } from "@/lib/subscriptions/manage-subscription";
import type { MessageKey } from "@/lib/i18n/messages";
import { useI18n } from "./i18n-provider";
import { useToast } from "./toaster";
import { useHydrated } from "./use-hydrated";

/**
 * What StepPay lets a subscriber do in each status: pause only ACTIVE; cancel only ACTIVE, PAUSE
 * and UNPAID; resume only PAUSE and PENDING_CANCEL (its API refuses the rest). A pause still
 * pending takes effect at the next payment date, and nothing can be done until then; a canceled
 * or expired subscription is over.
 */
const ACTIONS: Record<string, [string, MessageKey][]> = {
  ACTIVE: [["pause", "subs.pause"], ["cancel-end-of-period", "subs.cancelEnd"], ["cancel-now", "subs.cancelNow"]],
  UNPAID: [["cancel-now", "subs.cancelNow"]],
  PAUSE: [["resume", "subs.resume"], ["cancel-now", "subs.cancelNow"]],
  PENDING_CANCEL: [["resume", "subs.resume"]],
};

/** Every subscription ended (CANCELED and EXPIRED are final at StepPay); none yet may still come. */
function allEnded(list: SubscriptionView[]): boolean {
  return list.length > 0 && list.every((s) => s.status === "CANCELED" || s.status === "EXPIRED");
}

/** The subscriber's subscriptions, polled from the store (which follows StepPay by webhook). */
export function SubscriptionList({ token, initial }: { token: string; initial: SubscriptionView[] }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const hydrated = useHydrated();
  const { data, mutate } = useSWR(
    ["/api/subscriptions", token],
    async ([url, tok]) => {
      const response = await fetch(url, { headers: { "x-subscriber-token": tok }, cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return ((await response.json()) as { subscriptions: SubscriptionView[] }).subscriptions;
    },
    // Polled for changes made elsewhere (a renewal, StepPay's dashboard), until every one has ended.
    { fallbackData: initial, refreshInterval: (latest) => (allEnded(latest ?? initial) ? 0 : 2000) },
  );
  const list = data ?? initial;

  async function act(id: number, action: string) {
    setBusy(`${id}:${action}`);
    setError(null);
    try {
      const response = await fetch(`/api/subscriptions/${id}/${action}`, { method: "POST", headers: { "x-subscriber-token": token } });
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      if (!response.ok) {
        const message = t("subs.error", { message: body?.error?.message ?? `HTTP ${response.status}` });
        // StepPay refusing the change (a 4xx) stays on the page; a failure to reach it is a toast.
        if (response.status >= 500) toast(message);
        else setError(message);
      }
      await mutate();
    } catch {
      toast(t("checkout.networkError"));
    } finally {
      setBusy(null);
    }
  }

  const date = (value: string | null) => (value ? new Date(value).toLocaleDateString(locale === "ko" ? "ko-KR" : "en-US", { dateStyle: "medium" }) : "—");

  if (list.length === 0) return <p className="rounded-2xl border border-cream-200 bg-white p-6">{t("subs.none")}</p>;
  return (
    <div className="space-y-6">
      {error && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error}
        </p>
      )}
      {list.map((sub) => {
        const label = (key: string) => t(`substatus.${key}` as MessageKey) ?? key;
        const actions = ACTIONS[sub.status] ?? []; // none once CANCELED or EXPIRED
        return (
          <article key={sub.id} aria-labelledby={`sub-${sub.id}`} className="space-y-4 rounded-2xl border border-cream-200 bg-white p-5" data-subscription={sub.id}>
            <div className="flex flex-wrap items-center gap-4">
              {sub.image && <Image src={sub.image} alt="" width={64} height={64} className="rounded-lg bg-cream-100" />}
              <div className="flex-1">
                <h2 id={`sub-${sub.id}`} className="font-serif text-xl font-semibold">{sub.name[locale]}</h2>
                <p className="text-sm text-roast-600">{formatMoney(sub.renewalAmount, sub.currency, locale)} · {sub.interval ? t(`product.per${sub.interval}` as MessageKey) : ""}</p>
              </div>
              <span className="rounded-full bg-cream-100 px-3 py-1 text-sm font-semibold" data-testid="subscription-status">
                {label(sub.status)}
              </span>
            </div>
            <dl className="grid grid-cols-3 gap-3 text-sm">
              <div>
                <dt className="text-roast-600">{t("subs.started")}</dt>
                <dd>{date(sub.startDate)}</dd>
              </div>
              <div>
                <dt className="text-roast-600">{t("subs.last")}</dt>
                <dd>{date(sub.lastPaymentDate)}</dd>
              </div>
              <div>
                <dt className="text-roast-600">{t("subs.next")}</dt>
                <dd>{date(sub.nextPaymentDate)}</dd>
              </div>
            </dl>
            <section aria-label={t("subs.renewals")}>
              <h3 className="mb-2 text-sm font-semibold">{t("subs.renewals")}</h3>
              {sub.renewals.length === 0 ? (
                <p className="text-sm text-roast-600">{t("subs.noRenewals")}</p>
              ) : (
                <ul className="divide-y divide-cream-200 rounded-lg border border-cream-200 text-sm">
                  {sub.renewals.map((renewal) => (
                    <li key={renewal.orderCode} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2" data-testid="renewal">
                      <span className="font-mono text-xs">{renewal.orderCode}</span>
                      <span>{formatMoney(renewal.amount, "KRW", locale)}</span>
                      <span className="font-semibold" data-testid="renewal-status">
                        {t(`status.${renewal.status}` as MessageKey)}
                      </span>
                      {renewal.failure && <span className="w-full text-xs text-red-800">{renewal.failure}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {actions.length > 0 && (
              <div className="flex flex-wrap gap-2">
                {actions.map(([action, key]) => (
                  <button
                    key={action}
                    type="button"
                    disabled={busy !== null || !hydrated}
                    onClick={() => act(sub.id, action)}
                    className={`rounded-lg px-4 py-2 text-sm font-semibold disabled:opacity-60 ${action === "cancel-now" ? "border border-red-300 text-red-800 hover:bg-red-50" : "border border-roast-600 hover:bg-cream-100"}`}
                  >
                    {busy === `${sub.id}:${action}` ? t("subs.working") : t(key)}
                  </button>
                ))}
              </div>
            )}
          </article>
        );
      })}
    </div>
  );
}
