/**
 * The upkeep PostgreSQL's autovacuum would do, for the embedded database. PGlite runs Postgres as a
 * single process with no autovacuum worker, so without this its tables are never ANALYZEd (at
 * 100,000 orders the planner still guesses from "never analyzed" sizes and picks bitmap scans) and
 * the row versions left by updates are never reclaimed (every verification stamps its order).
 *
 * The rule mirrors autovacuum's "changed by 10 % plus a little", measured on the table's size in
 * pages (PGlite's activity counters are not reliable): a table that holds data and was never
 * analyzed, or whose size moved by more than 10 pages + 10 % since its last VACUUM/ANALYZE, gets
 * `VACUUM (ANALYZE)`. Empty tables are left alone, so a fresh database never records "0 rows".
 */
export type UpkeepClient = {
  query<T>(sql: string): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
};

export const UPKEEP_INTERVAL_MS = 60_000;

type TableSize = { relname: string; reltuples: number; relpages: number; pages: number };

/** The tables of the current schema that need VACUUM (ANALYZE) now, by the rule above. */
export async function tablesDueForUpkeep(client: UpkeepClient): Promise<string[]> {
  const { rows } = await client.query<TableSize>(`
    select c.relname, c.reltuples::float8 as reltuples, c.relpages,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'
    order by c.relname`);
  return rows
    .filter((t) => t.pages > 0 && (t.reltuples < 0 || Math.abs(t.pages - t.relpages) > 10 + 0.1 * t.relpages))
    .map((t) => t.relname);
}

/** Vacuums and analyzes the tables that need it; returns their names. */
export async function upkeepOnce(client: UpkeepClient): Promise<string[]> {
  const due = await tablesDueForUpkeep(client);
  for (const table of due) await client.exec(`vacuum (analyze) "${table.replaceAll('"', '""')}"`);
  return due;
}

/**
 * Runs `upkeepOnce` soon after start and then every `intervalMs`, never two at once. The timer
 * does not keep the process alive; the returned function stops it (the database is closing).
 */
export function startUpkeep(client: UpkeepClient, intervalMs = UPKEEP_INTERVAL_MS): () => void {
  let running = false;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = true;
    upkeepOnce(client)
      .catch((error: unknown) => {
        if (!stopped) console.error("[store] database upkeep:", error instanceof Error ? error.message : error);
      })
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, Math.min(intervalMs, 2_000));
  const every = setInterval(tick, intervalMs);
  first.unref();
  every.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
  };
}
