import { defineConfig } from "drizzle-kit";

// The StepPay sandbox's tables only: its own migrations folder and bookkeeping table, so the
// store's schema never depends on the emulator's.
//   npx drizzle-kit generate --config lib/sandbox/steppay/drizzle.config.ts
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/sandbox/steppay/schema.ts",
  out: "./drizzle/sandbox-steppay",
});
