import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./browser.mjs";
import { createOrder } from "./store-api.mjs";
import { percentile } from "./load-generator.mjs";

const MODES = [
  { key: "redirect", label: "Redirect" },
  { key: "popup", label: "Popup" },
  { key: "iframe", label: "Iframe" },
];

/**
 * From the Pay click on an order page to StepPay's hosted page being interactive (its first
 * button named "Pay…" visible and enabled), per mode, in Chromium. Each run is a fresh order in a
 * fresh tab of one browser context; the modes take turns. The clock is this process's: it starts
 * just before Playwright's click (which itself waits for the store's Pay button to be enabled,
 * i.e. hydrated, before starting) and stops when the provider's button is found enabled.
 * Each round's three orders are created together before its runs.
 */
export async function timeToPaymentPage({ appOrigin, sandboxOrigin, runs, deadline = Infinity, log }) {
  const browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const times = new Map(MODES.map((m) => [m.key, []]));
  try {
    // Past the deadline (a busy machine), stop after the current round, with at least 3 runs per mode.
    for (let run = 0; run <= runs && (run <= 3 || Date.now() < deadline); run++) {
      // This round's orders, created together before any clock runs.
      const orderIds = await Promise.all(MODES.map(() => createOrder(appOrigin, "steppay")));
      for (const [i, mode] of MODES.entries()) {
        const ms = await oneRun({ context, appOrigin, sandboxOrigin, mode, orderId: orderIds[i] });
        if (run > 0) times.get(mode.key).push(ms); // run 0 warms the browser cache and the routes
      }
      if (run > 0 && run % 5 === 0) log?.(`    time to payment page: ${run}/${runs} runs per mode`);
    }
  } finally {
    await browser.close();
  }
  return MODES.map((mode) => {
    const sorted = [...times.get(mode.key)].sort((a, b) => a - b);
    return { mode: mode.key, runs: sorted.length, medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90), minMs: sorted[0], maxMs: sorted.at(-1) };
  });
}

async function waitInteractive(button) {
  await button.waitFor({ state: "visible", timeout: 30_000 });
  const until = Date.now() + 30_000;
  while (!(await button.isEnabled())) {
    if (Date.now() > until) throw new Error("the provider's Pay button never became enabled");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function oneRun({ context, appOrigin, sandboxOrigin, mode, orderId }) {
  const page = await context.newPage();
  try {
    await page.goto(`${appOrigin}/orders/${orderId}`);
    await page.getByRole("radio", { name: new RegExp(`^${mode.label}`) }).check();
    const payButton = page.getByRole("button", { name: /^(Pay|Pay again)/ });
    await payButton.waitFor({ state: "visible" });
    await waitInteractive(payButton); // hydrated: a click now starts the payment
    const providerPay = (surface) => surface.getByRole("button", { name: /^Pay/ }).first();
    if (mode.key === "redirect") {
      const started = performance.now();
      await payButton.click();
      await page.waitForURL((url) => url.href.startsWith(`${sandboxOrigin}/sandbox/steppay/`), { waitUntil: "commit", timeout: 30_000 });
      await waitInteractive(providerPay(page));
      return performance.now() - started;
    }
    if (mode.key === "popup") {
      const popupPromise = page.waitForEvent("popup");
      const started = performance.now();
      await payButton.click();
      const popup = await popupPromise;
      await popup.waitForURL((url) => url.href.startsWith(`${sandboxOrigin}/sandbox/steppay/`), { waitUntil: "commit", timeout: 30_000 });
      await waitInteractive(providerPay(popup));
      const elapsed = performance.now() - started;
      await popup.close();
      return elapsed;
    }
    const started = performance.now();
    await payButton.click();
    await waitInteractive(providerPay(page.frameLocator('iframe[title="Payment page"]')));
    return performance.now() - started;
  } finally {
    await page.close();
  }
}
