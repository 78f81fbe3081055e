import { mkdir } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./paths.mjs";

/**
 * The harness's own handle on a store database (PGlite data dir or PostgreSQL URL), with the
 * store's migrations applied exactly as lib/db/client.ts applies them (same folder, same
 * bookkeeping table), so the server later finds them done.
 */
const STORE_MIGRATIONS = { migrationsFolder: path.join(REPO_ROOT, "drizzle", "store"), migrationsTable: "__store_migrations" };

export async function openPglite(dir) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await mkdir(path.resolve(REPO_ROOT, dir), { recursive: true });
  const client = new PGlite(path.resolve(REPO_ROOT, dir));
  await client.waitReady;
  await migrate(drizzle(client), STORE_MIGRATIONS);
  return {
    kind: "pglite",
    query: async (sql, params = []) => (await client.query(sql, params)).rows,
    exec: (sql) => client.exec(sql),
    /** One transaction; PGlite runs them one at a time (a single connection). */
    transaction: (fn) => client.transaction((tx) => fn({ query: async (sql, params = []) => (await tx.query(sql, params)).rows })),
    close: () => client.close(),
  };
}

export async function openPostgres(url, { max = 10 } = {}) {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({ connectionString: url, max });
  await migrate(drizzle(pool), STORE_MIGRATIONS);
  return {
    kind: "postgres",
    query: async (sql, params = []) => (await pool.query(sql, params)).rows,
    exec: (sql) => pool.query(sql),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn({ query: async (sql, params = []) => (await client.query(sql, params)).rows });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
