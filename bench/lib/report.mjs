/** The one table: figure, value, budget, result. */
export function formatTable(rows) {
  const header = ["Figure", "Value", "Budget", "Result"];
  const body = rows.map((r) => [r.figure, r.value, r.budget ?? "", r.result ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...body.map(line)].join("\n");
}

export const ms = (value) => (Number.isFinite(value) ? (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`) : "n/a");
export const rps = (value) => (Number.isFinite(value) ? `${Math.round(value)} req/s` : "n/a");
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");
export const verdict = (ok) => (ok === null || ok === undefined ? "info" : ok ? "pass" : "MISS");

/** "median 12.3 ms · p99 40 ms · 800 req/s" */
export function latencyCell(summary) {
  if (!summary) return "not measured";
  const faults = summary.errors + summary.unexpected + summary.badBodies;
  return `median ${ms(summary.medianMs)} · p99 ${ms(summary.p99Ms)} · ${rps(summary.rps)}${faults ? ` · ${faults} bad answers` : ""}`;
}
