import { isSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/shared/config";
import { backToPanel, controlError, controlJson, ControlInputError, readControlInput } from "@/lib/sandbox/shared/control-http";
import { panelCopy, requestPanelLocale, type PanelCopy } from "@/lib/sandbox/shared/panel-copy";
import { openStepPaySandbox } from "@/lib/sandbox/steppay/sandbox-gate";
import { openUnifiSandbox } from "@/lib/sandbox/unifipay/sandbox-gate";
import { resetDemoEverywhere, StoreResetError, type ClearedCounts } from "./demo-reset";
import { playRun, runScenario, startRun } from "./run-scenario";
import { isScenarioKey, SCENARIOS } from "./scenario-catalog";
import { listRuns } from "./scenario-runs";

/**
 * The scenarios' HTTP surface (no auth, like every sandbox control: it exists only while the
 * wings are on). Two dialects on one URL, chosen by the Accept header:
 *   - `accept: application/json`: the run is played to its end and answered as JSON;
 *   - the panel's plain form post: the run starts, the answer is a 303 back to /sandbox at once,
 *     and the run plays on in the background (`schedule`, Next's `after` in the route) while the
 *     panel's auto-refresh shows it progress.
 *
 *   POST /sandbox/scenarios/run/{scenario}  → { run }            (404 for an unknown scenario or a closed wing)
 *   GET  /sandbox/scenarios/runs?limit=      → { runs }
 *   POST /sandbox/scenarios/reset            { confirm: true } or form confirm=yes → { ok, store, sandbox }
 */
export const SCENARIOS_ANCHOR = "demo-scenarios";

export type ScheduleWork = (work: () => Promise<void>) => void;

export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json");
}

/** Opening a wing also starts this process's webhook and callback senders, which the scenarios rely on. */
function openWing(provider: "steppay" | "unifipay"): boolean {
  return provider === "steppay" ? openStepPaySandbox() : openUnifiSandbox();
}

/** The panel's language for this request (its `?lang=`, else the browser's), and where to send it back. */
function panelOf(request: Request) {
  const { locale, chosen } = requestPanelLocale(request);
  const copy = panelCopy(wantsJson(request) ? "en" : locale);
  const back = (notice: string, error = false) => backToPanel(notice, { anchor: SCENARIOS_ANCHOR, error, lang: chosen });
  return { copy, back };
}

function internalError(request: Request, what: (copy: PanelCopy) => string, error: unknown): Response {
  const { copy, back } = panelOf(request);
  console.error(`[sandbox/scenarios] ${panelCopy("en").notice.sandboxFailed(what(panelCopy("en")))}:`, error);
  const message = copy.notice.sandboxFailed(what(copy));
  return wantsJson(request) ? controlError(500, "internal_error", message) : back(message, true);
}

export async function handleRunScenario(request: Request, scenario: string, schedule: ScheduleWork): Promise<Response> {
  if (!isScenarioKey(scenario)) {
    if (!isSandboxEnabled()) return sandboxNotFound();
    return wantsJson(request) ? controlError(404, "not_found", `No scenario ${scenario}`) : panelOf(request).back(`No scenario ${scenario}`, true);
  }
  if (!openWing(SCENARIOS[scenario].provider)) return sandboxNotFound();
  try {
    if (wantsJson(request)) return controlJson({ run: await runScenario(scenario) });
    const runId = await startRun(scenario);
    schedule(() => playRun(runId, scenario));
    const { copy, back } = panelOf(request);
    return back(copy.notice.runStarted(copy.scenario[scenario].title, runId));
  } catch (error) {
    return internalError(request, (copy) => copy.notice.runWhat(copy.scenario[scenario].title), error);
  }
}

export async function handleListRuns(request: Request): Promise<Response> {
  if (!isSandboxEnabled()) return sandboxNotFound();
  const limit = Number(new URL(request.url).searchParams.get("limit") ?? "20");
  try {
    return controlJson({ runs: await listRuns(Number.isInteger(limit) && limit > 0 ? Math.min(limit, 200) : 20) });
  } catch (error) {
    return internalError(request, () => "list the scenario runs", error);
  }
}

/** The reset exists only while both wings are on: only then does the store allow its half. */
export function isDemoResetAvailable(): boolean {
  return isSandboxEnabled("steppay") && isSandboxEnabled("unifipay");
}

function total(counts: ClearedCounts, ...names: string[]): number {
  return names.reduce((sum, name) => sum + (counts[name] ?? 0), 0);
}

export async function handleDemoReset(request: Request): Promise<Response> {
  if (!isDemoResetAvailable()) return sandboxNotFound();
  const json = wantsJson(request);
  try {
    const input = await readControlInput(request);
    const confirmed = input.kind === "form" ? input.form.get("confirm") === "yes" : (input.value as { confirm?: unknown } | null)?.confirm === true;
    if (!confirmed) throw new ControlInputError(400, "confirmation_required", "Nothing was cleared: confirm with “Yes, clear everything”");
    const cleared = await resetDemoEverywhere();
    if (json) return controlJson({ ok: true, ...cleared });
    const { copy, back } = panelOf(request);
    return back(
      copy.notice.demoCleared(
        total(cleared.store, "orders"),
        total(cleared.sandbox, "steppayOrders"),
        total(cleared.sandbox, "unifiTransactions"),
        total(cleared.sandbox, "scenarioRuns"),
      ),
    );
  } catch (error) {
    if (error instanceof ControlInputError || error instanceof StoreResetError) {
      const [status, code] = error instanceof ControlInputError ? [error.status, error.code] : [502, "store_refused"];
      return json ? controlError(status, code, error.message) : panelOf(request).back(error.message, true);
    }
    return internalError(request, (copy) => copy.notice.resetWhat, error);
  }
}
