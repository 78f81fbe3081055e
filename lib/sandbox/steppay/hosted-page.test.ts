import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { payWithCard, RETURN_URLS, seedCatalog, storeClient, tokenOf } from "./test-fixtures";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";

/**
 * Renders the hosted payment page (a server component) to HTML outside Next, to check what the
 * shopper gets without JavaScript: the form, its labels, the buttons' names, the status panels.
 */
vi.mock("next/server", () => ({ connection: async () => undefined }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["steppay"]), DATABASE_WARM_UP_MS);

const { default: StepPayCheckoutPage } = await import("@/app/sandbox/steppay/checkout/[token]/page");

const client = storeClient();

async function renderPage(token: string, query: Record<string, string | string[]> = {}): Promise<string> {
  const element = await StepPayCheckoutPage({ params: Promise.resolve({ token }), searchParams: Promise.resolve(query) });
  return renderToStaticMarkup(element);
}

async function openCheckout(lang?: string) {
  const seeded = await seedCatalog(client, { oneTime: 29_500 });
  const order = await client.createOrder({
    customerId: seeded.customer.id,
    items: [{ productCode: seeded.product.code, priceCode: seeded.oneTime.code, currency: "KRW", quantity: 2 }],
  });
  const pageUrl = await client.getPayLink(order.orderCode, { ...RETURN_URLS, lang });
  return { order, pageUrl, token: tokenOf(pageUrl) };
}

/** The text content of the first element matching a tag and attribute snippet (accessible-name-ish). */
function textOf(html: string, opening: RegExp): string | null {
  const match = opening.exec(html);
  if (!match) return null;
  const rest = html.slice(match.index + match[0].length);
  const tag = /^<(\w+)/.exec(match[0])![1]!;
  const end = rest.indexOf(`</${tag}>`);
  return rest
    .slice(0, end)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the hosted payment page", () => {
  it("in English: brand, sandbox badge, summary, labelled card form, Pay and Cancel, test cards", async () => {
    const { token, pageUrl, order } = await openCheckout("en");
    const html = await renderPage(token);

    expect(html).toContain('lang="en"');
    expect(html).toContain("StepPay");
    expect(html).toContain("SANDBOX · test mode, no real money");
    expect(html).toContain("localhost:3000");
    expect(html).toContain("Ceramic Mug");
    expect(html).toContain("× 2");
    expect(html).toContain(order.orderCode);

    expect(html).toContain(`action="${pageUrl}/submit"`);
    expect(html).toContain('method="post"');
    for (const [id, name] of [
      ["card-number", "Card number"],
      ["card-expiry", "Expiry (MM/YY)"],
      ["card-cvc", "CVC"],
      ["card-holder", "Name on card"],
    ]) {
      expect(textOf(html, new RegExp(`<label[^>]*for="${id}"[^>]*>`))).toBe(name);
      expect(html).toMatch(new RegExp(`<input[^>]*id="${id}"`));
    }
    expect(textOf(html, /<button[^>]*value="pay"[^>]*>/)).toBe("Pay ₩59,000");
    expect(textOf(html, /<button[^>]*value="cancel"[^>]*>/)).toBe("Cancel payment");
    expect(html).toMatch(/<button[^>]*value="cancel"[^>]*formNoValidate/i);
    // Pay comes first, so Enter submits a payment, not a cancellation.
    expect(html.indexOf('value="pay"')).toBeLessThan(html.indexOf('value="cancel"'));
    for (const label of ["Approved", "Declined", "Error"]) expect(html).toContain(`Use test card: ${label}`);
    expect(html).toContain("4000 0000 0000 0002");
  });

  it("in Korean (the default): Korean text, the same English control names beside it", async () => {
    const { token } = await openCheckout();
    const html = await renderPage(token);
    expect(html).toContain('lang="ko"');
    expect(html).toContain("주문 내역");
    expect(textOf(html, /<label[^>]*for="card-number"[^>]*>/)).toBe("카드 번호 Card number");
    expect(textOf(html, /<button[^>]*value="pay"[^>]*>/)).toBe("Pay ₩59,000 결제하기");
    expect(textOf(html, /<button[^>]*value="cancel"[^>]*>/)).toBe("결제 취소 Cancel payment");
    expect(html).toContain("Use test card: Approved");
  });

  it("re-shows the form with inline errors tied to their fields", async () => {
    const { token } = await openCheckout("en");
    const html = await renderPage(token, { error: ["cardNumber", "cvc"] });
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*aria-describedby="card-number-error"[^>]*id="card-number"|<input[^>]*id="card-number"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="card-number-error"');
    expect(html).toContain("This card number is not valid");
    expect(html).toContain('id="card-cvc-error"');
    expect(html).not.toContain('id="card-expiry-error"');
  });

  it("after a decline, says why above the form", async () => {
    const { token, pageUrl } = await openCheckout("en");
    await payWithCard(pageUrl, "4000 0000 0000 0002");
    const html = await renderPage(token);
    expect(html).toContain("Declined by the card issuer: insufficient limit");
    expect(html).toContain('value="pay"');
  });

  it("a paid order: no form, a Continue link to successUrl with the success parameters", async () => {
    const { token, pageUrl, order } = await openCheckout("en");
    await payWithCard(pageUrl, "4242 4242 4242 4242");
    const html = await renderPage(token);
    expect(html).toContain("This order is already paid");
    expect(html).not.toContain('value="pay"');
    const href = `${RETURN_URLS.successUrl}&amp;order_id=${order.orderId}&amp;order_code=${order.orderCode}&amp;status=success`;
    expect(textOf(html, new RegExp(`<a[^>]*href="${href.replace(/[?.]/g, "\\$&")}"[^>]*>`))).toBe("Continue");
  });

  it("a cancelled order cannot be paid", async () => {
    const { token, order } = await openCheckout("en");
    await client.cancelOrder(order.orderCode, { requestPrice: 0 });
    const html = await renderPage(token);
    expect(html).toContain("This order can no longer be paid");
    expect(html).toContain("The order was cancelled.");
    expect(html).not.toContain('value="pay"');
  });

  it("an unknown token is a 404 (the not-found page says the link expired)", async () => {
    await expect(renderPage("x".repeat(43))).rejects.toThrow("NEXT_NOT_FOUND");
  });
});
