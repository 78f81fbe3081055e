import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    // Each test file runs in its own worker with a fresh in-memory PGlite database.
    env: { PGLITE_DIR: "memory://", APP_ORIGIN: "http://localhost:3000", SANDBOX_ORIGIN: "http://127.0.0.1:3000" },
    testTimeout: 20_000,
  },
});
