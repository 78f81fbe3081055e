import { describe, expect, it } from "vitest";
import { panelCopy, panelLocale, withPanelLang, type PanelCopy, type RunDetail } from "./panel-copy";

/**
 * The panel's two languages. `ko: PanelCopy` already makes a missing key a compile error; these
 * check what the type cannot: that no Korean text is empty or left in English.
 */
const en = panelCopy("en");
const ko = panelCopy("ko");

/** Every plain string in a copy, by its path (functions are checked with sample arguments below). */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([key, inner]) => strings(inner, path ? `${path}.${key}` : key));
  return [];
}

// One of each, so every branch of runDetail is said in both languages.
const DETAILS: RunDetail[] = [
  { kind: "approvePaid" },
  { kind: "approveUnexpected", status: "failed" },
  { kind: "declinePassed" },
  { kind: "declineUnexpected", reported: "paid" },
  { kind: "cancelPassed" },
  { kind: "cancelUnexpected", status: "paid" },
  { kind: "slowPageArmed", delayMs: 4_000 },
  { kind: "lateCallbackWaiting", status: "pending", delayMs: 5_000 },
  { kind: "lateCallbackStillPending", first: "pending", timeoutMs: 20_000 },
  { kind: "lateCallbackSettled", first: "pending", final: "paid", afterMs: 5_200, via: ["callback"] },
  { kind: "webhooksOnTheirWay" },
  { kind: "webhooksSettled", payments: 2, duplicates: 2, shuffled: true, transitions: 1, via: ["webhook"] },
  { kind: "tamperedRefused", orderCode: "order_1" },
  { kind: "tamperedAccepted", status: "paid" },
  { kind: "couldNotFinish", reason: "timeout" },
  { kind: "interrupted" },
  { kind: "lapsed", minutes: 10 },
];

/** What each function in a copy says for sample arguments. */
function sampleSentences(copy: PanelCopy): string[] {
  const s = copy.subscriptions;
  const n = copy.notice;
  return [
    copy.scenarios.wingOff("Unifi Pay"),
    copy.clock.offset(1),
    copy.clock.offset(-3),
    s.timesPaid(2),
    s.every("MONTH", 1),
    s.every("WEEK", 2),
    s.failedCharges(1),
    copy.webhooks.order(1),
    copy.webhooks.subscription(1),
    copy.webhooks.duplicateOf(1),
    copy.webhooks.replayOf(1),
    copy.faults.api("StepPay"),
    copy.faults.armed("http500", 2, null, "/api/v1/orders"),
    copy.faults.armed("timeout", null, 15_000, null),
    copy.faults.mode("StepPay"),
    copy.faults.set("StepPay"),
    copy.faults.reset("StepPay"),
    copy.callbacks.order("order-1"),
    copy.callbacks.duplicateOf(1),
    n.faultReset("StepPay"),
    n.faultArmed("StepPay", "http500", 1),
    n.renewed(1, "order_1"),
    n.renewalFailed(1, "order_1", "UNPAID"),
    n.failNext(1, 1),
    n.failNext(1, 3),
    n.clockAdvanced(1, "MONTH", 1, 0, 0),
    n.replayed(1, 2, "HTTP 200"),
    n.settingsSaved("v2", 50),
    n.runStarted("Approve", 7),
    n.demoCleared(1, 2, 3, 4),
    n.sandboxFailed(n.runWhat("Approve")),
    n.sandboxFailed(n.resetWhat),
    ...DETAILS.map((detail) => copy.runDetail(detail)),
  ];
}

const HANGUL = /[\uac00-\ud7a3]/;

describe("the sandbox panel's words", () => {
  it("has the same keys in Korean as in English", () => {
    expect(strings(ko).map(([path]) => path)).toEqual(strings(en).map(([path]) => path));
  });

  it("leaves no Korean string empty", () => {
    for (const [path, text] of strings(ko)) expect(text.trim(), path).not.toBe("");
    for (const sentence of sampleSentences(ko)) expect(sentence.trim()).not.toBe("");
  });

  it("says every sentence in Korean, not English", () => {
    // Words the panel keeps as they are: the language's own name, and the API's own values.
    const asIs = new Set(["htmlLang", "settings.both"]);
    for (const [path, text] of strings(ko)) {
      if (asIs.has(path) || path.startsWith("deliveryState")) continue;
      expect(text, path).toMatch(HANGUL);
    }
    for (const sentence of sampleSentences(ko)) if (!/ API$/.test(sentence) && !/^order/.test(sentence)) expect(sentence).toMatch(HANGUL);
    for (const detail of DETAILS) expect(ko.runDetail(detail)).not.toBe(en.runDetail(detail));
  });

  it("picks the language from ?lang=, then Accept-Language, then English", () => {
    expect(panelLocale("ko", "en-US")).toBe("ko");
    expect(panelLocale("en", "ko-KR")).toBe("en");
    expect(panelLocale(undefined, "ko-KR,ko;q=0.9,en;q=0.8")).toBe("ko");
    expect(panelLocale("fr", "fr-FR,en;q=0.5")).toBe("en");
    expect(panelLocale(null, null)).toBe("en");
  });

  it("carries a chosen language on the panel's own links, before any #anchor", () => {
    expect(withPanelLang("/sandbox/scenarios/reset", null)).toBe("/sandbox/scenarios/reset");
    expect(withPanelLang("/sandbox/scenarios/reset", "ko")).toBe("/sandbox/scenarios/reset?lang=ko");
    expect(withPanelLang("/sandbox#demo-scenarios", "en")).toBe("/sandbox?lang=en#demo-scenarios");
  });
});
