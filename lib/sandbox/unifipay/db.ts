import { getDbWithMigrations, type Db } from "@/lib/db/client";

/** The shared database with the sandbox's own migrations applied (lazily, once per process). */
export function unifiSandboxDb(): Promise<Db> {
  return getDbWithMigrations("sandbox-unifipay", "__sbx_unifi_migrations");
}

/** A transaction handle, for helpers that must run inside the caller's transaction. */
export type DbTransaction = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbExecutor = Db | DbTransaction;
