import { existsSync } from "node:fs";

/** The Chromium the e2e tests use (playwright.config.ts): Playwright's own when installed, else Debian's. */
export async function chromiumExecutable() {
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* Playwright's browser not installed */
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error("No Chromium found: install Playwright's (npx playwright install chromium) or Debian's (apt-get install chromium)");
}

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
