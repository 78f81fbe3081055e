/**
 * Static scan: nothing that decides payment may live in process memory, or two instances (or one
 * restarted) would disagree. Lists module-level mutable state in the payment code:
 *  - top-level `let`/`var`;
 *  - top-level `const` initialised to an empty Map/Set/WeakMap/WeakSet, `{}` or `[]` (a cache);
 *  - top-level `const` Map/Set/object/array that the file mutates (`.set(`, `.add(`, `.push(`,
 *    `x[k] =`, `x.k =`, `delete x`);
 *  - globalThis-held slots typed or filled as Map/Set/Record/arrays.
 * Constant lookup tables (a `ReadonlySet` of statuses, a record of gateways never written to) and
 * singletons of stateless clients or timers are not state and are not listed.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./store.mjs";

export const SCANNED_DIRS = ["lib/orders", "lib/payments", "lib/webhooks", "lib/subscriptions"];

// Allowed on purpose, each with its reason.
export const ALLOWED = [
  {
    file: "lib/payments/steppay-catalog.ts",
    name: "inFlight",
    why: "de-duplicates concurrent provisioning of catalog codes within one process; the codes themselves live in the database and it never decides payment",
  },
  {
    file: "lib/payments/provider-clients.ts",
    name: "stepPay",
    why: "the StepPay client of this bundle: configuration only, no state; one per bundle so its exchange log and error classes are the bundle's own",
  },
  {
    file: "lib/payments/provider-clients.ts",
    name: "unifiPay",
    why: "the Unifi Pay client of this bundle: configuration only, no state (same reason)",
  },
  {
    file: "lib/orders/order-view-cache.ts",
    name: "globalForCache",
    why: "read-through cache of GET /api/orders/{id} answers, cleared by every write to an order (on PostgreSQL, by the NOTIFY of other instances' writes too, and off while that feed is down); the polling route alone reads it, never payment logic",
  },
];

function files(dir) {
  const out = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !/\.test\.(ts|tsx|mjs|js)$/.test(name)) out.push(full);
  }
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Returns [{ file, line, text, why }] of offending lines in one directory (relative to the repo). */
export function scanDirectory(relDir) {
  const findings = [];
  for (const file of files(path.join(ROOT, relDir))) {
    const rel = path.relative(ROOT, file);
    const source = readFileSync(file, "utf8");
    const lines = source.split("\n");
    const mutated = (name) =>
      new RegExp(`\\b${escape(name)}\\s*\\.\\s*(set|add|delete|clear|push|pop|shift|unshift|splice)\\s*\\(|\\b${escape(name)}\\s*(\\[[^\\]]+\\]|\\.[A-Za-z_$][\\w$]*)\\s*(=|\\?\\?=|\\|\\|=|\\+=)[^=]|\\bdelete\\s+${escape(name)}\\b`).test(source);
    lines.forEach((text, index) => {
      const report = (why) => {
        const name = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)/.exec(text)?.[1];
        if (ALLOWED.some((a) => a.file === rel && a.name === name)) return;
        findings.push({ file: rel, line: index + 1, text: text.trim().slice(0, 160), why });
      };
      const top = /^(?:export\s+)?(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+))?=\s*(.*)$/.exec(text);
      if (/^(?:export\s+)?(let|var)\s/.test(text)) return report("module-level mutable binding");
      if (top) {
        const [, , name, type = "", init] = top;
        if (/globalThis/.test(init)) {
          if (/\b(Map|Set|WeakMap|WeakSet|Record)\s*</.test(type + init) || /\[\]\s*[;}]/.test(init)) report("process-wide collection held on globalThis");
          return;
        }
        if (/^new\s+(Map|Set|WeakMap|WeakSet)\s*(<[^>]*>)?\s*\(\s*\)/.test(init)) return report("module-level empty collection (a cache)");
        if (/^(\{\s*\}|\[\s*\])\s*(as\s+[^;]+)?;?$/.test(init)) return report("module-level empty object/array (a cache)");
        if (/^(new\s+(Map|Set|WeakMap|WeakSet)\b|\{|\[)/.test(init) && mutated(name)) return report("module-level collection mutated at run time");
      }
      // A global slot filled with a collection from inside a function: a cache that outlives requests.
      if (/^\s*[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*\s*(\?\?=|=)\s*new\s+(Map|Set|WeakMap|WeakSet)\b/.test(text) && /globalThis/.test(source)) report("collection stored on a process-wide object");
    });
  }
  return findings;
}
