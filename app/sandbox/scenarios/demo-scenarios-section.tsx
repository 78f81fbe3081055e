import { SCENARIO_KEYS, SCENARIOS, type ScenarioDefinition } from "@/lib/sandbox/scenarios/scenario-catalog";
import type { ScenarioRunView } from "@/lib/sandbox/scenarios/scenario-runs";

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
};

export function DemoScenariosSection({ runs, wings, confirmReset }: Props) {
  const resetAvailable = wings.steppay && wings.unifipay;
  return (
    <section id="demo-scenarios" aria-labelledby="demo-scenarios-heading" className={card}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h2 id="demo-scenarios-heading" className="text-base font-semibold text-slate-900">
            Demo scenarios
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Each button plays a shopper against the store over HTTP, as a browser would, then checks what the store reports. Open an order in the
            store to see its integration inspector explain what crossed the wire.
          </p>
        </div>
        {resetAvailable ? <ResetControl confirm={confirmReset} /> : null}
      </div>

      <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Scenarios">
        {SCENARIO_KEYS.map((key) => (
          <ScenarioCard key={key} scenario={SCENARIOS[key]} enabled={wings[SCENARIOS[key].provider]} />
        ))}
      </ul>

      <h3 id="scenario-runs-heading" className="mt-6 text-sm font-semibold text-slate-900">
        Recent runs
      </h3>
      {runs.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No scenario runs yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-labelledby="scenario-runs-heading">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Run
                </th>
                <th scope="col" className={th}>
                  Scenario
                </th>
                <th scope="col" className={th}>
                  Expected
                </th>
                <th scope="col" className={th}>
                  Store reports
                </th>
                <th scope="col" className={th}>
                  Result
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Order</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((run) => (
                <RunRow key={run.id} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ScenarioCard({ scenario, enabled }: { scenario: ScenarioDefinition; enabled: boolean }) {
  const descriptionId = `scenario-${scenario.key}-description`;
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3">
      <form method="post" action={`${ACTION}/run/${scenario.key}`}>
        <button type="submit" className={`${primary} w-full`} disabled={!enabled} aria-describedby={descriptionId}>
          {scenario.title}
        </button>
      </form>
      <p id={descriptionId} className="text-xs text-slate-600">
        <span className="font-semibold text-slate-700">{PROVIDER_LABELS[scenario.provider]}</span> · expect <span className="font-medium text-slate-800">{scenario.expected}</span>. {scenario.description}
        {enabled ? null : ` (The ${PROVIDER_LABELS[scenario.provider]} sandbox is off.)`}
      </p>
    </li>
  );
}

function RunResult({ run }: { run: ScenarioRunView }) {
  if (run.outcome === "passed") {
    return (
      <span className="font-semibold text-emerald-700">
        <span aria-hidden="true">✓</span> as expected
      </span>
    );
  }
  if (run.outcome === "failed") {
    return (
      <span className="font-semibold text-red-700">
        <span aria-hidden="true">✗</span> not as expected
      </span>
    );
  }
  return <span className="font-medium text-sky-800">{run.state === "waiting" ? "Waiting for the payment page to be opened" : "Running…"}</span>;
}

function RunRow({ run }: { run: ScenarioRunView }) {
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
      <td className={td}>{run.storeStatus ?? "—"}</td>
      <td className={td}>
        <RunResult run={run} />
        {run.detail ? <span className="mt-1 block max-w-md text-xs text-slate-600">{run.detail}</span> : null}
      </td>
      <td className={`${td} whitespace-nowrap`}>
        {run.storeOrderUrl ? (
          <a href={run.storeOrderUrl} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-500">
            Open order in the store
          </a>
        ) : null}
      </td>
    </tr>
  );
}

/** Two steps without JavaScript: the first button asks (`?reset=confirm`), the second clears. */
function ResetControl({ confirm }: { confirm: boolean }) {
  if (!confirm) {
    return (
      <form method="get" action="/sandbox">
        <input type="hidden" name="reset" value="confirm" />
        <button type="submit" className={secondary}>
          Reset demo data
        </button>
      </form>
    );
  }
  return (
    <div role="group" aria-labelledby="reset-warning" className="max-w-md rounded-lg border border-red-300 bg-red-50 p-3">
      <p id="reset-warning" className="text-sm text-red-900">
        Clear every order, payment, subscription and webhook in the store and in both sandboxes, and put the sandbox settings back to their defaults?
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <form method="post" action={`${ACTION}/reset`}>
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className={dangerSolid} autoFocus>
            Yes, clear everything
          </button>
        </form>
        <a href="/sandbox#demo-scenarios" className={secondary}>
          Keep the data
        </a>
      </div>
    </div>
  );
}
