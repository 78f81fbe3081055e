import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Tables both sandbox wings use (prefix `sbx_shared_`, migrations in drizzle/sandbox-shared). Like
 * every sandbox table they play the provider's side: the store never reads them.
 */

/**
 * The fault switch of each wing (one row per wing, absent = no fault). While armed, the wing's API
 * answers with the fault instead of (or, for `slow`, after) its normal answer.
 */
export const sbxSharedFaults = pgTable("sbx_shared_faults", {
  /** "steppay" | "unifipay" */
  wing: text("wing").primaryKey(),
  /** none | http500 | timeout | malformed | slow */
  mode: text("mode").notNull(),
  /** How many more API requests the fault affects; null = until reset. */
  remaining: integer("remaining"),
  delayMs: integer("delay_ms").notNull(),
  /** A substring the request path must contain; null = every API path. */
  paths: text("paths"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type FaultRow = typeof sbxSharedFaults.$inferSelect;
