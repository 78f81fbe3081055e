import type { OrderViewSource } from "./load-order";

/**
 * The answers of GET /api/orders/{id}, remembered by this process. The order page polls that
 * route every few seconds while a payment is pending, so most polls ask for an order nothing has
 * touched since the last one; the cache answers those without a database read.
 *
 * Correctness rests on two rules:
 *  - every write to an order's shown fields runs in `writeOrder` (or calls `forgetAllOrders`) so the
 *    write is over (committed or rolled back): sync, start, refund, demo reset;
 *  - an answer read from the database is kept only if nothing was forgotten while it was being
 *    read, so a read that raced a write can never store the older state.
 *
 * Within one process that is exact, and with PGlite this process is the only one that can write
 * the database. With PostgreSQL other instances may write the same orders: their writes reach this
 * process as notifications (order-change-feed.ts), which forget the order just as `writeOrder`
 * does, and the cache is off whenever that feed is not live (`ttlMs` 0). An answer may then stay
 * older than another instance's commit only for the moment the notification takes to arrive. Only
 * the polling route reads through the cache; pages and payment logic always read the database.
 */
type Entry = { order: OrderViewSource; storedAt: number };

export const ORDER_VIEW_CACHE_MAX_ENTRIES = 10_000;

// One per process (route bundles and instrumentation.ts would otherwise each hold their own copy,
// and a write in one would not clear the others). Listed in the reliability scan's allow-list.
const globalForCache = globalThis as unknown as { __orderViewCache?: { entries: Map<string, Entry>; forgets: number } };
type State = NonNullable<(typeof globalForCache)["__orderViewCache"]>;
function state(): State {
  return (globalForCache.__orderViewCache ??= { entries: new Map(), forgets: 0 });
}

/** Where an answer came from: the cache, the database (then kept), or the database with the cache off. */
export type CacheSource = "hit" | "miss" | "off";
export type CacheOptions = { ttlMs: number; now?: () => number; report?: (source: CacheSource) => void };

/** The order with its items: from the cache when fresh, otherwise `load()` (misses are never kept). */
export async function readOrderThroughCache(
  id: string,
  load: (id: string) => Promise<OrderViewSource | null>,
  { ttlMs, now = Date.now, report }: CacheOptions,
): Promise<OrderViewSource | null> {
  if (ttlMs <= 0) {
    report?.("off");
    return load(id);
  }
  const s = state();
  const hit = s.entries.get(id);
  if (hit && now() - hit.storedAt < ttlMs) {
    report?.("hit");
    return hit.order;
  }
  report?.("miss");
  if (hit) s.entries.delete(id);

  const forgetsBefore = s.forgets;
  const order = await load(id);
  if (order && s.forgets === forgetsBefore) {
    s.entries.delete(id); // re-inserted last: the Map's order is least recently stored first
    s.entries.set(id, { order, storedAt: now() });
    while (s.entries.size > ORDER_VIEW_CACHE_MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
  }
  return order;
}

/** After any write to the order (its status, amounts, mode, errors, items). */
export function forgetOrder(id: string): void {
  const s = state();
  s.forgets++;
  s.entries.delete(id);
}

/**
 * Runs a write to one order's shown fields, then forgets the order's cached answer, whether the
 * write committed, rolled back or threw: the one way writers keep the first rule above.
 */
export async function writeOrder<T>(id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    forgetOrder(id);
  }
}

/** After a write that may touch any order (the demo reset). */
export function forgetAllOrders(): void {
  const s = state();
  s.forgets++;
  s.entries.clear();
}

/**
 * How long an answer may be served: five minutes when every write is seen here (PGlite: this
 * process is the only writer; PostgreSQL: while other instances' writes are followed), else off.
 */
export function orderViewTtlMs(everyWriteSeen: boolean): number {
  return everyWriteSeen ? 5 * 60_000 : 0;
}
