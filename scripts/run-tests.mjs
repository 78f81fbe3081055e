#!/usr/bin/env node
/**
 * `npm test`: every test the project has, in order: house rules, unit tests, a production build,
 * then the end-to-end suite in a real Chromium against that build. Exits non-zero if any fails.
 *
 *   node scripts/run-tests.mjs              everything
 *   node scripts/run-tests.mjs --only=unit  one group (unit | e2e | reliability; e2e and reliability build first)
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const results = [];

function run(name, command, args, extraEnv = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok) finish();
}

function finish() {
  console.log("\nTest stages:");
  for (const r of results) console.log(`  ${r.ok ? "✔" : "✘"} ${r.name} (${r.seconds}s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`stages: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

function hasPlaywrightChromium() {
  const probe = spawnSync(process.execPath, ["-e", "const {chromium}=require('@playwright/test');process.exit(require('fs').existsSync(chromium.executablePath())?0:1)"]);
  return probe.status === 0;
}

function ensureChromium() {
  if (hasPlaywrightChromium() || existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() === 0) {
    console.log("▶ Installing Debian's chromium for the end-to-end tests (apt-get)");
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...env, DEBIAN_FRONTEND: "noninteractive" } }) : update;
    if (install.status === 0 && existsSync("/usr/bin/chromium")) return;
  }
  console.error("No Chromium found. Install Playwright's (npx playwright install chromium) or Debian's (apt-get install chromium).");
  process.exit(1);
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";

// Distinctive fake secrets in the build's environment: the reliability suite then proves that none
// of them (nor the sandbox's demo secrets) ends up in the browser bundle.
const FAKE_BUILD_SECRETS = {
  STEPPAY_SECRET_TOKEN: "fake-live-steppay-token-7f3a9c51",
  STEPPAY_WEBHOOK_SECRET: "fake-live-steppay-whsec-2b8d4e07",
  UNIFIPAY_APP_SECRET: "fake-live-unifi-secret-c93e07aa",
  UNIFIPAY_API_KEY: "fake-live-unifi-apikey-5d1f66b2",
};

if (!only || only === "unit") {
  run("house rules", process.execPath, ["scripts/check-boundaries.mjs"]);
  run("typecheck", npx, ["tsc", "--noEmit"]);
  run("unit tests", npx, ["vitest", "run"]);
}
if (!only || only === "e2e" || only === "reliability") {
  run("production build", npx, ["next", "build"], FAKE_BUILD_SECRETS);
  run("compile hints on the startup chunks", process.execPath, ["scripts/compile-hints.mjs"]);
}
if (!only || only === "e2e") {
  ensureChromium();
  const dataDir = path.join(".data", "e2e");
  rmSync(dataDir, { recursive: true, force: true });
  run("end-to-end tests", npx, ["playwright", "test"], { E2E_PGLITE_DIR: dataDir });
}
if (!only || only === "reliability") {
  run("reliability and security proof", process.execPath, ["scripts/reliability/run.mjs"], {
    RELIABILITY_FAKE_SECRETS: Object.values(FAKE_BUILD_SECRETS).join(","),
  });
}
finish();
