#!/usr/bin/env node
/**
 * `npm run screenshots`: captures the demo into docs/screenshots/ by driving the real UI in
 * Chromium, with the same roles and labels as the e2e specs (e2e/support/shop.ts). It builds
 * nothing: it expects a running store (APP_ORIGIN, default http://localhost:3000) with its
 * sandbox (SANDBOX_ORIGIN, default http://127.0.0.1:3000), and places a few demo orders there.
 *
 *   APP_ORIGIN=http://localhost:3401 SANDBOX_ORIGIN=http://127.0.0.1:3401 node scripts/screenshots.mjs
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const APP_ORIGIN = (process.env.APP_ORIGIN || "http://localhost:3000").replace(/\/+$/, "");
const SANDBOX_ORIGIN = (process.env.SANDBOX_ORIGIN || "http://127.0.0.1:3000").replace(/\/+$/, "");
const OUT_DIR = path.join(process.cwd(), "docs", "screenshots");
const VIEWPORT = { width: 1280, height: 800 };
const POPUP = { width: 425, height: 812 };
// Past this a PNG is re-encoded with fewer colours (see shrink below).
const MAX_BYTES = 300 * 1024;

async function serverIsUp() {
  try {
    const response = await fetch(`${APP_ORIGIN}/api/health`, { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

if (!(await serverIsUp())) {
  console.error(`No store answers at ${APP_ORIGIN}/api/health.

Start one first, in another terminal:
  npm run build && npm start                 # store on http://localhost:3000, sandbox on http://127.0.0.1:3000
or point this script at a running one:
  APP_ORIGIN=http://localhost:3401 SANDBOX_ORIGIN=http://127.0.0.1:3401 npm run screenshots`);
  process.exit(1);
}

// Playwright's own Chromium when installed, else Debian's (as playwright.config.ts does).
function executablePath() {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    /* not installed */
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

const browser = await chromium.launch({
  executablePath: executablePath(),
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ baseURL: APP_ORIGIN, viewport: VIEWPORT, locale: "en-US", deviceScaleFactor: 1 });
mkdirSync(OUT_DIR, { recursive: true });

/** Writes one PNG, smaller if needed, and reports it. */
async function save(name, png) {
  const file = path.join(OUT_DIR, name);
  writeFileSync(file, png.length > MAX_BYTES ? await shrink(png) : png);
  console.log(`  ✔ ${path.relative(process.cwd(), file)} (${Math.round(statSync(file).size / 1024)} KB)`);
}

/**
 * Lossy but faithful: quantises each channel in a canvas (in the browser we already have, so no
 * image package is needed) until the PNG fits, like a JPEG-quality PNG.
 */
async function shrink(png) {
  const page = await browser.newPage();
  try {
    for (const levels of [32, 24, 16]) {
      const base64 = await page.evaluate(
        async ({ data, levels }) => {
          const image = new Image();
          image.src = `data:image/png;base64,${data}`;
          await image.decode();
          const canvas = document.createElement("canvas");
          canvas.width = image.naturalWidth;
          canvas.height = image.naturalHeight;
          const context = canvas.getContext("2d");
          context.drawImage(image, 0, 0);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
          const step = 255 / (levels - 1);
          for (let i = 0; i < pixels.data.length; i += 4) {
            for (let c = 0; c < 3; c += 1) pixels.data[i + c] = Math.round(Math.round(pixels.data[i + c] / step) * step);
          }
          context.putImageData(pixels, 0, 0);
          return canvas.toDataURL("image/png").slice("data:image/png;base64,".length);
        },
        { data: png.toString("base64"), levels },
      );
      const smaller = Buffer.from(base64, "base64");
      if (smaller.length <= MAX_BYTES || levels === 16) return smaller;
    }
  } finally {
    await page.close();
  }
  return png;
}

/** A still picture: images in view loaded (product pictures load lazily), no focus ring, no caret. */
async function shoot(page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForFunction(() =>
    [...document.images]
      .filter((image) => {
        const box = image.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
      })
      .every((image) => image.complete && image.naturalWidth > 0),
  );
  await page.evaluate(() => document.activeElement?.blur?.());
  return page.screenshot({ animations: "disabled", caret: "hide" });
}

async function addToCart(page, productId) {
  await page.goto(`/products/${productId}`);
  await page.getByLabel("Quantity").selectOption("1");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart").waitFor();
}

async function fillCheckout(page, provider) {
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Kim Minji");
  await page.getByLabel("Email").fill("minji.kim@example.com");
  if (provider === "unifipay") {
    await page.getByRole("radio", { name: /Unifi Pay/ }).check();
    await page.getByLabel("Country").selectOption("USA");
  }
}

/** A fresh order for `provider`, and the order page open in `page`. */
async function newOrder(page, provider, productIds = ["hanok-mug"]) {
  for (const id of productIds) await addToCart(page, id);
  await fillCheckout(page, provider);
  await page.getByRole("button", { name: /Place order/ }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
}

async function chooseMode(page, mode) {
  await page.getByRole("radio", { name: new RegExp(`^${mode}`) }).check();
}

const payButton = (page) => page.getByRole("button", { name: /^Pay ₩|^Pay \$/ });

/** StepPay's hosted page, typed in like a shopper would (works before its script hydrates). */
async function fillTestCard(surface) {
  await surface.getByLabel("Card number").fill("4242 4242 4242 4242");
  await surface.getByLabel("Expiry (MM/YY)").fill("12/34");
  await surface.getByLabel("CVC").fill("123");
  await surface.getByLabel("Name on card").fill("KIM MINJI");
}

/** Lays the popup over the storefront tab, as a shopper sees the two windows. */
async function popupComposite(storefront, popup) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0;width:${VIEWPORT.width}px;height:${VIEWPORT.height}px;overflow:hidden;position:relative">
      <img src="data:image/png;base64,${storefront.toString("base64")}" style="position:absolute;inset:0;width:100%;filter:brightness(.82)">
      <div style="position:absolute;top:40px;right:120px;width:${POPUP.width * 0.86}px;border-radius:10px;overflow:hidden;box-shadow:0 24px 60px rgba(0,0,0,.45);background:#fff">
        <div style="height:26px;background:#e8e8ea;display:flex;align-items:center;gap:6px;padding:0 10px;font:11px system-ui;color:#555">
          <span style="width:9px;height:9px;border-radius:50%;background:#ff5f57"></span><span style="width:9px;height:9px;border-radius:50%;background:#febc2e"></span><span style="width:9px;height:9px;border-radius:50%;background:#28c840"></span>
          <span style="margin-left:8px">${new URL(SANDBOX_ORIGIN).host}</span>
        </div>
        <img src="data:image/png;base64,${popup.toString("base64")}" style="display:block;width:100%">
      </div></body></html>`);
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    return await shoot(page);
  } finally {
    await page.close();
  }
}

const shots = {
  async "01-storefront.png"(page) {
    await page.goto("/");
    return shoot(page);
  },
  async "02-product.png"(page) {
    await page.goto("/products/hanok-mug");
    return shoot(page);
  },
  async "03-checkout.png"(page) {
    await addToCart(page, "hanok-mug");
    await addToCart(page, "jeju-green-tea");
    await fillCheckout(page, "steppay");
    return shoot(page);
  },
  async "04-steppay-redirect.png"(page) {
    // Places the order filled in on the checkout above.
    await page.getByRole("button", { name: /Place order/ }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await chooseMode(page, "Redirect");
    await payButton(page).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/steppay/**`);
    await fillTestCard(page);
    const png = await shoot(page);
    // Finish it, so the paid order page can be captured next.
    await page.getByRole("button", { name: /^Pay/ }).click();
    await page.waitForURL(new RegExp(`^${APP_ORIGIN}/orders/[0-9a-f-]{36}$`));
    await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();
    return png;
  },
  async "05-order-paid.png"(page) {
    // The page left on the paid order by the redirect payment above.
    await page.reload();
    await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor();
    return shoot(page);
  },
  async "06-popup.png"(page) {
    await newOrder(page, "steppay");
    await chooseMode(page, "Popup");
    const popupOpened = page.waitForEvent("popup");
    await payButton(page).click();
    const popup = await popupOpened;
    await popup.setViewportSize(POPUP);
    await popup.waitForURL(`${SANDBOX_ORIGIN}/sandbox/steppay/**`);
    await page.getByText("Complete the payment in the other window").waitFor();
    await fillTestCard(popup);
    const storefront = await shoot(page);
    const popupPng = await shoot(popup);
    const closed = popup.waitForEvent("close");
    await popup.getByRole("button", { name: /^Pay/ }).click();
    await closed;
    return popupComposite(storefront, popupPng);
  },
  async "07-iframe.png"(page) {
    await newOrder(page, "steppay");
    await chooseMode(page, "Iframe");
    await payButton(page).click();
    const dialog = page.getByRole("dialog", { name: /Secure payment/ });
    await dialog.waitFor();
    const frame = page.frameLocator('iframe[title="Payment page"]');
    await fillTestCard(frame);
    const png = await shoot(page);
    await frame.getByRole("button", { name: /^Pay/ }).click();
    await dialog.waitFor({ state: "hidden" });
    return png;
  },
  async "08-unifipay-start.png"(page) {
    await newOrder(page, "unifipay", ["pour-over-kettle"]);
    await chooseMode(page, "Redirect");
    await payButton(page).click();
    await page.waitForURL(`${SANDBOX_ORIGIN}/sandbox/unifipay/**`);
    await page.getByRole("button", { name: "Approve payment", exact: true }).waitFor();
    const png = await shoot(page);
    await page.getByRole("button", { name: "Approve payment", exact: true }).click();
    await page.waitForURL(new RegExp(`^${APP_ORIGIN}/orders/`));
    return png;
  },
  async "09-integration-guide.png"(page) {
    await page.goto("/integrate?provider=steppay&mode=popup");
    return shoot(page);
  },
  async "10-sandbox-panel.png"(page) {
    const response = await page.goto(`${SANDBOX_ORIGIN}/sandbox`);
    if (response?.status() !== 200) return null;
    return shoot(page);
  },
};

console.log(`Capturing ${APP_ORIGIN} (sandbox ${SANDBOX_ORIGIN}) into ${path.relative(process.cwd(), OUT_DIR)}/`);
const page = await context.newPage();
const failed = [];
for (const [name, capture] of Object.entries(shots)) {
  try {
    const png = await capture(page);
    if (png) await save(name, png);
    else console.log(`  – ${name}: skipped (${SANDBOX_ORIGIN}/sandbox did not answer 200)`);
  } catch (error) {
    failed.push(name);
    console.error(`  ✘ ${name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
await browser.close();
if (failed.length) {
  console.error(`${failed.length} screenshot(s) failed: ${failed.join(", ")}`);
  process.exit(1);
}
