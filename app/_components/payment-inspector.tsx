"use client";

import useSWR from "swr";
import type { MessageKey } from "@/lib/i18n/messages";
import type { RecordedExchange as Exchange } from "@/lib/payments/exchange-log";
import type { VerificationCheck as Check } from "@/lib/providers/types";
import { useI18n } from "./i18n-provider";

type TimelineEvent = {
  id: number;
  type: string;
  summary: string;
  at: string;
  data: (Record<string, unknown> & { exchanges?: Exchange[]; checks?: Check[] }) | null;
};

// What each provider's calls carry, with every secret value masked: the recorder never sees them.
const SENT_HEADERS: Record<string, string> = {
  steppay: "Secret-Token: •••••••• (redacted)\ncontent-type: application/json",
  unifipay: "X-AppId: ••••\nX-API-Key: •••• (redacted)\nX-Timestamp: <epoch ms>\nX-Authorization-Hmac: •••• (signature, redacted)\ncontent-type: application/json",
};

const SOURCES = new Set(["return", "callback", "webhook", "reconciler", "manual"]);

async function fetchTimeline(url: string): Promise<TimelineEvent[]> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { events: TimelineEvent[] }).events;
}

function json(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return text.length > 6000 ? `${text.slice(0, 6000)}\n…` : text;
}

/**
 * "How this payment worked": the order's recorded timeline, as a sequence of who talked to whom,
 * with each provider call's bodies and each verification's reasons. Polls while pending.
 */
export function PaymentInspector({ orderId, pending, status }: { orderId: string; pending: boolean; status: string }) {
  const { t, locale } = useI18n();
  const { data: events } = useSWR([`/api/orders/${orderId}/timeline`, status], ([url]) => fetchTimeline(url), {
    refreshInterval: pending ? 2000 : 0,
    // A new status is a new key: keep the steps on screen while they are read again, or the panel
    // would collapse to "no steps yet" for a moment and the page below it jump.
    keepPreviousData: true,
  });
  const first = events?.[0] ? new Date(events[0].at).getTime() : 0;
  const time = (at: string) =>
    `${new Date(at).toLocaleTimeString(locale === "ko" ? "ko-KR" : "en-US", { hour12: false })} · +${((new Date(at).getTime() - first) / 1000).toFixed(2)} s`;

  return (
    <details open className="rounded-2xl border border-cream-200 bg-white" aria-label={t("inspector.title")}>
      <summary className="cursor-pointer list-none rounded-2xl px-5 py-4 font-semibold hover:bg-cream-50">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-2 inline h-4 w-4 align-[-3px] fill-none stroke-current stroke-2">
          <circle cx="7" cy="7" r="4.5" />
          <path d="m10.5 10.5 4 4" strokeLinecap="round" />
        </svg>
        {t("inspector.title")}
        {pending && <span className="ml-2 text-xs font-normal text-roast-600">{t("inspector.live")}</span>}
      </summary>
      <div className="space-y-4 border-t border-cream-200 px-5 py-4">
        <p className="text-sm text-roast-600">{t("inspector.intro")}</p>
        {!events?.length ? (
          <p className="text-sm">{t("inspector.empty")}</p>
        ) : (
          <ol className="relative space-y-4 border-l-2 border-cream-200 pl-5">
            {events.map((event) => {
              const source = typeof event.data?.source === "string" && SOURCES.has(event.data.source) ? event.data.source : null;
              return (
                <li key={event.id} className="relative" data-event={event.type}>
                  <span className="absolute -left-[27px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-roast-600" aria-hidden="true" />
                  <p className="text-xs text-roast-600">{time(event.at)}</p>
                  {source && (
                    <p className="text-xs font-semibold uppercase tracking-wide text-celadon-700">{t(`inspector.source.${source}` as MessageKey)}</p>
                  )}
                  <p className="text-sm font-medium">{event.summary}</p>
                  {typeof event.data?.hint === "string" && (
                    <p className="text-xs text-roast-600">
                      {t("inspector.hint")}: <code>{event.data.hint}</code>
                    </p>
                  )}
                  {typeof event.data?.from === "string" && typeof event.data?.to === "string" && (
                    <p className="text-xs">
                      {t("inspector.transition")}: <code>{event.data.from}</code> → <code>{event.data.to}</code>
                    </p>
                  )}
                  {event.data?.checks && event.data.checks.length > 0 && (
                    <table className="mt-2 w-full text-left text-xs">
                      <caption className="sr-only">{t("inspector.checks")}</caption>
                      <thead className="text-roast-600">
                        <tr>
                          <th scope="col" className="py-1 pr-2 font-medium">{t("inspector.field")}</th>
                          <th scope="col" className="py-1 pr-2 font-medium">{t("inspector.expected")}</th>
                          <th scope="col" className="py-1 pr-2 font-medium">{t("inspector.actual")}</th>
                          <th scope="col" className="py-1 font-medium"><span className="sr-only">OK</span></th>
                        </tr>
                      </thead>
                      <tbody>
                        {event.data.checks.map((check) => (
                          <tr key={check.field} className="border-t border-cream-100" data-check={check.field} data-ok={check.ok}>
                            <td className="py-1 pr-2 font-mono">{check.field}</td>
                            <td className="py-1 pr-2 font-mono break-all">{check.expected}</td>
                            <td className="py-1 pr-2 font-mono break-all">{check.actual ?? "null"}</td>
                            <td className={`py-1 font-semibold ${check.ok ? "text-celadon-700" : "text-red-700"}`}>{check.ok ? "✓" : "✗"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {event.data?.exchanges?.map((exchange, index) => (
                    <details key={index} className="mt-2 rounded-lg border border-cream-200 bg-cream-50 text-xs">
                      <summary className="cursor-pointer px-3 py-2 font-mono break-all">
                        <span className="rounded bg-roast-700 px-1.5 py-0.5 text-[10px] font-sans font-semibold uppercase text-cream-50">
                          {t("inspector.lane.store")} → {exchange.provider === "unifipay" ? "Unifi Pay" : "StepPay"}
                        </span>{" "}
                        {exchange.method} {exchange.path} · <strong>{exchange.status ?? exchange.error ?? "—"}</strong> · {exchange.durationMs} ms
                      </summary>
                      <div className="space-y-2 px-3 pb-3">
                        <p className="font-semibold">{t("inspector.headers")}</p>
                        <pre className="overflow-x-auto rounded bg-white p-2">{SENT_HEADERS[exchange.provider] ?? ""}</pre>
                        {exchange.stringToSign !== undefined && (
                          <>
                            <p className="font-semibold">{t("inspector.stringToSign")}</p>
                            <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-white p-2" data-testid="string-to-sign">{exchange.stringToSign}</pre>
                          </>
                        )}
                        <p className="font-semibold">{t("inspector.request")}</p>
                        <pre className="max-h-60 overflow-auto rounded bg-white p-2">{json(exchange.requestBody)}</pre>
                        <p className="font-semibold">{t("inspector.response")}</p>
                        <pre className="max-h-60 overflow-auto rounded bg-white p-2">{exchange.error ?? json(exchange.responseBody)}</pre>
                      </div>
                    </details>
                  ))}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </details>
  );
}
