import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { listRuns } from "@/lib/sandbox/scenarios/scenario-runs";
import { getFaultSwitch, FAULT_MODES, type FaultSwitch } from "@/lib/sandbox/shared/faults";
import { chosenPanelLocale, panelCopy, panelLocale, withPanelLang, type PanelCopy, type PanelLocale } from "@/lib/sandbox/shared/panel-copy";
import { clockOffsetMs } from "@/lib/sandbox/steppay/clock";
import { listControlSubscriptions, type ControlOrder, type ControlSubscription } from "@/lib/sandbox/steppay/control";
import { openStepPaySandbox } from "@/lib/sandbox/steppay/sandbox-gate";
import { listWebhookDeliveries, type WebhookLogEntry } from "@/lib/sandbox/steppay/webhook-deliveries";
import { getWebhookSettings, WEBHOOK_FORMATS, type StepPayWebhookSettings } from "@/lib/sandbox/steppay/webhook-settings";
import { listSandboxDeliveries, type DeliveryLogEntry } from "@/lib/sandbox/unifipay/deliveries";
import { openUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";
import { AutoRefresh } from "./auto-refresh";
import { LanguageSwitch } from "./language-switch";
import { PanelProblem } from "./panel-problem";
import { DemoScenariosSection } from "./scenarios/demo-scenarios-section";

/**
 * The sandbox control panel (`${SANDBOX_ORIGIN}/sandbox`): what a provider's merchant dashboard
 * would show in test mode, plus the sandbox's own levers (the clock, failures, faults). Every
 * button is a plain HTML form posting to a control endpoint, which answers 303 back here, so the
 * panel works without JavaScript; a tiny client component refreshes it every few seconds.
 *
 * In English or Korean (lib/sandbox/shared/panel-copy.ts): the browser's Accept-Language, or the
 * presenter's choice (?lang=en|ko), which every form and link on the panel then carries along.
 */
export const dynamic = "force-dynamic";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The panel's language: `?lang=` first, then the browser's; `chosen` only when the presenter picked one. */
async function languageOf(searchParams: PageProps["searchParams"]): Promise<{ locale: PanelLocale; chosen: PanelLocale | null }> {
  const lang = (await searchParams).lang;
  const param = typeof lang === "string" ? lang : undefined;
  return { locale: panelLocale(param, (await headers()).get("accept-language")), chosen: chosenPanelLocale(param) };
}

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const copy = panelCopy((await languageOf(searchParams)).locale);
  return { title: { absolute: `${copy.title} ${copy.testMode}` }, robots: { index: false, follow: false } };
}

const STEPPAY_CONTROL = "/sandbox/steppay/control";
const UNIFI_CONTROL = "/sandbox/unifipay/control";
const REFRESH_MS = 4_000;
const SCENARIO_RUNS_SHOWN = 12;

type StepPayPanel = {
  now: Date;
  offsetMs: number;
  subscriptions: ControlSubscription[];
  deliveries: WebhookLogEntry[];
  settings: StepPayWebhookSettings;
  fault: FaultSwitch;
};
type UnifiPanel = { deliveries: DeliveryLogEntry[]; fault: FaultSwitch };

async function loadStepPay(): Promise<StepPayPanel> {
  const offsetMs = await clockOffsetMs();
  const [subscriptions, deliveries, settings, fault] = await Promise.all([
    listControlSubscriptions({ limit: 50 }),
    listWebhookDeliveries({ limit: 40 }),
    getWebhookSettings(),
    getFaultSwitch("steppay"),
  ]);
  return { now: new Date(Date.now() + offsetMs), offsetMs, subscriptions, deliveries: deliveries.reverse(), settings, fault };
}

async function loadUnifi(): Promise<UnifiPanel> {
  const [deliveries, fault] = await Promise.all([listSandboxDeliveries(), getFaultSwitch("unifipay")]);
  return { deliveries: deliveries.reverse().slice(0, 25), fault };
}

export default async function SandboxControlPanel({ searchParams }: PageProps) {
  await connection(); // live data: never prerender or cache
  // Opening a wing also starts this process's scheduler and senders.
  const steppayOn = openStepPaySandbox();
  const unifiOn = openUnifiSandbox();
  if (!steppayOn && !unifiOn) notFound();
  const query = await searchParams;
  const notice = typeof query.notice === "string" ? query.notice : null;
  const problem = typeof query.problem === "string" ? query.problem : null;
  const confirmReset = query.reset === "confirm";
  const { locale, chosen } = await languageOf(searchParams);
  const copy = panelCopy(locale);
  const at = (path: string) => withPanelLang(path, chosen);
  const [steppay, unifi, scenarioRuns] = await Promise.all([
    steppayOn ? loadStepPay() : null,
    unifiOn ? loadUnifi() : null,
    listRuns(SCENARIO_RUNS_SHOWN, new Date(), copy),
  ]);
  const view: PanelView = { copy, at };

  // The document's own lang follows the store's choice of language (the root layout); the panel
  // says which language it is in itself, like the Unifi Pay start page.
  return (
    <div lang={copy.htmlLang} className="min-h-screen bg-slate-100 text-slate-900">
      <AutoRefresh everyMs={REFRESH_MS} />
      <header className="border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6">
          <div className="flex items-center gap-3">
            <span aria-hidden="true" className="grid size-9 place-items-center rounded-lg bg-indigo-500 text-lg font-black">
              S
            </span>
            <h1 className="text-lg font-bold tracking-tight">
              {copy.title} <span className="font-medium text-slate-300">{copy.testMode}</span>
            </h1>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <LanguageSwitch label={copy.language} current={locale} href={(option) => `/sandbox?lang=${option}`} activeClass="bg-white text-slate-900" />
            <p className="rounded-full bg-amber-400 px-3 py-1 text-xs font-bold tracking-wide text-amber-950 uppercase">{copy.noRealMoney}</p>
          </div>
        </div>
      </header>

      <main className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
        {notice ? (
          <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            {notice}
          </p>
        ) : null}
        {problem ? <PanelProblem key={problem} message={problem} labels={{ region: copy.messages, dismiss: copy.dismiss }} /> : null}

        <DemoScenariosSection runs={scenarioRuns} wings={{ steppay: steppayOn, unifipay: unifiOn }} confirmReset={confirmReset} copy={copy} lang={chosen} />

        {steppay ? (
          <>
            <ClockSection panel={steppay} view={view} />
            <SubscriptionsSection subscriptions={steppay.subscriptions} view={view} />
            <WebhooksSection deliveries={steppay.deliveries} view={view} />
            <WebhookSettingsSection settings={steppay.settings} view={view} />
          </>
        ) : null}

        <section aria-labelledby="faults-heading" className={card}>
          <h2 id="faults-heading" className={heading}>
            {copy.faults.heading}
          </h2>
          <p className={hint}>{copy.faults.hint}</p>
          <div className="mt-4 grid gap-4 lg:grid-cols-2">
            {steppay ? <FaultForm wing="steppay" label="StepPay" action={`${STEPPAY_CONTROL}/faults`} fault={steppay.fault} view={view} /> : null}
            {unifi ? <FaultForm wing="unifipay" label="Unifi Pay" action={`${UNIFI_CONTROL}/faults`} fault={unifi.fault} view={view} /> : null}
          </div>
        </section>

        {unifi ? <UnifiCallbacksSection deliveries={unifi.deliveries} view={view} /> : null}
      </main>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Sections

/** What every section needs: the words, and `at` for a form target that keeps the chosen language. */
type PanelView = { copy: PanelCopy; at: (path: string) => string };

const card = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6";
const heading = "text-base font-semibold text-slate-900";
const hint = "mt-1 text-sm text-slate-600";
const button = "rounded-md px-3 py-1.5 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-40";
const primary = `${button} bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600`;
const secondary = `${button} bg-white text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50`;
const danger = `${button} bg-white text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50`;
const field = "mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600";
const labelText = "block text-sm font-medium text-slate-700";
const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase";
const td = "px-3 py-2 align-top text-sm";

function ClockSection({ panel, view: { copy, at } }: { panel: StepPayPanel; view: PanelView }) {
  const days = Math.round(panel.offsetMs / 86_400_000);
  return (
    <section id="clock" aria-labelledby="clock-heading" className={card}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="clock-heading" className={heading}>
            {copy.clock.heading}
          </h2>
          <p className="mt-2 text-2xl font-bold tabular-nums">
            <time dateTime={panel.now.toISOString()}>{formatKst(panel.now)}</time>
          </p>
          <p className={hint}>
            {panel.offsetMs === 0 ? copy.clock.realTime : copy.clock.offset(days)} {copy.clock.hint}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <form method="post" action={at(`${STEPPAY_CONTROL}/clock/advance`)}>
            <input type="hidden" name="interval" value="MONTH" />
            <input type="hidden" name="count" value="1" />
            <button type="submit" className={primary}>
              {copy.clock.advanceMonth}
            </button>
          </form>
          <form method="post" action={at(`${STEPPAY_CONTROL}/clock/advance`)}>
            <input type="hidden" name="interval" value="DAY" />
            <input type="hidden" name="count" value="1" />
            <button type="submit" className={secondary}>
              {copy.clock.advanceDay}
            </button>
          </form>
          <form method="post" action={at(`${STEPPAY_CONTROL}/clock/reset`)}>
            <button type="submit" className={secondary}>
              {copy.clock.reset}
            </button>
          </form>
        </div>
      </div>
    </section>
  );
}

const STATUS_TONES: Record<string, string> = {
  ACTIVE: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  UNPAID: "bg-amber-50 text-amber-900 ring-amber-300",
  PENDING_PAUSE: "bg-sky-50 text-sky-800 ring-sky-200",
  PENDING_CANCEL: "bg-sky-50 text-sky-800 ring-sky-200",
  PAUSE: "bg-slate-100 text-slate-700 ring-slate-300",
  CANCELED: "bg-red-50 text-red-800 ring-red-200",
  EXPIRED: "bg-red-50 text-red-800 ring-red-200",
};

function Badge({ tone, children }: { tone: string; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`}>{children}</span>;
}

/**
 * A panel card holding one log or list as a table: heading, hint, and either the "none yet" line
 * or the table with its screen-reader caption and column headings. Rows are the caller's.
 */
function TableSection({
  id,
  words,
  columns,
  rowCount,
  children,
}: {
  id: string;
  words: { heading: string; hint: string; none: string; caption: string };
  columns: React.ReactNode[];
  rowCount: number;
  children: React.ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className={card}>
      <h2 id={`${id}-heading`} className={heading}>
        {words.heading}
      </h2>
      <p className={hint}>{words.hint}</p>
      {rowCount === 0 ? (
        <p className="mt-4 text-sm text-slate-600">{words.none}</p>
      ) : (
        <div className="relative mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">{words.caption}</caption>
            <thead>
              <tr>
                {columns.map((column, index) => (
                  <th key={index} scope="col" className={th}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A delivery's state badge, with what its last attempt got back. */
function DeliveryStateCell({ state, last, copy }: { state: string; last: { statusCode: number | null; error: string | null } | undefined; copy: PanelCopy }) {
  return (
    <td className={td}>
      <Badge tone={STATE_TONES[state] ?? STATE_TONES.pending!}>{copy.deliveryState[state] ?? state}</Badge>
      {last ? <span className="mt-1 block text-xs text-slate-600">{last.statusCode !== null ? `HTTP ${last.statusCode}` : last.error}</span> : null}
    </td>
  );
}

function SubscriptionsSection({ subscriptions, view }: { subscriptions: ControlSubscription[]; view: PanelView }) {
  const words = view.copy.subscriptions;
  const c = words.columns;
  return (
    <TableSection
      id="subscriptions"
      words={words}
      rowCount={subscriptions.length}
      columns={[c.subscription, c.customer, c.plan, c.status, c.nextPayment, c.history, <span className="sr-only">{c.actions}</span>]}
    >
      {subscriptions.map((s) => (
        <SubscriptionRow key={s.id} subscription={s} view={view} />
      ))}
    </TableSection>
  );
}

function SubscriptionRow({ subscription: s, view: { copy, at } }: { subscription: ControlSubscription; view: PanelView }) {
  const words = copy.subscriptions;
  const final = s.status === "CANCELED" || s.status === "EXPIRED";
  const renewable = s.status === "ACTIVE" || s.status === "UNPAID";
  const orders = [...(s.initialOrder ? [s.initialOrder] : []), ...s.renewalOrders].slice(-5);
  return (
    <tr>
      <th scope="row" className={`${td} text-left font-semibold whitespace-nowrap`}>
        #{s.id}
        <span className="block text-xs font-normal text-slate-500">{words.timesPaid(s.recurringCount)}</span>
      </th>
      <td className={td}>
        <span className="block font-medium">{s.customer.name}</span>
        <span className="block text-xs text-slate-500">{s.customer.email}</span>
      </td>
      <td className={td}>
        <span className="block">
          {s.plan.productName} · {s.plan.planName}
        </span>
        <span className="block text-xs text-slate-500">
          {formatKrw(s.plan.amount)} {words.every(s.plan.interval, s.plan.intervalCount)}
        </span>
      </td>
      <td className={td}>
        <Badge tone={STATUS_TONES[s.status] ?? "bg-slate-100 text-slate-700 ring-slate-300"}>{s.status}</Badge>
        {s.failNextRenewals > 0 ? <span className="mt-1 block text-xs font-medium text-amber-800">{words.nextDeclined}</span> : null}
        {s.status === "UNPAID" ? <span className="mt-1 block text-xs text-slate-600">{words.failedCharges(s.failedRenewalAttempts)}</span> : null}
      </td>
      <td className={`${td} whitespace-nowrap tabular-nums`}>
        {s.nextPaymentDate ? <time dateTime={s.nextPaymentDate}>{formatKst(new Date(s.nextPaymentDate))}</time> : "—"}
        {s.status === "PENDING_CANCEL" && s.endDate ? <span className="block text-xs text-slate-500">
            {words.ends} {formatKst(new Date(s.endDate))}
          </span> : null}
      </td>
      <td className={td}>
        <ol className="space-y-0.5 text-xs">
          {orders.map((order) => (
            <OrderLine key={order.id} order={order} copy={copy} />
          ))}
        </ol>
      </td>
      <td className={`${td} whitespace-nowrap`}>
        <div className="flex flex-col gap-1.5">
          <form method="post" action={at(`${STEPPAY_CONTROL}/subscriptions/${s.id}/renew`)}>
            <button type="submit" className={`${primary} w-full`} disabled={!renewable}>
              {words.renewNow}
            </button>
          </form>
          <form method="post" action={at(`${STEPPAY_CONTROL}/subscriptions/${s.id}/fail-next`)}>
            <button type="submit" className={`${danger} w-full`} disabled={final}>
              {words.failNext}
            </button>
          </form>
        </div>
      </td>
    </tr>
  );
}

function OrderLine({ order, copy }: { order: ControlOrder; copy: PanelCopy }) {
  const kind = order.type === "RECURRING_INITIAL" ? copy.subscriptions.firstPayment : copy.subscriptions.renewal;
  return (
    <li>
      <span className={order.paid ? "text-emerald-700" : "text-red-700"}>{order.paid ? "✓" : "✕"}</span>{" "}
      <span className="tabular-nums">{order.paymentDate ? formatKst(new Date(order.paymentDate), { seconds: false }) : formatKst(new Date(order.createdAt), { seconds: false })}</span> · {kind} ·{" "}
      {order.paid ? formatKrw(order.paidAmount) : `${copy.subscriptions.declined}${order.errorCode ? ` (${order.errorCode})` : ""}`}{" "}
      <span className="text-slate-500">#{order.id}</span>
    </li>
  );
}

const STATE_TONES: Record<string, string> = {
  delivered: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  pending: "bg-sky-50 text-sky-800 ring-sky-200",
  gave_up: "bg-red-50 text-red-800 ring-red-200",
};

function WebhooksSection({ deliveries, view: { copy, at } }: { deliveries: WebhookLogEntry[]; view: PanelView }) {
  const words = copy.webhooks;
  const c = words.columns;
  return (
    <TableSection
      id="webhooks"
      words={words}
      rowCount={deliveries.length}
      columns={[c.time, c.event, c.format, c.status, c.attempts, <span className="sr-only">{c.actions}</span>]}
    >
      {deliveries.map((d) => (
        <tr key={d.id}>
          <td className={`${td} whitespace-nowrap tabular-nums`}>
            <time dateTime={d.createdAt}>{formatKst(new Date(d.createdAt), { date: false })}</time>
          </td>
          <th scope="row" className={`${td} text-left font-medium`}>
            {d.event}
            <span className="block text-xs font-normal text-slate-500">
              {[
                d.orderId ? words.order(d.orderId) : null,
                d.subscriptionId ? words.subscription(d.subscriptionId) : null,
                d.duplicateOf ? words.duplicateOf(d.duplicateOf) : null,
                d.replayOf ? words.replayOf(d.replayOf) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </th>
          <td className={td}>{d.format}</td>
          <DeliveryStateCell state={d.state} last={d.attempts.at(-1)} copy={copy} />
          <td className={`${td} tabular-nums`}>{d.attemptCount}</td>
          <td className={td}>
            {d.attempts.length > 0 ? (
              <form method="post" action={at(`${STEPPAY_CONTROL}/webhooks/${d.id}/replay`)}>
                <button type="submit" className={secondary}>
                  {words.replay}
                </button>
              </form>
            ) : null}
          </td>
        </tr>
      ))}
    </TableSection>
  );
}

function WebhookSettingsSection({ settings, view: { copy, at } }: { settings: StepPayWebhookSettings; view: PanelView }) {
  const words = copy.settings;
  return (
    <section id="webhook-settings" aria-labelledby="webhook-settings-heading" className={card}>
      <h2 id="webhook-settings-heading" className={heading}>
        {words.heading}
      </h2>
      <form method="post" action={at(`${STEPPAY_CONTROL}/settings`)} className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="webhook-format" className={labelText}>
            {words.format}
          </label>
          <select id="webhook-format" name="webhookFormat" defaultValue={settings.webhookFormat} className={field}>
            {WEBHOOK_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format === "both" ? words.both : format}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="webhook-duplicates" className={labelText}>
            {words.duplicateRate}
          </label>
          <input id="webhook-duplicates" name="duplicateRate" type="number" min={0} max={1} step={0.05} defaultValue={settings.duplicateRate} className={field} />
        </div>
        <div>
          <label htmlFor="webhook-shuffle" className={labelText}>
            {words.shuffle}
          </label>
          <input id="webhook-shuffle" name="shuffleMs" type="number" min={0} max={60_000} step={50} defaultValue={settings.shuffleMs} className={field} />
        </div>
        <div>
          <label htmlFor="webhook-url" className={labelText}>
            {words.url}
          </label>
          <input id="webhook-url" name="webhookUrl" type="url" defaultValue={settings.webhookUrl} className={field} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="webhook-keys" className={labelText}>
            {words.keys}
          </label>
          <textarea id="webhook-keys" name="extraWebhookKeys" rows={2} defaultValue={settings.extraWebhookKeys.join("\n")} className={field} aria-describedby="webhook-keys-hint" />
          <p id="webhook-keys-hint" className="mt-1 text-xs text-slate-500">
            {words.keysHint}
          </p>
        </div>
        <div className="flex items-end sm:col-span-2">
          <button type="submit" className={primary}>
            {words.save}
          </button>
        </div>
      </form>
    </section>
  );
}

function FaultForm({ wing, label, action, fault, view: { copy, at } }: { wing: "steppay" | "unifipay"; label: string; action: string; fault: FaultSwitch; view: PanelView }) {
  const id = (name: string) => `fault-${wing}-${name}`;
  const words = copy.faults;
  return (
    <div id={`faults-${wing}`} className="rounded-lg border border-slate-200 p-4">
      <h3 className="text-sm font-semibold">{words.api(label)}</h3>
      <p className="mt-1 text-sm text-slate-600">
        {fault.mode === "none" ? words.none : words.armed(fault.mode, fault.count, fault.mode === "timeout" || fault.mode === "slow" ? fault.delayMs : null, fault.paths)}
      </p>
      <form method="post" action={at(action)} className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={id("mode")} className={labelText}>
            {words.mode(label)}
          </label>
          <select id={id("mode")} name="mode" defaultValue={fault.mode === "none" ? "http500" : fault.mode} className={field}>
            {FAULT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("count")} className={labelText}>
            {words.count}
          </label>
          <input id={id("count")} name="count" type="number" min={1} placeholder={words.untilReset} className={field} />
        </div>
        <div>
          <label htmlFor={id("delay")} className={labelText}>
            {words.delay}
          </label>
          <input id={id("delay")} name="delayMs" type="number" min={0} max={120_000} placeholder="15000 / 2000" className={field} />
        </div>
        <div>
          <label htmlFor={id("paths")} className={labelText}>
            {words.paths}
          </label>
          <input id={id("paths")} name="paths" type="text" placeholder="/api/v1/orders" className={field} />
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className={primary}>
            {words.set(label)}
          </button>
        </div>
      </form>
      <form method="post" action={at(action)} className="mt-2">
        <input type="hidden" name="mode" value="none" />
        <button type="submit" className={secondary} disabled={fault.mode === "none"}>
          {words.reset(label)}
        </button>
      </form>
    </div>
  );
}

function UnifiCallbacksSection({ deliveries, view: { copy } }: { deliveries: DeliveryLogEntry[]; view: PanelView }) {
  const words = copy.callbacks;
  const c = words.columns;
  return (
    <TableSection id="unifi-callbacks" words={words} rowCount={deliveries.length} columns={[c.time, c.transaction, c.paymentStatus, c.delivery, c.attempts]}>
      {deliveries.map((d) => {
        const payload = d.payload as { status?: string; orderId?: string };
        return (
          <tr key={d.id}>
            <td className={`${td} whitespace-nowrap tabular-nums`}>
              <time dateTime={d.createdAt}>{formatKst(new Date(d.createdAt), { date: false })}</time>
            </td>
            <th scope="row" className={`${td} text-left font-mono text-xs font-normal`}>
              {d.transactionId}
              <span className="block font-sans text-slate-500">
                {words.order(payload.orderId ?? "?")}
                {d.duplicateOf ? ` · ${words.duplicateOf(d.duplicateOf)}` : ""}
              </span>
            </th>
            <td className={td}>{payload.status ?? "?"}</td>
            <DeliveryStateCell state={d.state} last={d.attempts.at(-1)} copy={copy} />
            <td className={`${td} tabular-nums`}>{d.attemptCount}</td>
          </tr>
        );
      })}
    </TableSection>
  );
}

// ---------------------------------------------------------------------------------------------
// Formatting: StepPay is a Korean provider, so its dashboard shows Korea Standard Time.

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

function formatKst(date: Date, options: { date?: boolean; seconds?: boolean } = {}): string {
  const iso = new Date(date.getTime() + KST_OFFSET_MS).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  const time = iso.slice(11, options.seconds === false ? 16 : 19);
  return `${options.date === false ? "" : `${iso.slice(0, 10)} `}${time} KST`;
}

function formatKrw(amount: number): string {
  return `₩${amount.toLocaleString("en-US")}`;
}
