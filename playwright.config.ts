import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, defineConfig, devices } from "@playwright/test";

/**
 * E2E against the production build (`next build` runs first, in scripts/run-tests.mjs), with the
 * store on localhost and the sandbox on 127.0.0.1: two origins, as in the default demo.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const APP_ORIGIN = `http://localhost:${PORT}`;
export const SANDBOX_ORIGIN = `http://127.0.0.1:${PORT}`;
const DATA_DIR = process.env.E2E_PGLITE_DIR ?? path.join(".data", "e2e");

// Playwright's own Chromium when installed, else Debian's (npx playwright install cannot download here).
function chromiumPath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    /* not installed */
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

const launchOptions = {
  executablePath: chromiumPath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: APP_ORIGIN,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, testIgnore: /demo-reset\.spec\.ts/, grepInvert: /@sandbox-wide/ },
    { name: "mobile", use: { ...devices["Pixel 7"], launchOptions }, testMatch: /payment-modes\.spec\.ts/ },
    // Tests tagged @sandbox-wide change settings every test shares (they hold back every Unifi Pay
    // callback, arm a wing's one fault switch), or watch what every test changes (the sandbox
    // panel's lists): alone, after the others, so no other test meets them.
    { name: "global-settings", use: { ...devices["Desktop Chrome"], launchOptions }, testIgnore: /demo-reset\.spec\.ts/, grep: /@sandbox-wide/, workers: 1, dependencies: ["desktop", "mobile"] },
    // "Reset demo data" deletes every order: it runs last and alone, once every other project is done.
    { name: "reset", use: { ...devices["Desktop Chrome"], launchOptions }, testMatch: /demo-reset\.spec\.ts/, dependencies: ["desktop", "mobile", "global-settings"] },
  ],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `${APP_ORIGIN}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      APP_ORIGIN,
      SANDBOX_ORIGIN,
      PGLITE_DIR: DATA_DIR,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // An eager reconciler, so the suite also proves it never disturbs a payment in progress.
      RECONCILE_INTERVAL_MS: "1000",
      RECONCILE_AFTER_MS: "4000",
    },
  },
});
