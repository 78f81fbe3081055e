import { defineConfig } from "drizzle-kit";

// The Unifi Pay sandbox's tables, migrated separately from the store's (see lib/db/client.ts
// getDbWithMigrations): `npx drizzle-kit generate --config lib/sandbox/unifipay/drizzle.config.ts`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/sandbox/unifipay/schema.ts",
  out: "./drizzle/sandbox-unifipay",
});
