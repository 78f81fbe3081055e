import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DemoScenariosSection } from "@/app/sandbox/scenarios/demo-scenarios-section";
import { panelCopy } from "@/lib/sandbox/shared/panel-copy";
import { SCENARIO_KEYS } from "./scenario-catalog";
import { RUN_STALE_MS, runView, type ScenarioRunView } from "./scenario-runs";
import type { ScenarioRunRow } from "./schema";

/** The panel's "Demo scenarios" section as HTML (what a user gets without JavaScript), and how a run row reads. */
const started = new Date("2026-01-02T03:04:05Z");

function row(overrides: Partial<ScenarioRunRow> = {}): ScenarioRunRow {
  return {
    id: 7,
    scenario: "approve",
    state: "done",
    expected: "paid",
    storeOrderId: "0541aa74-1dbb-463a-925b-5a1582668412",
    storeOrderUrl: "http://localhost:3000/orders/0541aa74-1dbb-463a-925b-5a1582668412",
    storeStatus: "paid",
    passed: true,
    detail: "Paid.",
    startedAt: started,
    finishedAt: new Date(started.getTime() + 2_000),
    ...overrides,
  };
}

function render(runs: ScenarioRunView[], options: { confirmReset?: boolean; unifipay?: boolean } = {}): string {
  return renderToStaticMarkup(DemoScenariosSection({ runs, wings: { steppay: true, unifipay: options.unifipay ?? true }, confirmReset: options.confirmReset ?? false }));
}

const buttons = (html: string) => [...html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());

describe("the Demo scenarios section", () => {
  it("has one plainly named button per scenario, each a form posting to its run URL", () => {
    const html = render([]);
    expect(html).toMatch(/<section id="demo-scenarios" aria-labelledby="demo-scenarios-heading"/);
    expect(html).toMatch(/<h2 id="demo-scenarios-heading"[^>]*>Demo scenarios<\/h2>/);
    expect(buttons(html)).toEqual([
      "Reset demo data",
      "Approve",
      "Decline with a named reason",
      "Shopper cancels",
      "Payment page slow to load",
      "Callback late",
      "Webhook twice / out of order",
      "Tampered return URL",
    ]);
    for (const key of SCENARIO_KEYS) expect(html).toContain(`<form action="/sandbox/scenarios/run/${key}" method="post">`);
    expect(html).toContain("No scenario runs yet.");
  });

  it("asks before it clears: the second step is “Yes, clear everything”, a form post with the confirmation", () => {
    const html = render([], { confirmReset: true });
    expect(buttons(html)).not.toContain("Reset demo data");
    expect(buttons(html)).toContain("Yes, clear everything");
    expect(html).toContain('<form action="/sandbox/scenarios/reset" method="post"><input type="hidden" name="confirm" value="yes"/>');
    expect(html).toContain(">Keep the data</a>");
  });

  it("offers no reset and disables Unifi Pay's scenario while that wing is off", () => {
    const html = render([], { unifipay: false });
    expect(buttons(html)).not.toContain("Reset demo data");
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""[^>]*>Callback late<\/button>/);
  });

  it("shows each run with what was expected, what the store reports, ✓ or ✗, and a link to the order", () => {
    const html = render([runView(row()), runView(row({ id: 8, scenario: "cancel", expected: "canceled", storeStatus: "failed", passed: false }))]);
    const first = /<tr><th scope="row"[^>]*>#7<\/th>[\s\S]*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(first).toContain("Approve");
    expect(first).toContain("✓</span> as expected");
    expect(first).toContain('<a href="http://localhost:3000/orders/0541aa74-1dbb-463a-925b-5a1582668412"');
    expect(first).toContain("Open order in the store</a>");
    const second = /<tr><th scope="row"[^>]*>#8<\/th>[\s\S]*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(second).toContain("✗</span> not as expected");
  });
});

describe("a run's row", () => {
  it("reads a run that outlived its process as failed", () => {
    const running = row({ state: "running", passed: null, finishedAt: null });
    expect(runView(running, new Date(started.getTime() + 10_000))).toMatchObject({ state: "running", outcome: "undecided" });
    expect(runView(running, new Date(started.getTime() + RUN_STALE_MS + 1))).toMatchObject({ state: "done", outcome: "failed", detail: expect.stringMatching(/^Interrupted/) });
  });

  it("names the scenario from the catalog", () => {
    expect(runView(row({ scenario: "late-callback" }))).toMatchObject({ title: panelCopy("en").scenario["late-callback"].title, provider: "unifipay" });
  });

  it("says what it observed in the reader's language, and still reads a detail recorded as a sentence", () => {
    const settled = row({ detail: JSON.stringify({ kind: "lateCallbackSettled", first: "pending", final: "paid", afterMs: 5_100, via: ["callback"] }) });
    expect(runView(settled).detail).toBe("Right after approval the store said pending; paid 5.1 s later (via callback).");
    expect(runView(settled, new Date(), panelCopy("ko"))).toMatchObject({ title: "결제 승인", expected: "결제 완료 (paid)", detail: expect.stringContaining("5.1 s 뒤 paid") });
    expect(runView(row({ detail: "Paid." }), new Date(), panelCopy("ko")).detail).toBe("Paid.");
  });
});

describe("the Demo scenarios section in Korean", () => {
  it("names every button in Korean and keeps the chosen language on every form", () => {
    const html = renderToStaticMarkup(DemoScenariosSection({ runs: [], wings: { steppay: true, unifipay: true }, confirmReset: false, copy: panelCopy("ko"), lang: "ko" }));
    expect(buttons(html)).toEqual(["데모 데이터 초기화", ...SCENARIO_KEYS.map((key) => panelCopy("ko").scenario[key].title)]);
    for (const key of SCENARIO_KEYS) expect(html).toContain(`<form action="/sandbox/scenarios/run/${key}?lang=ko" method="post">`);
    expect(html).toContain('<input type="hidden" name="lang" value="ko"/>');
    expect(html).toContain("아직 실행한 시나리오가 없습니다.");
  });
});
