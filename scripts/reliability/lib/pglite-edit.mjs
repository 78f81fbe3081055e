/**
 * Opens a stopped instance's PGlite directory and runs statements on it: how the harness makes the
 * provider's own record disagree with the store (the sandbox keeps its state in the same database).
 * Only ever called while no server has that directory open. Returns the affected row counts.
 */
import path from "node:path";
import { ROOT } from "./store.mjs";

export async function editPglite(dataDir, statements) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(path.resolve(ROOT, dataDir));
  const counts = [];
  try {
    for (const [sql, params] of statements) {
      const result = await db.query(sql, params);
      counts.push(result.affectedRows ?? 0);
    }
  } finally {
    await db.close();
  }
  return counts;
}
