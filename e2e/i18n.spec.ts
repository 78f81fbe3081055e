import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { APP_ORIGIN, SANDBOX_ORIGIN } from "../playwright.config";

/**
 * Every shop page in English and in Korean: the right `lang`, no message key leaking in place of
 * a translation, and a known sentence in the chosen language.
 */
const RAW_KEY = /\b(nav|home|product|cart|checkout|order|status|mode|popup|iframe|return|subs|substatus|refund|guide)\.[a-zA-Z_]+/;
// A source file's path (the guide's "Copy code from lib/orders/sync-order.ts") is not a message
// key, though its `order.ts` looks like one.
const FILE_PATH = /[\w@.[\]/-]+\.(?:tsx?|mjs|js|css|json)\b/g;

type Language = "en" | "ko";

// Written out rather than imported from lib/i18n, so a page that falls back to English (or to a
// key) cannot pass by reading the same table the page read.
const COPY = {
  en: {
    quantity: "Quantity",
    addToCart: "Add to cart",
    added: "Added to cart",
    home: "Small-batch coffee, tea and things for the table",
    product: "Hanok Ceramic Mug",
    cart: "Your cart",
    checkout: "Checkout",
    placeOrder: "Place order",
    guide: "Integrate StepPay and Unifi Pay",
    skip: "Skip to content",
  },
  ko: {
    quantity: "수량",
    addToCart: "장바구니 담기",
    added: "장바구니에 담았습니다",
    home: "소량 로스팅 커피와 차, 식탁 위의 물건들",
    product: "한옥 세라믹 머그",
    cart: "장바구니",
    checkout: "주문하기",
    placeOrder: "주문하기",
    guide: "스텝페이와 유니파이 페이 연동하기",
    skip: "본문으로 건너뛰기",
  },
} as const satisfies Record<Language, Record<string, string>>;

/** Everything a reader sees or hears on the page, except code (where `order.total` is just code). */
async function textOutsideCode(page: Page): Promise<string> {
  const text = await page.evaluate(() => {
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest("code, pre, script, style, template, noscript")) continue;
      parts.push(node.textContent ?? "");
    }
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join(" \n ");
  });
  return text.replace(FILE_PATH, " ");
}

async function expectTranslated(page: Page, language: Language) {
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  const leaked = (await textOutsideCode(page)).match(RAW_KEY);
  expect(leaked?.[0] ?? null, `a raw message key on ${page.url()}`).toBeNull();
}

async function chooseLanguage(context: BrowserContext, language: Language) {
  if (language === "ko") await context.addCookies([{ name: "locale", value: "ko", url: APP_ORIGIN }]);
}

for (const language of ["en", "ko"] as const) {
  test(`the shop pages speak ${language === "en" ? "English" : "Korean"}`, async ({ page, context }) => {
    const copy = COPY[language];
    await chooseLanguage(context, language);

    await page.goto("/");
    await expectTranslated(page, language);
    await expect(page.getByRole("heading", { level: 1, name: copy.home })).toBeVisible();
    await page.keyboard.press("Tab"); // a keyboard user's first stop: the skip link, in their language
    await expect(page.getByRole("link", { name: copy.skip })).toBeFocused();

    await page.goto("/products/hanok-mug");
    await expectTranslated(page, language);
    await expect(page.getByRole("heading", { level: 1, name: copy.product })).toBeVisible();
    await expect(page).toHaveTitle(`${copy.product} · Dalbit`); // the tab's title too
    await page.getByLabel(copy.quantity).selectOption("1");
    await page.getByRole("button", { name: copy.addToCart }).click();
    await expect(page.getByText(copy.added)).toBeVisible();

    await page.goto("/cart");
    await expectTranslated(page, language);
    await expect(page.getByRole("heading", { level: 1, name: copy.cart })).toBeVisible();
    await expect(page.getByRole("link", { name: copy.product })).toBeVisible();

    await page.goto("/checkout");
    await expectTranslated(page, language);
    await expect(page.getByRole("heading", { level: 1, name: copy.checkout })).toBeVisible();
    await expect(page).toHaveTitle(`${copy.checkout} · Dalbit`);
    await expect(page.getByRole("button", { name: copy.placeOrder })).toBeVisible();

    await page.goto("/integrate");
    await expectTranslated(page, language);
    await expect(page.getByRole("heading", { level: 1, name: copy.guide })).toBeVisible();
    await page.goto("/integrate?provider=unifipay&mode=iframe");
    await expectTranslated(page, language);
  });
}

test.describe("with a Korean browser", () => {
  test.use({ locale: "ko-KR" });

  test("Accept-Language picks Korean, and the header's language buttons override it", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("heading", { level: 1, name: COPY.ko.home })).toBeVisible();

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: COPY.en.home })).toBeVisible();
    await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");

    await page.goto("/integrate");
    await expectTranslated(page, "en");
    await expect(page.getByRole("heading", { level: 1, name: COPY.en.guide })).toBeVisible();
  });
});

test.describe("the providers' sandbox pages", () => {
  test.use({ locale: "ko-KR", extraHTTPHeaders: { "accept-language": "ko-KR,ko;q=0.9" } });

  test("the Unifi Pay start page follows a Korean browser and switches to English", async ({ page, request }) => {
    const created = await request.post("/api/orders", {
      data: { provider: "unifipay", countryCode: "KOR", customer: { name: "김민지", email: `ko+${Date.now()}@example.com` }, items: [{ productId: "hanok-mug", quantity: 1 }] },
    });
    const { id } = await created.json();
    await page.goto(`/api/orders/${id}/pay?mode=redirect`);
    await expect(page.locator("main[lang=ko]")).toBeVisible();
    await expect(page.getByRole("button", { name: "결제 승인" })).toBeVisible();
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "Approve payment" })).toBeVisible();
  });

  // The sandbox's page is Korean when no language is asked for, and its labels are bilingual: only
  // its lang attribute tells which language the store asked for.
  for (const [locale, name, label] of [["ko", "김민지", "카드 번호"], ["en", "Min-ji Kim", "Card number"]] as const) {
    test(`the StepPay hosted page is in the shopper's language (${locale})`, async ({ page }) => {
      await page.goto("/");
      await page.context().addCookies([{ name: "locale", value: locale, url: page.url() }]);
      const created = await page.request.post("/api/orders", {
        data: { provider: "steppay", locale, customer: { name, email: `${locale}+${Date.now()}@example.com` }, items: [{ productId: "hanok-mug", quantity: 1 }] },
      });
      const { id } = await created.json();
      await page.goto(`/api/orders/${id}/pay?mode=redirect`);
      await expect(page.locator(`main.steppay-hosted[lang=${locale}]`)).toBeVisible();
      await expect(page.getByText(label).first()).toBeVisible();
    });
  }
});

/**
 * The sandbox control panel: Korean for a Korean browser, or by its own switch (?lang=), with no
 * English left in its headings and buttons and no message key in place of a word. Brand names and
 * the APIs' own values (StepPay, ACTIVE, http500) stay as they are.
 */
const PANEL_ENGLISH = ["Sandbox control panel", "Demo scenarios", "Recent runs", "Sandbox clock", "Fault switches", "Webhook settings", "Reset demo data", "Approve", "Renew now"];
const PANEL_RAW_KEY = /\b(scenarios|scenario|clock|subscriptions|webhooks|settings|faults|callbacks|notice)\.[a-zA-Z]+|\bundefined\b|\[object Object\]/;
const BRAND_ONLY = /^(StepPay|Unifi Pay) API$/;

async function expectKoreanPanel(page: Page) {
  await expect(page.locator("div[lang=ko]").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("샌드박스 제어판");
  const names = await page.evaluate(() =>
    [...document.querySelectorAll("h1, h2, h3, button, label, th[scope=col], caption")].map((element) => (element.textContent ?? "").replace(/\s+/g, " ").trim()).filter(Boolean),
  );
  expect(names.length).toBeGreaterThan(20);
  const english = names.filter((name) => !/[\uac00-\ud7a3]/.test(name) && !BRAND_ONLY.test(name));
  expect(english, "headings, buttons, labels and column names without Korean").toEqual([]);
  for (const word of PANEL_ENGLISH) expect(names).not.toContain(word);
  const leaked = (await textOutsideCode(page)).match(PANEL_RAW_KEY);
  expect(leaked?.[0] ?? null, "a raw message key on the panel").toBeNull();
}

test.describe("the sandbox control panel", () => {
  test.describe("with a Korean browser", () => {
    test.use({ locale: "ko-KR", extraHTTPHeaders: { "accept-language": "ko-KR,ko;q=0.9" } });

    test("is in Korean, and its switch turns it to English", async ({ page }) => {
      await page.goto(`${SANDBOX_ORIGIN}/sandbox`);
      await expectKoreanPanel(page);
      await expect(page.getByRole("link", { name: "한국어" })).toHaveAttribute("aria-current", "true");
      await page.getByRole("navigation", { name: "언어" }).getByRole("link", { name: "English" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Sandbox control panel");
      await expect(page.getByRole("region", { name: "Demo scenarios" }).getByRole("button", { name: "Approve", exact: true })).toBeVisible();
    });
  });

  test("an English browser switches it to Korean, and the language stays through a scenario run", async ({ page }) => {
    await page.goto(`${SANDBOX_ORIGIN}/sandbox`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Sandbox control panel");
    await page.getByRole("link", { name: "한국어" }).click();
    await expectKoreanPanel(page);

    // A form post answers 303 back to the panel: still Korean, with the notice in Korean.
    const scenarios = page.getByRole("region", { name: "데모 시나리오" });
    await scenarios.getByRole("button", { name: "결제 승인", exact: true }).click();
    const notice = page.getByRole("status").filter({ hasText: /결제 승인: 실행 #\d+ 시작/ });
    await expect(notice).toBeVisible();
    await expect(page).toHaveURL(/[?&]lang=ko\b/);
    const runId = /실행 #(\d+)/.exec(await notice.innerText())?.[1];
    const row = scenarios.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `#${runId}`, exact: true }) });
    await expect(row).toContainText("✓ 예상대로", { timeout: 30_000 });
    await expect(row).toContainText("결제 완료 (paid)");
    await expect(row.getByRole("link", { name: "상점에서 주문 열기" })).toBeVisible();
    await expectKoreanPanel(page);
  });
});
