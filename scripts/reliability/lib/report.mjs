/**
 * Categories, cases and the closing table. A case is one HTTP-level check with a clear expected
 * result; it passes only when every expectation inside it held. Wrong acceptances (a forged thing
 * believed, an order paid that was not), lost orders and unexpected 5xx answers are counted per
 * category, besides the cases.
 */
import { cpus, totalmem } from "node:os";
import { execSync } from "node:child_process";

export class Category {
  constructor(id, title) {
    this.id = id;
    this.title = title;
    this.cases = [];
    this.wrong = 0;
    this.lostCount = 0;
    this.fivexx = 0;
    this.fivexxDetails = [];
    this.skipped = null;
    this.notes = [];
    this.started = Date.now();
    this.seconds = 0;
    this.quiet = false;
  }

  /** Runs one case. `fn(t)` uses t.expect / t.wrong / t.lost; a throw fails the case. */
  async run(name, fn) {
    const t = new CaseContext(this, name);
    try {
      await fn(t);
    } catch (error) {
      t.failures.push(`threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    const ok = t.failures.length === 0;
    this.cases.push({ name, ok, failures: t.failures });
    if (!ok) {
      const shown = this.cases.filter((c) => !c.ok).length;
      if (shown <= 25) console.log(`    ✘ [${this.id}] ${name}: ${t.failures.join("; ")}`);
      else if (shown === 26) console.log(`    … further failures of ${this.id} not shown`);
    } else if (!this.quiet) {
      console.log(`    ✔ ${name}`);
    }
    return ok;
  }

  /** A 5xx (or a dropped connection) from a store route where none is allowed. */
  saw5xx(detail) {
    this.fivexx++;
    if (this.fivexxDetails.length < 10) this.fivexxDetails.push(detail);
  }

  note(text) {
    this.notes.push(text);
    console.log(`    · ${text}`);
  }

  skip(reason) {
    this.skipped = reason;
    console.log(`    SKIPPED: ${reason}`);
  }

  finish() {
    this.seconds = Math.round((Date.now() - this.started) / 1000);
  }

  get passed() {
    return this.cases.filter((c) => c.ok).length;
  }
  get failed() {
    return this.cases.length - this.passed;
  }
  /** Whether this category makes the run fail. */
  get bad() {
    return this.failed > 0 || this.wrong > 0 || this.lostCount > 0 || this.fivexx > 0;
  }
}

class CaseContext {
  constructor(category, name) {
    this.category = category;
    this.name = name;
    this.failures = [];
  }
  expect(condition, message) {
    if (!condition) this.failures.push(message);
    return Boolean(condition);
  }
  /** Something forged or wrong was accepted: counts in "wrongly accepted" and fails the case. */
  wrong(message) {
    this.category.wrong++;
    this.failures.push(`WRONGLY ACCEPTED: ${message}`);
  }
  /** An order that existed is gone: counts in "lost" and fails the case. */
  lost(message) {
    this.category.lostCount++;
    this.failures.push(`LOST: ${message}`);
  }
}

export function machineInfo() {
  let nproc = String(cpus().length);
  try {
    nproc = execSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    /* os.cpus() it is */
  }
  return { nproc, memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`, node: process.version };
}

const HEADER = ["category", "cases tried", "passed", "wrongly accepted", "lost", "5xx"];

const byId = (categories) => [...categories].sort((a, b) => String(a.id).localeCompare(String(b.id), "en", { numeric: true }));

function rowsOf(categories) {
  return byId(categories).map((c) => [
    `${c.id}. ${c.title}${c.skipped ? " (SKIPPED)" : ""}`,
    c.skipped ? "SKIPPED" : String(c.cases.length),
    c.skipped ? "-" : String(c.passed),
    String(c.wrong),
    String(c.lostCount),
    String(c.fivexx),
  ]);
}

function totals(categories) {
  const sum = (f) => categories.reduce((n, c) => n + f(c), 0);
  return ["total", String(sum((c) => c.cases.length)), String(sum((c) => c.passed)), String(sum((c) => c.wrong)), String(sum((c) => c.lostCount)), String(sum((c) => c.fivexx))];
}

export function textTable(categories) {
  const rows = [HEADER, ...rowsOf(categories), totals(categories)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ");
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(rows[0]), rule, ...rows.slice(1, -1).map(line), rule, line(rows.at(-1))].join("\n");
}

export function markdownReport(categories, { startedAt, seconds, failedCases, passedCases, distDir, database, seed }) {
  const m = machineInfo();
  const md = [];
  md.push("# Reliability and security proof: results");
  md.push("");
  md.push(`Written by \`node scripts/reliability/run.mjs\` (\`npm run test:reliability\`). Do not edit by hand.`);
  md.push("");
  md.push(`- Date: ${startedAt.toISOString()}`);
  md.push(`- Machine: ${m.nproc} CPU (nproc), ${m.memory} memory, Node ${m.node}`);
  md.push(`- Build: \`${distDir}\`; scale-out database: ${database}; bad-input seed: ${seed}`);
  md.push(`- Duration: ${seconds} s`);
  md.push("");
  md.push(`| ${HEADER.join(" | ")} |`);
  md.push(`| ${HEADER.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
  for (const r of rowsOf(categories)) md.push(`| ${r.join(" | ")} |`);
  md.push(`| **${totals(categories).join("** | **")}** |`);
  md.push("");
  md.push(`reliability: ${passedCases} passed, ${failedCases} failed`);
  md.push("");
  md.push("Columns: *wrongly accepted* counts forged or mismatching requests the store believed (an order marked paid that");
  md.push("was not paid, a forged webhook or cross-site request answered as accepted, a malformed order created);");
  md.push("*lost* counts orders that existed and could not be found again; *5xx* counts 5xx answers (or dropped");
  md.push("connections) from store routes where none is allowed. The 503 a callback or webhook must answer while the");
  md.push("provider is unreachable (category 4) is an expected result of those cases, not counted here.");
  const withNotes = byId(categories).filter((c) => c.notes.length || c.skipped || c.failed || c.fivexxDetails.length);
  if (withNotes.length) {
    md.push("");
    md.push("## Notes");
    for (const c of withNotes) {
      md.push("");
      md.push(`### ${c.id}. ${c.title} (${c.seconds} s)`);
      if (c.skipped) md.push(`- SKIPPED: ${c.skipped}`);
      for (const n of c.notes) md.push(`- ${n}`);
      for (const f of c.cases.filter((x) => !x.ok).slice(0, 30)) md.push(`- FAILED: ${f.name}: ${f.failures.join("; ")}`);
      for (const d of c.fivexxDetails) md.push(`- 5xx: ${d}`);
    }
  }
  md.push("");
  return md.join("\n");
}
