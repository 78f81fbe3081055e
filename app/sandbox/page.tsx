import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { listRuns } from "@/lib/sandbox/scenarios/scenario-runs";
import { getFaultSwitch, FAULT_MODES, type FaultSwitch } from "@/lib/sandbox/shared/faults";
import { clockOffsetMs } from "@/lib/sandbox/steppay/clock";
import { listControlSubscriptions, type ControlOrder, type ControlSubscription } from "@/lib/sandbox/steppay/control";
import { openStepPaySandbox } from "@/lib/sandbox/steppay/sandbox-gate";
import { listWebhookDeliveries, type WebhookLogEntry } from "@/lib/sandbox/steppay/webhook-deliveries";
import { getWebhookSettings, WEBHOOK_FORMATS, type StepPayWebhookSettings } from "@/lib/sandbox/steppay/webhook-settings";
import { listSandboxDeliveries, type DeliveryLogEntry } from "@/lib/sandbox/unifipay/deliveries";
import { openUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";
import { AutoRefresh } from "./auto-refresh";
import { DemoScenariosSection } from "./scenarios/demo-scenarios-section";

/**
 * The sandbox control panel (`${SANDBOX_ORIGIN}/sandbox`): what a provider's merchant dashboard
 * would show in test mode, plus the sandbox's own levers (the clock, failures, faults). Every
 * button is a plain HTML form posting to a control endpoint, which answers 303 back here, so the
 * panel works without JavaScript; a tiny client component refreshes it every few seconds.
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { absolute: "Sandbox control panel · test mode" },
  robots: { index: false, follow: false },
};

const STEPPAY_CONTROL = "/sandbox/steppay/control";
const UNIFI_CONTROL = "/sandbox/unifipay/control";
const REFRESH_MS = 4_000;
const SCENARIO_RUNS_SHOWN = 12;

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

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
  const [steppay, unifi, scenarioRuns] = await Promise.all([steppayOn ? loadStepPay() : null, unifiOn ? loadUnifi() : null, listRuns(SCENARIO_RUNS_SHOWN)]);

  return (
    <div className="min-h-screen bg-slate-100 text-slate-900">
      <AutoRefresh everyMs={REFRESH_MS} />
      <header className="border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6">
          <div className="flex items-center gap-3">
            <span aria-hidden="true" className="grid size-9 place-items-center rounded-lg bg-indigo-500 text-lg font-black">
              S
            </span>
            <h1 className="text-lg font-bold tracking-tight">
              Sandbox control panel <span className="font-medium text-slate-300">· test mode</span>
            </h1>
          </div>
          <p className="rounded-full bg-amber-400 px-3 py-1 text-xs font-bold tracking-wide text-amber-950 uppercase">Test mode · no real money</p>
        </div>
      </header>

      <main className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
        {notice ? (
          <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            {notice}
          </p>
        ) : null}
        {problem ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            {problem}
          </p>
        ) : null}

        <DemoScenariosSection runs={scenarioRuns} wings={{ steppay: steppayOn, unifipay: unifiOn }} confirmReset={confirmReset} />

        {steppay ? (
          <>
            <ClockSection panel={steppay} />
            <SubscriptionsSection subscriptions={steppay.subscriptions} />
            <WebhooksSection deliveries={steppay.deliveries} />
            <WebhookSettingsSection settings={steppay.settings} />
          </>
        ) : null}

        <section aria-labelledby="faults-heading" className={card}>
          <h2 id="faults-heading" className={heading}>
            Fault switches
          </h2>
          <p className={hint}>
            Make a provider&apos;s API misbehave for the store&apos;s reliability tests. Only API requests are affected, never the hosted payment pages
            or this panel.
          </p>
          <div className="mt-4 grid gap-4 lg:grid-cols-2">
            {steppay ? <FaultForm wing="steppay" label="StepPay" action={`${STEPPAY_CONTROL}/faults`} fault={steppay.fault} /> : null}
            {unifi ? <FaultForm wing="unifipay" label="Unifi Pay" action={`${UNIFI_CONTROL}/faults`} fault={unifi.fault} /> : null}
          </div>
        </section>

        {unifi ? <UnifiCallbacksSection deliveries={unifi.deliveries} /> : null}
      </main>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Sections

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

function ClockSection({ panel }: { panel: StepPayPanel }) {
  const days = Math.round(panel.offsetMs / 86_400_000);
  return (
    <section id="clock" aria-labelledby="clock-heading" className={card}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="clock-heading" className={heading}>
            Sandbox clock
          </h2>
          <p className="mt-2 text-2xl font-bold tabular-nums">
            <time dateTime={panel.now.toISOString()}>{formatKst(panel.now)}</time>
          </p>
          <p className={hint}>
            {panel.offsetMs === 0 ? "Running on real time." : `${days >= 0 ? "+" : ""}${days} day${Math.abs(days) === 1 ? "" : "s"} from real time.`} StepPay
            subscription dates, renewals and retries follow this clock; webhook timestamps stay on real time.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <form method="post" action={`${STEPPAY_CONTROL}/clock/advance`}>
            <input type="hidden" name="interval" value="MONTH" />
            <input type="hidden" name="count" value="1" />
            <button type="submit" className={primary}>
              Advance one month
            </button>
          </form>
          <form method="post" action={`${STEPPAY_CONTROL}/clock/advance`}>
            <input type="hidden" name="interval" value="DAY" />
            <input type="hidden" name="count" value="1" />
            <button type="submit" className={secondary}>
              Advance one day
            </button>
          </form>
          <form method="post" action={`${STEPPAY_CONTROL}/clock/reset`}>
            <button type="submit" className={secondary}>
              Reset clock
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

function SubscriptionsSection({ subscriptions }: { subscriptions: ControlSubscription[] }) {
  return (
    <section id="subscriptions" aria-labelledby="subscriptions-heading" className={card}>
      <h2 id="subscriptions-heading" className={heading}>
        StepPay subscriptions
      </h2>
      <p className={hint}>Renewals are charged on the next payment date by the scheduler, or now with “Renew now”.</p>
      {subscriptions.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No subscriptions yet. Buy a subscription product in the store with StepPay.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">StepPay subscriptions, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Subscription
                </th>
                <th scope="col" className={th}>
                  Customer
                </th>
                <th scope="col" className={th}>
                  Plan
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
                <th scope="col" className={th}>
                  Next payment
                </th>
                <th scope="col" className={th}>
                  Renewal history
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {subscriptions.map((s) => (
                <SubscriptionRow key={s.id} subscription={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SubscriptionRow({ subscription: s }: { subscription: ControlSubscription }) {
  const final = s.status === "CANCELED" || s.status === "EXPIRED";
  const renewable = s.status === "ACTIVE" || s.status === "UNPAID";
  const orders = [...(s.initialOrder ? [s.initialOrder] : []), ...s.renewalOrders].slice(-5);
  return (
    <tr>
      <th scope="row" className={`${td} text-left font-semibold whitespace-nowrap`}>
        #{s.id}
        <span className="block text-xs font-normal text-slate-500">{s.recurringCount}× paid</span>
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
          {formatKrw(s.plan.amount)} every {s.plan.intervalCount > 1 ? `${s.plan.intervalCount} ` : ""}
          {s.plan.interval.toLowerCase()}
          {s.plan.intervalCount > 1 ? "s" : ""}
        </span>
      </td>
      <td className={td}>
        <Badge tone={STATUS_TONES[s.status] ?? "bg-slate-100 text-slate-700 ring-slate-300"}>{s.status}</Badge>
        {s.failNextRenewals > 0 ? <span className="mt-1 block text-xs font-medium text-amber-800">Next renewal will be declined</span> : null}
        {s.status === "UNPAID" ? <span className="mt-1 block text-xs text-slate-600">{s.failedRenewalAttempts} failed charge(s); retrying</span> : null}
      </td>
      <td className={`${td} whitespace-nowrap tabular-nums`}>
        {s.nextPaymentDate ? <time dateTime={s.nextPaymentDate}>{formatKst(new Date(s.nextPaymentDate))}</time> : "—"}
        {s.status === "PENDING_CANCEL" && s.endDate ? <span className="block text-xs text-slate-500">ends {formatKst(new Date(s.endDate))}</span> : null}
      </td>
      <td className={td}>
        <ol className="space-y-0.5 text-xs">
          {orders.map((order) => (
            <OrderLine key={order.id} order={order} />
          ))}
        </ol>
      </td>
      <td className={`${td} whitespace-nowrap`}>
        <div className="flex flex-col gap-1.5">
          <form method="post" action={`${STEPPAY_CONTROL}/subscriptions/${s.id}/renew`}>
            <button type="submit" className={`${primary} w-full`} disabled={!renewable}>
              Renew now
            </button>
          </form>
          <form method="post" action={`${STEPPAY_CONTROL}/subscriptions/${s.id}/fail-next`}>
            <button type="submit" className={`${danger} w-full`} disabled={final}>
              Fail next renewal
            </button>
          </form>
        </div>
      </td>
    </tr>
  );
}

function OrderLine({ order }: { order: ControlOrder }) {
  const kind = order.type === "RECURRING_INITIAL" ? "first payment" : "renewal";
  return (
    <li>
      <span className={order.paid ? "text-emerald-700" : "text-red-700"}>{order.paid ? "✓" : "✕"}</span>{" "}
      <span className="tabular-nums">{order.paymentDate ? formatKst(new Date(order.paymentDate), { seconds: false }) : formatKst(new Date(order.createdAt), { seconds: false })}</span> · {kind} ·{" "}
      {order.paid ? formatKrw(order.paidAmount) : `declined${order.errorCode ? ` (${order.errorCode})` : ""}`} <span className="text-slate-500">#{order.id}</span>
    </li>
  );
}

const STATE_TONES: Record<string, string> = {
  delivered: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  pending: "bg-sky-50 text-sky-800 ring-sky-200",
  gave_up: "bg-red-50 text-red-800 ring-red-200",
};

function WebhooksSection({ deliveries }: { deliveries: WebhookLogEntry[] }) {
  return (
    <section id="webhooks" aria-labelledby="webhooks-heading" className={card}>
      <h2 id="webhooks-heading" className={heading}>
        Recent webhook deliveries
      </h2>
      <p className={hint}>StepPay → the store&apos;s webhook URL. Retried after a non-2xx; may arrive twice or out of order.</p>
      {deliveries.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No webhooks sent yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">StepPay webhook deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Time
                </th>
                <th scope="col" className={th}>
                  Event
                </th>
                <th scope="col" className={th}>
                  Format
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
                <th scope="col" className={th}>
                  Attempts
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => {
                const last = d.attempts.at(-1);
                return (
                  <tr key={d.id}>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>
                      <time dateTime={d.createdAt}>{formatKst(new Date(d.createdAt), { date: false })}</time>
                    </td>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {d.event}
                      <span className="block text-xs font-normal text-slate-500">
                        {[d.orderId ? `order #${d.orderId}` : null, d.subscriptionId ? `subscription #${d.subscriptionId}` : null, d.duplicateOf ? `duplicate of ${d.duplicateOf}` : null, d.replayOf ? `replay of ${d.replayOf}` : null]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    </th>
                    <td className={td}>{d.format}</td>
                    <td className={td}>
                      <Badge tone={STATE_TONES[d.state] ?? STATE_TONES.pending!}>{d.state.replace("_", " ")}</Badge>
                      {last ? <span className="mt-1 block text-xs text-slate-600">{last.statusCode !== null ? `HTTP ${last.statusCode}` : last.error}</span> : null}
                    </td>
                    <td className={`${td} tabular-nums`}>{d.attemptCount}</td>
                    <td className={td}>
                      {d.attempts.length > 0 ? (
                        <form method="post" action={`${STEPPAY_CONTROL}/webhooks/${d.id}/replay`}>
                          <button type="submit" className={secondary}>
                            Replay
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WebhookSettingsSection({ settings }: { settings: StepPayWebhookSettings }) {
  return (
    <section id="webhook-settings" aria-labelledby="webhook-settings-heading" className={card}>
      <h2 id="webhook-settings-heading" className={heading}>
        Webhook settings
      </h2>
      <form method="post" action={`${STEPPAY_CONTROL}/settings`} className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="webhook-format" className={labelText}>
            Webhook format
          </label>
          <select id="webhook-format" name="webhookFormat" defaultValue={settings.webhookFormat} className={field}>
            {WEBHOOK_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format === "both" ? "v2 and v1" : format}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="webhook-duplicates" className={labelText}>
            Duplicate rate (0 to 1)
          </label>
          <input id="webhook-duplicates" name="duplicateRate" type="number" min={0} max={1} step={0.05} defaultValue={settings.duplicateRate} className={field} />
        </div>
        <div>
          <label htmlFor="webhook-shuffle" className={labelText}>
            Shuffle delay (ms)
          </label>
          <input id="webhook-shuffle" name="shuffleMs" type="number" min={0} max={60_000} step={50} defaultValue={settings.shuffleMs} className={field} />
        </div>
        <div>
          <label htmlFor="webhook-url" className={labelText}>
            Webhook URL
          </label>
          <input id="webhook-url" name="webhookUrl" type="url" defaultValue={settings.webhookUrl} className={field} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="webhook-keys" className={labelText}>
            Extra signing keys (one per line)
          </label>
          <textarea id="webhook-keys" name="extraWebhookKeys" rows={2} defaultValue={settings.extraWebhookKeys.join("\n")} className={field} aria-describedby="webhook-keys-hint" />
          <p id="webhook-keys-hint" className="mt-1 text-xs text-slate-500">
            Each key adds a signature to Steppay-Signature (key rotation). The demo key always signs.
          </p>
        </div>
        <div className="flex items-end sm:col-span-2">
          <button type="submit" className={primary}>
            Save webhook settings
          </button>
        </div>
      </form>
    </section>
  );
}

function FaultForm({ wing, label, action, fault }: { wing: "steppay" | "unifipay"; label: string; action: string; fault: FaultSwitch }) {
  const id = (name: string) => `fault-${wing}-${name}`;
  return (
    <div id={`faults-${wing}`} className="rounded-lg border border-slate-200 p-4">
      <h3 className="text-sm font-semibold">{label} API</h3>
      <p className="mt-1 text-sm text-slate-600">
        {fault.mode === "none"
          ? "No fault: answering normally."
          : `Armed: ${fault.mode}${fault.count !== null ? `, ${fault.count} request(s) left` : ", until reset"}${fault.mode === "timeout" || fault.mode === "slow" ? `, ${fault.delayMs} ms` : ""}${fault.paths ? `, paths containing “${fault.paths}”` : ""}.`}
      </p>
      <form method="post" action={action} className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={id("mode")} className={labelText}>
            {label} fault mode
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
            Requests to affect
          </label>
          <input id={id("count")} name="count" type="number" min={1} placeholder="until reset" className={field} />
        </div>
        <div>
          <label htmlFor={id("delay")} className={labelText}>
            Delay (ms, timeout and slow)
          </label>
          <input id={id("delay")} name="delayMs" type="number" min={0} max={120_000} placeholder="15000 / 2000" className={field} />
        </div>
        <div>
          <label htmlFor={id("paths")} className={labelText}>
            Only paths containing
          </label>
          <input id={id("paths")} name="paths" type="text" placeholder="/api/v1/orders" className={field} />
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className={primary}>
            Set {label} fault
          </button>
        </div>
      </form>
      <form method="post" action={action} className="mt-2">
        <input type="hidden" name="mode" value="none" />
        <button type="submit" className={secondary} disabled={fault.mode === "none"}>
          Reset {label} fault
        </button>
      </form>
    </div>
  );
}

function UnifiCallbacksSection({ deliveries }: { deliveries: DeliveryLogEntry[] }) {
  return (
    <section id="unifi-callbacks" aria-labelledby="unifi-callbacks-heading" className={card}>
      <h2 id="unifi-callbacks-heading" className={heading}>
        Unifi Pay callback deliveries
      </h2>
      <p className={hint}>Unifi Pay → the store&apos;s callbackUrl, after each decision on its start page.</p>
      {deliveries.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No callbacks sent yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">Unifi Pay callback deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Time
                </th>
                <th scope="col" className={th}>
                  Transaction
                </th>
                <th scope="col" className={th}>
                  Payment status
                </th>
                <th scope="col" className={th}>
                  Delivery
                </th>
                <th scope="col" className={th}>
                  Attempts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => {
                const last = d.attempts.at(-1);
                const payload = d.payload as { status?: string; orderId?: string };
                return (
                  <tr key={d.id}>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>
                      <time dateTime={d.createdAt}>{formatKst(new Date(d.createdAt), { date: false })}</time>
                    </td>
                    <th scope="row" className={`${td} text-left font-mono text-xs font-normal`}>
                      {d.transactionId}
                      <span className="block font-sans text-slate-500">
                        order {payload.orderId ?? "?"}
                        {d.duplicateOf ? ` · duplicate of ${d.duplicateOf}` : ""}
                      </span>
                    </th>
                    <td className={td}>{payload.status ?? "?"}</td>
                    <td className={td}>
                      <Badge tone={STATE_TONES[d.state] ?? STATE_TONES.pending!}>{d.state.replace("_", " ")}</Badge>
                      {last ? <span className="mt-1 block text-xs text-slate-600">{last.statusCode !== null ? `HTTP ${last.statusCode}` : last.error}</span> : null}
                    </td>
                    <td className={`${td} tabular-nums`}>{d.attemptCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
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
