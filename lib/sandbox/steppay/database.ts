import { getDbWithMigrations, type Db } from "@/lib/db/client";

/**
 * The sandbox's handle on the shared database. The first call runs this wing's migrations
 * (drizzle/sandbox-steppay); never call it at import time.
 */
export function stepPayDb(): Promise<Db> {
  return getDbWithMigrations("sandbox-steppay", "__sbx_steppay_migrations");
}

/** A transaction handle, for functions that run inside one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: reads that may run inside or outside one. */
export type Executor = Db | Tx;
