import path from "node:path";
import { mkdir } from "node:fs/promises";
import { AsyncLocalStorage } from "node:async_hooks";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { config } from "@/lib/env";
import { startUpkeep } from "./pglite-upkeep";

/**
 * The database, opened lazily on first use (never at import time, or `next build` would open it).
 *
 * Default: embedded PGlite stored under `.data/` (a real Postgres compiled to WASM, no server to
 * install, survives restarts). With DATABASE_URL: the same schema on PostgreSQL through `pg`.
 * Migrations in `drizzle/` run before the first query either way.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

type Migrate = (folder: string, table: string) => Promise<void>;
type PGliteLike = import("@electric-sql/pglite").PGlite;
type Opened = { db: Db; close: () => Promise<void>; kind: "pglite" | "postgres"; migrate: Migrate };

// One database per process, kept on globalThis: Next bundles route handlers and pages separately,
// and a module-level singleton could otherwise be instantiated twice (two PGlite instances on one
// directory would corrupt it).
const globalForDb = globalThis as unknown as { __storeDb?: Promise<Opened> };

const MIGRATION_LOCK_ID = 4_242_017;

/** Each wing (the store, each sandbox) has its own migrations folder and bookkeeping table. */
export function migrationsFolder(name: string): string {
  return path.join(process.cwd(), "drizzle", name);
}
const STORE_MIGRATIONS = { folder: "store", table: "__store_migrations" };

async function openPglite(dir: string): Promise<Opened> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const inMemory = dir === "memory://" || dir === ":memory:";
  if (!inMemory) await mkdir(path.resolve(dir), { recursive: true });
  const client = inMemory ? new PGlite() : new PGlite(path.resolve(dir));
  guardAgainstSelfDeadlock(client);
  const db = drizzle(client);
  const run: Migrate = (folder, table) => migrate(db, { migrationsFolder: folder, migrationsTable: table });
  await run(migrationsFolder(STORE_MIGRATIONS.folder), STORE_MIGRATIONS.table);
  // No autovacuum in PGlite: this process analyzes and vacuums the tables that grew.
  const stopUpkeep = startUpkeep(client);
  const close = async () => {
    stopUpkeep();
    await client.close();
  };
  return { db: db as unknown as Db, close, kind: "pglite", migrate: run };
}

/**
 * PGlite is one connection: while a transaction is open, every other query waits for it. A query
 * made on the database handle (not the transaction's) from inside the transaction's own callback
 * would therefore wait for itself forever, a hang with no error. This makes that mistake fail at
 * once, with a message naming it. Work merely started inside a transaction and still running after
 * it ended is not affected.
 */
type TransactionMarker = { open: boolean };
const insideTransaction = new AsyncLocalStorage<TransactionMarker>();

function guardAgainstSelfDeadlock(client: PGliteLike): void {
  const refuse = (what: string) => {
    if (insideTransaction.getStore()?.open) {
      throw new Error(`Database ${what} made outside the open transaction, from inside it: PGlite would wait for that transaction forever. Use the transaction's handle.`);
    }
  };
  const { query, exec, transaction } = client;
  client.query = function (this: PGliteLike, ...args: Parameters<PGliteLike["query"]>) {
    refuse("query");
    return query.apply(this, args);
  } as PGliteLike["query"];
  client.exec = function (this: PGliteLike, ...args: Parameters<PGliteLike["exec"]>) {
    refuse("statement");
    return exec.apply(this, args);
  } as PGliteLike["exec"];
  client.transaction = async function <T>(this: PGliteLike, callback: (tx: Parameters<Parameters<PGliteLike["transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
    refuse("transaction");
    const marker: TransactionMarker = { open: true };
    try {
      return (await transaction.call(this, (tx) => insideTransaction.run(marker, () => callback(tx)))) as T;
    } finally {
      marker.open = false;
    }
  } as PGliteLike["transaction"];
}

async function openPostgres(url: string): Promise<Opened> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 10) });
  const db = drizzle(pool);
  // Several store instances may start at once against one database: migrate under a lock.
  const run: Migrate = async (folder, table) => {
    const lockClient = await pool.connect();
    try {
      await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      await migrate(db, { migrationsFolder: folder, migrationsTable: table });
    } finally {
      await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
      lockClient.release();
    }
  };
  await run(migrationsFolder(STORE_MIGRATIONS.folder), STORE_MIGRATIONS.table);
  return { db: db as unknown as Db, close: () => pool.end(), kind: "postgres", migrate: run };
}

function open(): Promise<Opened> {
  const { databaseUrl, pgliteDir } = config();
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(pgliteDir);
}

/** The shared database handle; the first call opens it and runs migrations. */
export async function getDb(): Promise<Db> {
  if (!globalForDb.__storeDb) {
    globalForDb.__storeDb = open().catch((error: unknown) => {
      globalForDb.__storeDb = undefined; // let a later call retry (e.g. Postgres not up yet)
      throw error;
    });
  }
  return (await globalForDb.__storeDb).db;
}

/**
 * A statement built once per database handle instead of on every call: `build` gets the handle
 * and returns a drizzle prepared query (`.prepare(name)`). On PostgreSQL a named statement is also
 * parsed and planned once per connection, and its text is not sent again. For the hot reads (the
 * polling route, a return's first lookup), where building and sending the SQL was a visible share
 * of each request. Holds no data, only the statement.
 */
export function preparedStatement<T>(build: (db: Db) => T): () => Promise<T> {
  let made: { db: Db; statement: T } | undefined;
  return async () => {
    const db = await getDb();
    if (made?.db !== db) made = { db, statement: build(db) };
    return made.statement;
  };
}

/**
 * Runs another wing's migrations (the sandbox's) against the shared database, once per process.
 * Returns the database handle.
 */
const globalForWings = globalThis as unknown as { __dbWings?: Map<string, Promise<void>> };
export async function getDbWithMigrations(folderName: string, table: string): Promise<Db> {
  const db = await getDb();
  const opened = await globalForDb.__storeDb!;
  const wings = (globalForWings.__dbWings ??= new Map());
  let done = wings.get(folderName);
  if (!done) {
    done = opened.migrate(migrationsFolder(folderName), table).catch((error: unknown) => {
      wings.delete(folderName);
      throw error;
    });
    wings.set(folderName, done);
  }
  await done;
  return db;
}

export async function databaseKind(): Promise<Opened["kind"]> {
  await getDb();
  return (await globalForDb.__storeDb!).kind;
}

/** Closes the database (tests and scripts). */
export async function closeDb(): Promise<void> {
  const opened = globalForDb.__storeDb;
  globalForDb.__storeDb = undefined;
  globalForWings.__dbWings?.clear();
  if (opened) await (await opened).close();
}
