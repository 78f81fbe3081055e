import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Response } from "@playwright/test";

/**
 * The production build marks the framework's startup chunks with V8's compile hint
 * (scripts/compile-hints.mjs, run by `npm run build` and by the test build), so Chrome compiles them
 * off the main thread. This checks what the browser actually receives: every startup chunk the build
 * lists is loaded by a shop page and starts with the hint, exactly once.
 */
const HINT = "//# allFunctionsCalledOnLoad\n";

test("every startup chunk a page loads carries the compile hint once", async ({ page }) => {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const roots: string[] = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")).rootMainFiles;
  expect(roots.length).toBeGreaterThan(0);

  const scripts = new Map<string, Response>();
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith("/_next/static/chunks/") && pathname.endsWith(".js")) scripts.set(pathname.slice("/_next/".length), response);
  });
  await page.goto("/products/hanok-mug");
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();

  for (const file of roots) {
    const response = scripts.get(file);
    expect(response, `${file} is loaded by the page`).toBeDefined();
    const code = await response!.text();
    expect(code.startsWith(HINT), `${file} starts with the hint`).toBe(true);
    expect(code.slice(HINT.length).startsWith("//# allFunctionsCalledOnLoad"), `${file} has it once`).toBe(false);
  }
});
