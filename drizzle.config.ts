import { defineConfig } from "drizzle-kit";

// The store's own tables. Each sandbox wing has its own config and migrations folder
// (lib/sandbox/<provider>/drizzle.config.ts), so the store never depends on sandbox tables.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle/store",
});
