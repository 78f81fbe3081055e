import { desc, eq } from "drizzle-orm";
import { describeRunDetail, panelCopy, readRunDetail, type PanelCopy, type RunDetail } from "@/lib/sandbox/shared/panel-copy";
import { scenariosDb } from "./database";
import { isScenarioKey, SCENARIOS, SLOW_PAGE_ARMED_FOR_MS, type ScenarioKey } from "./scenario-catalog";
import { sbxScenarioRuns, type ScenarioRunRow } from "./schema";

/**
 * The runs table: one row per click, written as the run goes (the order's link appears while it
 * is still running) and read by the control panel and `GET /sandbox/scenarios/runs`.
 */

/** A run still "running" after this long died with its server process (no run takes a minute). */
export const RUN_STALE_MS = 2 * 60_000;

export type RunState = "running" | "waiting" | "done";
export type RunOutcome = "passed" | "failed" | "undecided";

export type ScenarioRunView = {
  id: number;
  scenario: string;
  title: string;
  provider: string | null;
  expected: string;
  state: RunState;
  /** passed = ✓ (matches what was expected), failed = ✗, undecided while running or waiting. */
  outcome: RunOutcome;
  storeOrderId: string | null;
  storeOrderUrl: string | null;
  storeStatus: string | null;
  detail: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export async function createRun(scenario: ScenarioKey): Promise<ScenarioRunRow> {
  const db = await scenariosDb();
  // The record keeps the expectation in English; the panel words it in its reader's language.
  const [row] = await db.insert(sbxScenarioRuns).values({ scenario, state: "running", expected: panelCopy("en").scenario[scenario].expected }).returning();
  return row!;
}

export type RunPatch = Partial<Pick<ScenarioRunRow, "storeOrderId" | "storeOrderUrl" | "storeStatus" | "passed" | "finishedAt">> & { state?: RunState; detail?: RunDetail };

/** Updates a run; a run deleted meanwhile (demo reset) is simply gone. */
export async function updateRun(id: number, { detail, ...patch }: RunPatch): Promise<void> {
  const db = await scenariosDb();
  // The detail is stored as data (panel-copy's RunDetail), so the panel can say it in either language.
  await db
    .update(sbxScenarioRuns)
    .set(detail === undefined ? patch : { ...patch, detail: JSON.stringify(detail) })
    .where(eq(sbxScenarioRuns.id, id));
}

export async function getRun(id: number, now: Date = new Date()): Promise<ScenarioRunView | null> {
  const db = await scenariosDb();
  const [row] = await db.select().from(sbxScenarioRuns).where(eq(sbxScenarioRuns.id, id));
  return row ? runView(row, now) : null;
}

/** The latest runs, newest first, worded in `copy`'s language (English for the JSON API). */
export async function listRuns(limit = 20, now: Date = new Date(), copy: PanelCopy = panelCopy("en")): Promise<ScenarioRunView[]> {
  const db = await scenariosDb();
  const rows = await db.select().from(sbxScenarioRuns).orderBy(desc(sbxScenarioRuns.id)).limit(limit);
  return rows.map((row) => runView(row, now, copy));
}

/**
 * What a row means now. Lapsed runs are judged when read rather than by a sweeper, so nothing
 * has to be running for a dead run to show as failed.
 */
export function runView(row: ScenarioRunRow, now: Date = new Date(), copy: PanelCopy = panelCopy("en")): ScenarioRunView {
  const key = isScenarioKey(row.scenario) ? row.scenario : null;
  const age = now.getTime() - row.startedAt.getTime();
  let state = row.state as RunState;
  let outcome: RunOutcome = row.passed === null ? "undecided" : row.passed ? "passed" : "failed";
  let detail = readRunDetail(row.detail);
  if (state === "running" && age > RUN_STALE_MS) {
    state = "done";
    outcome = "failed";
    detail = { kind: "interrupted" };
  } else if (state === "waiting" && age > SLOW_PAGE_ARMED_FOR_MS) {
    state = "done";
    outcome = "failed";
    detail = { kind: "lapsed", minutes: SLOW_PAGE_ARMED_FOR_MS / 60_000 };
  }
  return {
    id: row.id,
    scenario: row.scenario,
    title: key ? copy.scenario[key].title : row.scenario,
    provider: key ? SCENARIOS[key].provider : null,
    expected: key ? copy.scenario[key].expected : row.expected,
    state,
    outcome,
    storeOrderId: row.storeOrderId,
    storeOrderUrl: row.storeOrderUrl,
    storeStatus: row.storeStatus,
    detail: describeRunDetail(copy, detail),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
