import { getDbWithMigrations, type Db } from "@/lib/db/client";

/**
 * The shared database with the scenarios' tables migrated (drizzle/sandbox-scenarios), lazily and
 * once per process. Never call it at import time.
 */
export function scenariosDb(): Promise<Db> {
  return getDbWithMigrations("sandbox-scenarios", "__sbx_scenarios_migrations");
}

export type ScenariosTx = Parameters<Parameters<Db["transaction"]>[0]>[0];
