import { SCENARIO_KEYS, SCENARIOS, type ScenarioDefinition } from "@/lib/sandbox/scenarios/scenario-catalog";
import type { ScenarioRunView } from "@/lib/sandbox/scenarios/scenario-runs";
import { panelCopy, withPanelLang, type PanelCopy, type PanelLocale } from "@/lib/sandbox/shared/panel-copy";

/**
 * The control panel's "Demo scenarios" section: one button per scenario (a plain form post, so it
 * works without JavaScript), the latest runs with what the store reported, and "Reset demo data"
 * behind a second, explicit confirmation. Rendered by app/sandbox/page.tsx.
 */
const ACTION = "/sandbox/scenarios";
const PROVIDER_LABELS = { steppay: "StepPay", unifipay: "Unifi Pay" } as const;

// The panel's look (app/sandbox/page.tsx keeps its own copies: a page module exports only the page).
const card = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6";
const button = "rounded-md px-3 py-1.5 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-40";
const primary = `${button} bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600`;
const secondary = `${button} bg-white text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50`;
const dangerSolid = `${button} bg-red-600 text-white hover:bg-red-500 focus-visible:outline-red-600`;
const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase";
const td = "px-3 py-2 align-top text-sm";

type Props = {
  runs: ScenarioRunView[];
  wings: { steppay: boolean; unifipay: boolean };
  /** `?reset=confirm`: the second step of "Reset demo data". */
  confirmReset: boolean;
  /** The panel's words (English unless the page says otherwise). */
  copy?: PanelCopy;
  /** The language the presenter chose with the panel's switch, carried by every form; null = the browser's. */
  lang?: PanelLocale | null;
};

export function DemoScenariosSection({ runs, wings, confirmReset, copy = panelCopy("en"), lang = null }: Props) {
  const resetAvailable = wings.steppay && wings.unifipay;
  const words = copy.scenarios;
  return (
    <section id="demo-scenarios" aria-labelledby="demo-scenarios-heading" className={card}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h2 id="demo-scenarios-heading" className="text-base font-semibold text-slate-900">
            {words.heading}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{words.intro}</p>
        </div>
        {resetAvailable ? <ResetControl confirm={confirmReset} copy={copy} lang={lang} /> : null}
      </div>

      <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={words.list}>
        {SCENARIO_KEYS.map((key) => (
          <ScenarioCard key={key} scenario={SCENARIOS[key]} enabled={wings[SCENARIOS[key].provider]} copy={copy} lang={lang} />
        ))}
      </ul>

      <h3 id="scenario-runs-heading" className="mt-6 text-sm font-semibold text-slate-900">
        {words.recentRuns}
      </h3>
      {runs.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{words.noRuns}</p>
      ) : (
        <div className="relative mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-labelledby="scenario-runs-heading">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {words.columns.run}
                </th>
                <th scope="col" className={th}>
                  {words.columns.scenario}
                </th>
                <th scope="col" className={th}>
                  {words.columns.expected}
                </th>
                <th scope="col" className={th}>
                  {words.columns.storeReports}
                </th>
                <th scope="col" className={th}>
                  {words.columns.result}
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">{words.columns.order}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((run) => (
                <RunRow key={run.id} run={run} copy={copy} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ScenarioCard({ scenario, enabled, copy, lang }: { scenario: ScenarioDefinition; enabled: boolean; copy: PanelCopy; lang: PanelLocale | null }) {
  const descriptionId = `scenario-${scenario.key}-description`;
  const words = copy.scenario[scenario.key];
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3">
      <form method="post" action={withPanelLang(`${ACTION}/run/${scenario.key}`, lang)}>
        <button type="submit" className={`${primary} w-full`} disabled={!enabled} aria-describedby={descriptionId}>
          {words.title}
        </button>
      </form>
      <p id={descriptionId} className="text-xs text-slate-600">
        <span className="font-semibold text-slate-700">{PROVIDER_LABELS[scenario.provider]}</span> · {copy.scenarios.expect}{" "}
        <span className="font-medium text-slate-800">{words.expected}</span>. {words.description}
        {enabled ? null : ` ${copy.scenarios.wingOff(PROVIDER_LABELS[scenario.provider])}`}
      </p>
    </li>
  );
}

function RunResult({ run, copy }: { run: ScenarioRunView; copy: PanelCopy }) {
  if (run.outcome === "passed") {
    return (
      <span className="font-semibold text-emerald-700">
        <span aria-hidden="true">✓</span> {copy.scenarios.asExpected}
      </span>
    );
  }
  if (run.outcome === "failed") {
    return (
      <span className="font-semibold text-red-700">
        <span aria-hidden="true">✗</span> {copy.scenarios.notAsExpected}
      </span>
    );
  }
  return <span className="font-medium text-sky-800">{run.state === "waiting" ? copy.scenarios.waiting : copy.scenarios.running}</span>;
}

function RunRow({ run, copy }: { run: ScenarioRunView; copy: PanelCopy }) {
  return (
    <tr>
      <th scope="row" className={`${td} text-left font-semibold whitespace-nowrap tabular-nums`}>
        #{run.id}
      </th>
      <td className={td}>
        <span className="block font-medium">{run.title}</span>
        {run.provider ? <span className="block text-xs text-slate-500">{PROVIDER_LABELS[run.provider as keyof typeof PROVIDER_LABELS] ?? run.provider}</span> : null}
      </td>
      <td className={td}>{run.expected}</td>
      {/* The store's own status words (its API's), in either language. */}
      <td className={td}>{run.storeStatus ? <code className="text-xs">{run.storeStatus}</code> : "—"}</td>
      <td className={td}>
        <RunResult run={run} copy={copy} />
        {run.detail ? <span className="mt-1 block max-w-md text-xs text-slate-600">{run.detail}</span> : null}
      </td>
      <td className={`${td} whitespace-nowrap`}>
        {run.storeOrderUrl ? (
          <a href={run.storeOrderUrl} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-500">
            {copy.scenarios.openOrder}
          </a>
        ) : null}
      </td>
    </tr>
  );
}

/** Two steps without JavaScript: the first button asks (`?reset=confirm`), the second clears. */
function ResetControl({ confirm, copy, lang }: { confirm: boolean; copy: PanelCopy; lang: PanelLocale | null }) {
  const words = copy.scenarios;
  if (!confirm) {
    return (
      <form method="get" action="/sandbox">
        <input type="hidden" name="reset" value="confirm" />
        {lang ? <input type="hidden" name="lang" value={lang} /> : null}
        <button type="submit" className={secondary}>
          {words.reset}
        </button>
      </form>
    );
  }
  return (
    <div role="group" aria-labelledby="reset-warning" className="max-w-md rounded-lg border border-red-300 bg-red-50 p-3">
      <p id="reset-warning" className="text-sm text-red-900">
        {words.resetWarning}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <form method="post" action={withPanelLang(`${ACTION}/reset`, lang)}>
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className={dangerSolid} autoFocus>
            {words.resetConfirm}
          </button>
        </form>
        <a href={withPanelLang("/sandbox#demo-scenarios", lang)} className={secondary}>
          {words.resetKeep}
        </a>
      </div>
    </div>
  );
}
