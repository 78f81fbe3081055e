import { expect, test, type Page } from "@playwright/test";
import { APP_ORIGIN, SANDBOX_ORIGIN } from "../playwright.config";
import { createOrder, startPayment } from "./support/api";

/**
 * A shopper on a small phone (360 px wide), in both languages: the shop's header fits the screen,
 * and no page (the shop's, the hosted payment pages, the sandbox panel) scrolls sideways.
 * The page never scrolls sideways, and the brand, every link and both language buttons are on
 * screen, each on one line, none overlapping another (the brand's name used to run over "Shop",
 * 한국어 to fall off the edge, and Korean labels to break inside a word).
 */
test.use({ viewport: { width: 360, height: 740 } });

for (const language of ["en", "ko"] as const) {
  test(`the header fits a 360 px phone in ${language === "en" ? "English" : "Korean"}`, async ({ page, context }) => {
    if (language === "ko") await context.addCookies([{ name: "locale", value: "ko", url: APP_ORIGIN }]);
    await page.goto("/");
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways, "the page scrolls sideways").toBeLessThanOrEqual(0);

    const header = page.getByRole("banner");
    const nav = header.getByRole("navigation");
    const items = [header.getByRole("link").first(), ...(await nav.getByRole("link").all()), ...(await nav.getByRole("button").all())];
    expect(items.length).toBe(6); // brand, shop, guide, cart, English, 한국어
    const boxes = [];
    for (const item of items) {
      await expect(item).toBeVisible();
      const box = (await item.boundingBox())!;
      expect(box.x, `${await item.textContent()} starts off screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${await item.textContent()} ends off screen`).toBeLessThanOrEqual(360);
      // One line each: 장바구니 split into 장바 / 구니 (or the brand over three lines) is taller.
      expect(box.height, `${await item.textContent()} wraps`).toBeLessThanOrEqual(40);
      boxes.push(box);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `header items ${i} and ${j} overlap`).toBe(false);
      }
    }
  });
}

/** How far the page scrolls sideways (0 or less: not at all). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const language of ["en", "ko"] as const) {
  test(`no page scrolls sideways on a 360 px phone in ${language === "en" ? "English" : "Korean"}`, async ({ page, context, request }) => {
    if (language === "ko") await context.addCookies([{ name: "locale", value: "ko", url: APP_ORIGIN }]);
    await context.addCookies([{ name: "cart", value: encodeURIComponent(JSON.stringify([{ p: "hanok-mug", q: 1 }])), url: APP_ORIGIN }]);
    const stepPayOrder = await createOrder(request, "steppay");
    await startPayment(request, stepPayOrder);
    const stepPayPage = await startPayment(request, stepPayOrder); // a second start re-verifies: the timeline shows its checks table
    const unifiOrder = await createOrder(request, "unifipay");
    const unifiPage = await startPayment(request, unifiOrder);
    const pages = ["/", "/products/hanok-mug", "/cart", "/checkout", `/orders/${stepPayOrder}`, `/orders/${unifiOrder}`, "/integrate", stepPayPage, unifiPage, `${SANDBOX_ORIGIN}/sandbox`];
    for (const url of pages) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(await sideways(page), `${url} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });
}
