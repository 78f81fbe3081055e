import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/lib/db/client";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";
import { handleRenewControl } from "./control";
import { buySubscription, storeClient } from "./test-fixtures";
import { runDueWebhookDeliveries } from "./webhook-dispatcher";

/**
 * The control panel page (a server component) rendered to HTML outside Next: what a user gets
 * without JavaScript. Headings, labelled fields, buttons by their names, forms posting to the
 * control endpoints.
 */
vi.mock("next/server", () => ({ connection: async () => undefined }));
// The request's Accept-Language (the page's language when no ?lang= is given).
const requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  useRouter: () => ({ refresh: () => undefined }),
}));
// Open the wings without starting background pollers in the test process.
vi.mock("@/lib/sandbox/steppay/sandbox-gate", () => ({ openStepPaySandbox: () => true }));
vi.mock("@/lib/sandbox/unifipay/sandbox-gate", () => ({ openUnifiSandbox: () => true }));

const { default: SandboxControlPanel } = await import("@/app/sandbox/page");

async function renderPanel(query: Record<string, string> = {}): Promise<string> {
  return renderToStaticMarkup(await SandboxControlPanel({ searchParams: Promise.resolve(query) }));
}

/** The visible names of every <button>. */
function buttonNames(html: string): string[] {
  return [...html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim());
}

/** Each <label for=…> paired with the control it names; a label without its control is a failure. */
function labels(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of html.matchAll(/<label\b[^>]*for="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)) {
    const [, id, text] = match;
    expect(html, `control for label ${id}`).toMatch(new RegExp(`<(input|select|textarea)\\b[^>]*id="${id}"`));
    out[text!.replace(/<[^>]+>/g, "").trim()] = id!;
  }
  return out;
}

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(), DATABASE_WARM_UP_MS);

afterAll(async () => {
  await closeDb();
});

describe("the sandbox control panel", () => {
  it("is labelled as a test-mode dashboard, with its sections as headings", async () => {
    const html = await renderPanel();
    expect(html).toMatch(/<h1[^>]*>Sandbox control panel <span[^>]*>· test mode<\/span><\/h1>/);
    for (const heading of ["Sandbox clock", "StepPay subscriptions", "Recent webhook deliveries", "Webhook settings", "Fault switches", "Unifi Pay callback deliveries"]) {
      expect(html).toMatch(new RegExp(`<h2[^>]*>${heading}</h2>`));
    }
    expect(buttonNames(html)).toEqual(expect.arrayContaining(["Advance one month", "Save webhook settings", "Set StepPay fault", "Set Unifi Pay fault", "Reset StepPay fault"]));
    expect(Object.keys(labels(html))).toEqual(
      expect.arrayContaining(["Webhook format", "Duplicate rate (0 to 1)", "Shuffle delay (ms)", "Webhook URL", "Extra signing keys (one per line)", "StepPay fault mode", "Unifi Pay fault mode"]),
    );
    expect(html).toMatch(/<form (?=[^>]*method="post")(?=[^>]*action="\/sandbox\/steppay\/control\/clock\/advance")[^>]*>\s*<input type="hidden" name="interval" value="MONTH"/);
    expect(html).toContain('action="/sandbox/unifipay/control/faults"');
  });

  it("lists a subscription with its customer, status and history, and Renew now / Fail next renewal buttons that work as plain forms", async () => {
    const { subscriptionId, customer } = await buySubscription(storeClient());
    await runDueWebhookDeliveries({ fetch: async () => new Response("ok") });
    let html = await renderPanel();
    const row = new RegExp(`<tr><th scope="row"[^>]*>#${subscriptionId}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
    expect(row).toContain(customer.email);
    expect(row).toContain("Coffee Beans Club · Monthly");
    expect(row).toContain(">ACTIVE<");
    expect(buttonNames(row)).toEqual(["Renew now", "Fail next renewal"]);
    expect(row).toContain(`action="/sandbox/steppay/control/subscriptions/${subscriptionId}/renew"`);
    expect(row).toContain("first payment");
    expect(buttonNames(html)).toContain("Replay");

    // What the browser does with "Renew now": a form post, answered 303 back to the panel.
    const pressed = await handleRenewControl(
      new Request(`http://127.0.0.1:3000/sandbox/steppay/control/subscriptions/${subscriptionId}/renew`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }),
      String(subscriptionId),
    );
    expect(pressed.status).toBe(303);
    const location = new URL(pressed.headers.get("location")!, "http://127.0.0.1:3000");
    html = await renderPanel(Object.fromEntries(location.searchParams));
    expect(html).toMatch(new RegExp(`<p role="status"[^>]*>Subscription ${subscriptionId} renewed: order order_\\w+ paid</p>`));
    const renewed = new RegExp(`<tr><th scope="row"[^>]*>#${subscriptionId}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
    expect(renewed).toContain("2× paid");
    expect(renewed.match(/renewal ·/g)).toHaveLength(1);
  });

  it("shows a problem from a refused form as an alert, in a dismissable toast", async () => {
    const html = await renderPanel({ problem: "count: Too small" });
    expect(html).toMatch(/<section aria-label="Sandbox messages \(Alt\+T\)" class="fixed[^"]*"><div role="alert"[^>]*><p[^>]*>count: Too small<\/p><button type="button"[^>]*>Dismiss<\/button>/);
  });

  it("speaks Korean to a Korean browser, and the language switch overrides the browser", async () => {
    requestHeaders.set("accept-language", "ko-KR,ko;q=0.9,en;q=0.8");
    try {
      const korean = await renderPanel();
      expect(korean).toMatch(/<div lang="ko"/);
      expect(korean).toMatch(/<h1[^>]*>샌드박스 제어판 <span[^>]*>· 테스트 모드<\/span><\/h1>/);
      expect(buttonNames(korean)).toEqual(expect.arrayContaining(["한 달 앞으로", "웹훅 설정 저장", "StepPay 장애 설정", "데모 데이터 초기화"]));
      // The browser's language needs no ?lang= on the forms; a chosen one is carried by every form.
      expect(korean).toContain('action="/sandbox/steppay/control/clock/advance"');

      const english = await renderPanel({ lang: "en" });
      expect(english).toMatch(/<div lang="en"/);
      expect(english).toMatch(/<h1[^>]*>Sandbox control panel <span/);
      expect(english).toContain('action="/sandbox/steppay/control/clock/advance?lang=en"');
      expect(english).toContain('action="/sandbox/unifipay/control/faults?lang=en"');
      expect(english).toMatch(/<a href="\/sandbox\?lang=ko" lang="ko"[^>]*>한국어<\/a>/);
    } finally {
      requestHeaders.delete("accept-language");
    }
  });
});
