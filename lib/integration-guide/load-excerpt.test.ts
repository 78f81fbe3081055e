import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ASSUMPTIONS } from "./assumptions";
import { LIVE_VARIABLES } from "./environment";
import { dedent, extractExcerpt, GuideExcerptError, loadExcerpt } from "./load-excerpt";
import { EXCERPTS, GUIDE_MODES, GUIDE_PROVIDERS, guideSelection, guideSteps, type ExcerptSpec } from "./manifest";

const spec = (overrides: Partial<ExcerptSpec>): ExcerptSpec => ({ id: "t", path: "t.ts", start: "function a(", end: "}", ...overrides });

describe("extractExcerpt", () => {
  const source = ["import x from 'x';", "", "/**", " * Adds.", " */", "export function a() {", "  if (x) {", "    return 1;", "  }", "}", "", "function b() {", "}"].join("\n");

  it("takes the start line through the first matching end line, with the doc comment when asked", () => {
    expect(extractExcerpt(source, spec({ start: "export function a(" }))).toMatchObject({ startLine: 6, endLine: 10 });
    const withDoc = extractExcerpt(source, spec({ start: "export function a(", withDocComment: true }));
    expect(withDoc).toMatchObject({ startLine: 3, endLine: 10 });
    expect(withDoc.code.split("\n")[0]).toBe("/**");
  });

  it("matches the end line exactly, indentation included", () => {
    expect(extractExcerpt(source, spec({ start: "if (x) {", end: "  }" }))).toMatchObject({ startLine: 7, endLine: 9, code: "if (x) {\n  return 1;\n}" });
  });

  it("searches the end from endAfter, to span several declarations", () => {
    expect(extractExcerpt(source, spec({ start: "export function a(", endAfter: "function b(" }))).toMatchObject({ startLine: 6, endLine: 13 });
  });

  it("throws on a missing or ambiguous marker instead of guessing", () => {
    expect(() => extractExcerpt(source, spec({ start: "function gone(" }))).toThrow(GuideExcerptError);
    expect(() => extractExcerpt(source, spec({ start: "function " }))).toThrow(/on 2 lines/);
    expect(() => extractExcerpt(source, spec({ start: "export function a(", end: "};" }))).toThrow(/end line/);
    expect(() => loadExcerpt(spec({ path: "lib/integration-guide/no-such-file.ts" }))).toThrow(/cannot read/);
    expect(() => loadExcerpt(spec({ path: "../outside.ts" }))).toThrow(/leaves the repository/);
  });

  it("dedents by the indentation every non-blank line shares", () => {
    expect(dedent(["    a() {", "", "      b;", "    }"])).toBe("a() {\n\n  b;\n}");
  });
});

describe("the guide's manifest against the real source files", () => {
  it.each(Object.values(EXCERPTS).map((excerpt) => [excerpt.id, excerpt] as const))("%s is found", (_id, excerpt) => {
    const loaded = loadExcerpt(excerpt);
    const lines = readFileSync(excerpt.path, "utf8").split("\n").slice(loaded.startLine - 1, loaded.endLine);
    expect(lines.some((line) => line.includes(excerpt.start))).toBe(true);
    expect(lines.at(-1)!.trimEnd()).toBe(excerpt.end);
  });

  it("gives every provider × mode five steps, each with code, and unique excerpt ids", () => {
    for (const provider of GUIDE_PROVIDERS) {
      for (const mode of GUIDE_MODES) {
        const steps = guideSteps(provider, mode);
        expect(steps.map((step) => step.id)).toEqual(["create", "open", "return", "verify", "paid"]);
        const ids = steps.flatMap((step) => step.excerpts.map((excerpt) => excerpt.id));
        expect(ids.length).toBeGreaterThan(0);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
    const all = Object.values(EXCERPTS).map((excerpt) => excerpt.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it("reads the selection leniently", () => {
    expect(guideSelection({ provider: "unifipay", mode: "iframe" })).toEqual({ provider: "unifipay", mode: "iframe" });
    expect(guideSelection({ provider: ["steppay", "x"], mode: "nope" })).toEqual({ provider: "steppay", mode: "redirect" });
    expect(guideSelection({})).toEqual({ provider: "steppay", mode: "redirect" });
  });
});

describe("the guide's reference sections", () => {
  it("lists only variables lib/env.ts reads", () => {
    const env = readFileSync("lib/env.ts", "utf8");
    for (const group of LIVE_VARIABLES) {
      for (const variable of group.variables) expect(env, variable.name).toMatch(new RegExp(`\\b${variable.name}:`));
    }
  });

  it("has as many assumptions per provider as the README", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("## Assumptions"));
    const bulletsUnder = (heading: string) => {
      const from = section.indexOf(`**${heading}**`);
      const rest = section.slice(from + heading.length + 4);
      const next = rest.search(/\n\*\*|\n## /);
      return (next < 0 ? rest : rest.slice(0, next)).split("\n").filter((line) => line.startsWith("- ")).length;
    };
    const count = (id: string) => ASSUMPTIONS.find((group) => group.id === id)!.items.length;
    expect(count("steppay")).toBe(bulletsUnder("StepPay"));
    expect(count("unifipay")).toBe(bulletsUnder("Unifi Pay"));
    expect(count("both")).toBe(bulletsUnder("Both"));
  });
});
