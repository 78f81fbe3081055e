import { defineConfig } from "drizzle-kit";

// The demo scenarios' tables: their own migrations folder and bookkeeping table, like each wing.
//   npx drizzle-kit generate --config lib/sandbox/scenarios/drizzle.config.ts
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/sandbox/scenarios/schema.ts",
  out: "./drizzle/sandbox-scenarios",
});
