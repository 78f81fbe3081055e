import { defineConfig } from "drizzle-kit";

// The tables both sandbox wings share (the fault switch). Their own migrations folder and
// bookkeeping table, so neither wing's schema depends on the other's.
//   npx drizzle-kit generate --config lib/sandbox/shared/drizzle.config.ts
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/sandbox/shared/schema.ts",
  out: "./drizzle/sandbox-shared",
});
