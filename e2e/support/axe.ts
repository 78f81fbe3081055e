import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core with the WCAG 2.1 A/AA and best-practice rules, plus "label-content-name-mismatch"
 * (WCAG 2.5.3, Label in Name: a control's accessible name contains its visible text, so a speech
 * user can say what they see). axe still files that rule as experimental, so it is enabled by name.
 */
export async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(summary, `${what} has accessibility violations`).toEqual([]);
}
