import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The demo scenarios' own tables (prefix `sbx_scenario_`, migrations in drizzle/sandbox-scenarios).
 * Everything a run needs to be remembered lives here, never in memory, so runs may be clicked
 * repeatedly and concurrently, from any server process.
 */

/** One row per click of a scenario button: what was expected and what the store reported. */
export const sbxScenarioRuns = pgTable(
  "sbx_scenario_runs",
  {
    id: serial("id").primaryKey(),
    /** A key of SCENARIOS (scenario-catalog.ts). */
    scenario: text("scenario").notNull(),
    /** running | waiting (for the presenter to act) | done */
    state: text("state").notNull(),
    /** The outcome the scenario demonstrates, in words. */
    expected: text("expected").notNull(),
    /** The store's order this run created, and its page in the store (the integration inspector). */
    storeOrderId: text("store_order_id"),
    storeOrderUrl: text("store_order_url"),
    /** The order's status as `GET ${APP_ORIGIN}/api/orders/{id}` reported it last. */
    storeStatus: text("store_status"),
    /** null while undecided. */
    passed: boolean("passed"),
    /** What was observed (or what went wrong): panel-copy's RunDetail as JSON; older rows hold a sentence. */
    detail: text("detail"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("sbx_scenario_runs_started_idx").on(t.startedAt)],
);

/**
 * The "payment page slow to load" switch: a one-shot delay for the next load of one StepPay
 * order's hosted page. Keyed by the sandbox's StepPay order, so other shoppers (and parallel
 * tests) never get the delay meant for the presenter.
 */
export const sbxScenarioPageDelays = pgTable(
  "sbx_scenario_page_delays",
  {
    id: serial("id").primaryKey(),
    runId: integer("run_id")
      .notNull()
      .references(() => sbxScenarioRuns.id, { onDelete: "cascade" }),
    /** sbx_steppay_orders.id (no foreign key: each wing's migrations stand alone). */
    steppayOrderId: integer("steppay_order_id").notNull(),
    delayMs: integer("delay_ms").notNull(),
    armedAt: timestamp("armed_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [index("sbx_scenario_page_delays_order_idx").on(t.steppayOrderId)],
);

export type SettingValues = Record<string, number>;

/**
 * A sandbox setting temporarily overridden by running scenarios (one row per group of settings).
 * The first run to take it remembers the value it found (baseline); the last one to let go puts
 * that value back. Runs that die mid-way leave `expiresAt` behind, so their hold lapses.
 */
export const sbxScenarioSettingOverrides = pgTable("sbx_scenario_setting_overrides", {
  /** steppay-webhooks | unifipay-callbacks */
  key: text("key").primaryKey(),
  holders: integer("holders").notNull().default(0),
  baseline: jsonb("baseline").$type<SettingValues>(),
  applied: jsonb("applied").$type<SettingValues>(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type ScenarioRunRow = typeof sbxScenarioRuns.$inferSelect;
export type PageDelayRow = typeof sbxScenarioPageDelays.$inferSelect;
export type SettingOverrideRow = typeof sbxScenarioSettingOverrides.$inferSelect;
