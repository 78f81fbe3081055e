import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { openPglite } from "./databases.mjs";
import { explainLookupPaths, seedOrders } from "./seed-orders.mjs";

/**
 * Seeds a PGlite data dir in a worker thread: PGlite runs synchronously (WASM), and on its own
 * thread it overlaps with the build and the PostgreSQL seeding instead of blocking them.
 */
export function seedPgliteInWorker({ dir, count, explain = false }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { dir, count, explain } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`seeding ${dir} exited with ${code}`)));
  });
}

if (!isMainThread && workerData?.dir) {
  const started = Date.now();
  const db = await openPglite(workerData.dir);
  await seedOrders(db, workerData.count);
  // What the server's own upkeep (lib/db/pglite-upkeep.ts, PGlite has no autovacuum) does to these
  // tables within seconds of starting; done here too, so the EXPLAIN below and the transaction
  // benchmark's copy see the statistics the server plans with.
  await db.exec("vacuum (analyze)");
  const plans = workerData.explain ? await explainLookupPaths(db) : [];
  await db.close();
  parentPort.postMessage({ plans, ms: Date.now() - started });
}
