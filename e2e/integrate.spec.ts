import { ASSUMPTIONS } from "../lib/integration-guide/assumptions";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { LIVE_VARIABLES } from "../lib/integration-guide/environment";
import { GUIDE_MODES, GUIDE_PROVIDERS, guideSteps, type ExcerptSpec } from "../lib/integration-guide/manifest";
import { APP_ORIGIN } from "../playwright.config";

/**
 * The integration guide (/integrate) shows the code that runs each step, cut from the real source
 * files. These tests read the same files from disk and hold every block on the page against them,
 * so a guide that drifts from the code fails here. The region rules are re-derived below from the
 * manifest's markers, independently of lib/integration-guide/load-excerpt.ts.
 */

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

function onlyLineWith(lines: string[], text: string, from = 0): number {
  const found = lines.flatMap((line, index) => (index >= from && line.includes(text) ? [index] : []));
  expect(found, `exactly one line with ${JSON.stringify(text)}`).toHaveLength(1);
  return found[0]!;
}

function dedent(lines: string[]): string {
  const indent = (line: string) => line.length - line.trimStart().length;
  const common = Math.min(...lines.filter((line) => line.trim()).map(indent));
  return lines.map((line) => line.slice(Math.min(common, indent(line)))).join("\n");
}

/** Checks the lines the page claims against the file as it is now, and returns the code expected there. */
function currentSource(spec: ExcerptSpec, startLine: number, endLine: number): string {
  const lines = readFileSync(spec.path, "utf8").split("\n");
  const marker = onlyLineWith(lines, spec.start);
  // The region starts at the marker, or at the doc comment right above it.
  const first = startLine - 1;
  expect(first).toBeLessThanOrEqual(marker);
  for (const line of lines.slice(first, marker)) expect(isComment(line), `comment line above ${spec.start}`).toBe(true);
  if (spec.withDocComment && first > 0) expect(isComment(lines[first - 1]!)).toBe(false);
  if (!spec.withDocComment) expect(first).toBe(marker);
  // It ends at the first line that is exactly the end marker.
  const searchFrom = spec.endAfter ? onlyLineWith(lines, spec.endAfter, marker) : marker;
  const last = lines.findIndex((line, index) => index >= searchFrom && line.trimEnd() === spec.end);
  expect(last, `end line ${JSON.stringify(spec.end)} in ${spec.path}`).toBeGreaterThanOrEqual(0);
  expect(endLine).toBe(last + 1);
  return dedent(lines.slice(first, last + 1));
}

for (const provider of GUIDE_PROVIDERS) {
  for (const mode of GUIDE_MODES) {
    test(`${provider} by ${mode}: every excerpt is the current source, and Copy copies exactly it`, async ({ page, context }) => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP_ORIGIN });
      await page.goto(`/integrate?provider=${provider}&mode=${mode}`);

      const specs = guideSteps(provider, mode).flatMap((step) => step.excerpts);
      const figures = page.locator("figure[data-excerpt]");
      await expect(figures).toHaveCount(specs.length);
      expect(await figures.evaluateAll((all) => all.map((figure) => (figure as HTMLElement).dataset.excerpt))).toEqual(specs.map((spec) => spec.id));

      for (const spec of specs) {
        const figure = page.locator(`figure[data-excerpt="${spec.id}"]`);
        const startLine = Number(await figure.getAttribute("data-start-line"));
        const endLine = Number(await figure.getAttribute("data-end-line"));
        const expected = currentSource(spec, startLine, endLine);

        await expect(figure.locator("figcaption")).toContainText(spec.path);
        await expect(figure.locator("figcaption")).toContainText(`lines ${startLine}–${endLine}`);
        expect(await figure.locator("pre > code").textContent(), `${spec.id} shows ${spec.path}:${startLine}-${endLine}`).toBe(expected);

        const copy = figure.getByRole("button", { name: `Copy code from ${spec.path}` });
        await copy.click();
        await expect(copy).toHaveText(/Copied/);
        expect(await page.evaluate(() => navigator.clipboard.readText()), `clipboard after copying ${spec.id}`).toBe(expected);
      }
    });
  }
}

test("the provider and mode switches change the steps, by mouse, keyboard and without JavaScript", async ({ page, browser }) => {
  await page.goto("/integrate");
  const providers = page.getByRole("navigation", { name: "Provider" });
  const modes = page.getByRole("navigation", { name: "Payment page opened by" });
  await expect(providers.getByRole("link", { name: "StepPay" })).toHaveAttribute("aria-current", "page");
  await expect(modes.getByRole("link", { name: "Redirect" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "The flow: StepPay · Redirect" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Open the payment page by redirect" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Come back to the return URL (or a webhook)" })).toBeVisible();
  await expect(page.locator('[data-excerpt="steppay-get-pay-link"]')).toBeVisible();

  await providers.getByRole("link", { name: "Unifi Pay" }).click();
  await expect(page).toHaveURL(/\/integrate\?provider=unifipay&mode=redirect$/);
  await expect(providers.getByRole("link", { name: "Unifi Pay" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Come back to the return URL (or the callback)" })).toBeVisible();
  await expect(page.locator('[data-excerpt="unifipay-create-payment"]')).toBeVisible();
  await expect(page.locator('[data-excerpt="steppay-get-pay-link"]')).toHaveCount(0);

  await modes.getByRole("link", { name: "Popup" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/integrate\?provider=unifipay&mode=popup$/);
  await expect(page.getByRole("heading", { name: "Open the payment page in a popup" })).toBeVisible();
  await expect(page.locator('[data-excerpt="browser-open-popup"]')).toBeVisible();
  await expect(page.locator('[data-excerpt="store-popup-channel"]')).toBeVisible();
  await expect(page.locator('[data-excerpt="browser-open-redirect"]')).toHaveCount(0);

  // An unknown choice falls back to the first one rather than failing.
  await page.goto("/integrate?provider=paypal&mode=%3Cscript%3E");
  await expect(page.getByRole("heading", { name: "The flow: StepPay · Redirect" })).toBeVisible();

  // Server-rendered: the links work with JavaScript off.
  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: APP_ORIGIN });
  const bare = await noScript.newPage();
  await bare.goto("/integrate?provider=steppay&mode=iframe");
  await expect(bare.getByRole("heading", { name: "Open the payment page in an iframe" })).toBeVisible();
  await expect(bare.locator('[data-excerpt="browser-iframe-dialog"]')).toBeVisible();
  await bare.getByRole("navigation", { name: "Payment page opened by" }).getByRole("link", { name: "Redirect" }).click();
  await expect(bare).toHaveURL(/mode=redirect$/);
  await expect(bare.getByRole("heading", { name: "Open the payment page by redirect" })).toBeVisible();
  await noScript.close();
});

test("lists the variables to set for live use and the assumptions to confirm per provider", async ({ page }) => {
  await page.goto("/integrate");
  await expect(page.getByRole("heading", { name: "Environment variables for live use" })).toBeVisible();
  const table = page.getByRole("table");
  for (const variable of LIVE_VARIABLES.flatMap((group) => group.variables)) {
    await expect(table.getByRole("rowheader", { name: variable.name, exact: true })).toBeVisible();
  }
  await expect(table.getByRole("row", { name: /STEPPAY_API_BASE/ })).toContainText("https://api.steppay.kr");

  await expect(page.getByRole("heading", { name: "Assumptions to confirm with each provider" })).toBeVisible();
  const stepPay = page.getByRole("region", { name: "StepPay", exact: true });
  const unifi = page.getByRole("region", { name: "Unifi Pay", exact: true });
  const both = page.getByRole("region", { name: "Both providers", exact: true });
  // As many as the manifest lists (whose unit test holds it to the README's Assumptions).
  const count = (id: string) => ASSUMPTIONS.find((group) => group.id === id)!.items.length;
  await expect(stepPay.getByRole("listitem")).toHaveCount(count("steppay"));
  await expect(unifi.getByRole("listitem")).toHaveCount(count("unifipay"));
  await expect(both.getByRole("listitem")).toHaveCount(count("both"));
  await expect(stepPay).toContainText("StepPay has no quantity field");
  await expect(unifi).toContainText("the one field to confirm with LINE NEXT");
});

test("a copy button has a visible focus style", async ({ page }) => {
  await page.goto("/integrate");
  const copy = page.getByRole("button", { name: /^Copy code from app\/api\/orders\/route\.ts/ });
  await expect(copy).toBeEnabled();
  const unfocused = await copy.evaluate((button) => getComputedStyle(button).boxShadow);
  await copy.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(copy).toBeFocused();
  expect(await copy.evaluate((button) => getComputedStyle(button).boxShadow)).not.toBe(unfocused);
});
