import { getDbWithMigrations, type Db } from "@/lib/db/client";

/**
 * The shared database with the shared sandbox tables migrated (drizzle/sandbox-shared), lazily and
 * once per process. Never call it at import time.
 */
export function sharedSandboxDb(): Promise<Db> {
  return getDbWithMigrations("sandbox-shared", "__sbx_shared_migrations");
}

export type SharedTx = Parameters<Parameters<Db["transaction"]>[0]>[0];
