import { expect, test, type Page } from "@playwright/test";
import { APP_ORIGIN, SANDBOX_ORIGIN } from "../playwright.config";
import { expectNoViolations } from "./support/axe";

/**
 * A lost shopper: a mistyped product, an order id nobody has, a URL no route matches. Each answers
 * 404 with the shop's own page in the shopper's language and a way back, never Next's default.
 * On the sandbox's origin the provider's side says so without the store's brand.
 */
async function open(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
}

test("an unknown product: the shop's 404 inside its header and footer, and the way back home", async ({ page }) => {
  await open(page, "/products/no-such-teapot");
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible(); // the shop's header is there
  await expect(page.getByText("This page could not be found")).toHaveCount(0); // not Next's default page
  await expectNoViolations(page, "the shop's 404");
  await page.getByRole("link", { name: "Back to the shop" }).last().click();
  await expect(page).toHaveURL(`${APP_ORIGIN}/`);
  await expect(page.getByRole("link", { name: /Hanok Ceramic Mug/ }).first()).toBeVisible();
});

test("an order id nobody has, a malformed one, and a URL no route matches", async ({ page }) => {
  for (const url of ["/orders/00000000-0000-4000-8000-000000000000", "/orders/not-an-id", "/no-such-page/at-all"]) {
    await open(page, url);
    await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" }), url).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the shop" }), url).toBeVisible();
  }
});

test("a stale pay link opened in the browser: the shop's page for an unknown order, not JSON; an API client still gets JSON", async ({ page, request }) => {
  for (const mode of ["redirect", "popup"]) {
    await open(page, `/api/orders/00000000-0000-4000-8000-000000000000/pay?mode=${mode}`);
    await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
  }
  const api = await request.get("/api/orders/00000000-0000-4000-8000-000000000000/pay?mode=redirect", { maxRedirects: 0 });
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("order_not_found");
});

test("in Korean when the shopper chose Korean", async ({ page, context }) => {
  await context.addCookies([{ name: "locale", value: "ko", url: APP_ORIGIN }]);
  await open(page, "/products/no-such-teapot");
  await expect(page.getByRole("heading", { level: 1, name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await open(page, "/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await expect(page.getByRole("link", { name: "상점으로 돌아가기" })).toBeVisible();
});

test("on the sandbox's origin: the provider's own 404, without the store's brand", async ({ page }) => {
  for (const url of [`${SANDBOX_ORIGIN}/sandbox/unifipay/start/no-such-transaction`, `${SANDBOX_ORIGIN}/sandbox/no-such-page`]) {
    await open(page, url);
    await expect(page.getByRole("heading", { level: 1, name: /Not found in the payment sandbox/ }), url).toBeVisible();
    await expect(page.getByText(/Dalbit/), url).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Sandbox panel/ }), url).toHaveAttribute("href", "/sandbox");
  }
});
