import { readFileSync } from "node:fs";
import path from "node:path";
import type { ExcerptSpec } from "./manifest";

/**
 * Server only (it reads the repository with node:fs, so it can never be bundled for the browser):
 * cuts the regions named in manifest.ts out of the real source files, from `process.cwd()`, the
 * app's root under `next start` and `next dev`. The files ship with the app.
 */
export type Excerpt = {
  id: string;
  path: string;
  /** 1-based, inclusive, as an editor shows them. */
  startLine: number;
  endLine: number;
  /** The region's lines, with their common indentation removed. */
  code: string;
};

export class GuideExcerptError extends Error {
  constructor(spec: ExcerptSpec, problem: string) {
    super(`Integration guide excerpt "${spec.id}" (${spec.path}): ${problem}. Update lib/integration-guide/manifest.ts to match the code.`);
    this.name = "GuideExcerptError";
  }
}

/** The one line holding `marker`, at or after `from`; none or several is an error, never a guess. */
function uniqueLine(lines: string[], marker: string, from: number, spec: ExcerptSpec, role: string): number {
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (index >= from && line.includes(marker)) found.push(index);
  });
  if (found.length === 0) throw new GuideExcerptError(spec, `${role} marker ${JSON.stringify(marker)} not found`);
  if (found.length > 1) {
    throw new GuideExcerptError(spec, `${role} marker ${JSON.stringify(marker)} is on ${found.length} lines (${found.map((i) => i + 1).join(", ")}); make it unique`);
  }
  return found[0]!;
}

function isCommentLine(line: string): boolean {
  const text = line.trim();
  return text.startsWith("//") || text.startsWith("/*") || text.startsWith("*");
}

/** Removes the indentation every non-blank line shares, so a method reads like top-level code. */
export function dedent(lines: string[]): string {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length))).join("\n");
}

/** Pure: finds the region of `spec` in a file's text. Throws GuideExcerptError when a marker does not hold. */
export function extractExcerpt(source: string, spec: ExcerptSpec): Excerpt {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  let first = uniqueLine(lines, spec.start, 0, spec, "start");
  const searchEndFrom = spec.endAfter ? uniqueLine(lines, spec.endAfter, first, spec, "endAfter") : first;
  const last = lines.findIndex((line, index) => index >= searchEndFrom && line.trimEnd() === spec.end);
  if (last < 0) throw new GuideExcerptError(spec, `end line ${JSON.stringify(spec.end)} not found after line ${searchEndFrom + 1}`);
  if (spec.withDocComment) {
    while (first > 0 && isCommentLine(lines[first - 1]!)) first -= 1;
  }
  return { id: spec.id, path: spec.path, startLine: first + 1, endLine: last + 1, code: dedent(lines.slice(first, last + 1)) };
}

// A production server runs the files it was started with, so each excerpt is cut once per
// process; in development the files change under the server, so they are read on every render.
const cache = new Map<string, Excerpt>();

export function loadExcerpt(spec: ExcerptSpec, root: string = process.cwd()): Excerpt {
  const cached = process.env.NODE_ENV === "production" ? cache.get(spec.id) : undefined;
  if (cached) return cached;
  const file = path.resolve(root, spec.path);
  if (path.relative(root, file).startsWith("..")) throw new GuideExcerptError(spec, "path leaves the repository");
  let source: string;
  try {
    // Not traced by the bundler on purpose: the files are read from the checkout the server runs in.
    source = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (cause) {
    throw new GuideExcerptError(spec, `cannot read the file (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  const excerpt = extractExcerpt(source, spec);
  cache.set(spec.id, excerpt);
  return excerpt;
}
