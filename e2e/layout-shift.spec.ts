import { expect, test, type Page } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { createOrder, decideUnifi, startUnifi } from "./support/api";
import { addToCart, checkout, expectOrderStatus, payOnStepPay } from "./support/shop";

/**
 * "No layout shift", measured: the browser's own layout-shift entries (the ones Core Web Vitals'
 * CLS is made of), summed without those that follow the shopper's input, on every kind of page,
 * while it loads and settles (images, fonts, data fetched after hydration, the inspector filling in).
 */
const BUDGET = 0.01;
// Long enough for a page's client data (SWR's first fetch, the inspector's timeline) to land.
const SETTLE_MS = 2_500;
// The sandbox panel re-renders itself from the server every 4 s: watch it through one refresh.
const PANEL_SETTLE_MS = 5_000;

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const store = window as unknown as { __layoutShift: { value: number; sources: string[] } };
    store.__layoutShift = { value: 0, sources: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] })[]) {
        if (entry.hadRecentInput) continue;
        store.__layoutShift.value += entry.value;
        // What moved, for the report: the element, its text, and its top edge before → after.
        const moved = (entry.sources ?? []).map((source) => {
          const element = source.node instanceof Element ? source.node : source.node?.parentElement;
          const name = element ? `<${element.tagName.toLowerCase()}> “${(element.textContent ?? "").trim().slice(0, 40)}”` : "(gone)";
          return `${name} y ${Math.round(source.previousRect.y)} → ${Math.round(source.currentRect.y)}`;
        });
        store.__layoutShift.sources.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${moved.join("; ")}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
});

/** Waits for the page to settle, then answers its cumulative layout shift so far (and prints it). */
async function layoutShift(page: Page, what: string, settleMs: number): Promise<number> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(settleMs);
  const { value, sources } = await page.evaluate(() => (window as unknown as { __layoutShift: { value: number; sources: string[] } }).__layoutShift);
  console.log(`layout shift · ${what}: ${value.toFixed(4)}${sources.length ? `\n    ${sources.join("\n    ")}` : ""}`);
  return value;
}

async function expectStable(page: Page, what: string, settleMs = SETTLE_MS) {
  expect(await layoutShift(page, what, settleMs), `cumulative layout shift on ${what}`).toBeLessThanOrEqual(BUDGET);
}

test("the shop's pages do not move while they load", async ({ page }) => {
  await page.goto("/");
  await expectStable(page, "home");

  await page.goto("/products/hanok-mug");
  await expectStable(page, "product page");

  await addToCart(page, "hanok-mug");
  await page.goto("/cart");
  await expectStable(page, "cart with an item");

  await page.goto("/checkout");
  await expectStable(page, "checkout");

  await page.goto("/integrate");
  await expectStable(page, "integration guide");
});

test("an order page stays put while pending and as the payment lands", async ({ page, request }) => {
  const orderId = await createOrder(request, "unifipay");
  const transactionId = await startUnifi(request, orderId);
  await page.goto(`/orders/${orderId}`);
  await expectOrderStatus(page, "Awaiting payment");
  await expectStable(page, "pending order page");

  // Approved on the provider's side, with no input on this page: it learns of it by polling.
  await decideUnifi(request, transactionId, "approve");
  await expectOrderStatus(page, "Paid");
  await expectStable(page, "order page, pending then paid");
});

test("a StepPay order page as it becomes paid and offers a refund", async ({ page, context }) => {
  await addToCart(page, "hanok-mug");
  const orderId = await checkout(page);
  await expectStable(page, "pending StepPay order page");

  // The shopper pays in another tab (the hosted page opened by its start URL); its landing page
  // tells this tab, which re-reads the order: no input on this page.
  const other = await context.newPage();
  await other.goto(`/api/orders/${orderId}/pay?mode=popup`);
  await payOnStepPay(other, "Approved");
  await other.waitForURL(`**/orders/${orderId}/return?**`);
  await expectOrderStatus(page, "Paid");
  await expect(page.getByRole("heading", { name: "Refund" })).toBeVisible();
  await expectStable(page, "StepPay order page, pending then paid");
});

// The panel lists every test's scenario runs and deliveries: a run another test starts, put at the
// top by the panel's refresh, moves the rows under it. Alone (@sandbox-wide), nothing else does.
test("the sandbox panel, through one of its own refreshes", { tag: "@sandbox-wide" }, async ({ page }) => {
  await page.goto(`${SANDBOX_ORIGIN}/sandbox`);
  await expectStable(page, "sandbox panel", PANEL_SETTLE_MS);
  await page.goto(`${SANDBOX_ORIGIN}/sandbox?lang=ko`);
  await expectStable(page, "sandbox panel in Korean", PANEL_SETTLE_MS);
});
