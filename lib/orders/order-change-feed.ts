import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { listenOnChannel, type ChannelListener, type ListenOptions } from "@/lib/db/listen";
import { forgetAllOrders, forgetOrder } from "./order-view-cache";

/**
 * PostgreSQL only: the changes other store instances make to orders. The trigger of migrations
 * 0005 and 0007 announces every change to what the polling answer shows on `store_order_changed`
 * when its transaction commits; this process
 * forgets its cached polling answer for the order named ("*": all of them). While the listening
 * connection is down (or not yet up) the cache is off, and anything cached before the drop is
 * forgotten, so a missed announcement can never leave an old answer in place. "Live" is proven, not
 * assumed: a heartbeat sent through the store's own connections must come back on the listening
 * one (first, then every 30 s), or the feed counts as down (a silently dead connection; a pooler
 * in transaction mode, which accepts LISTEN and delivers nothing).
 *
 * With PGlite this process is the only writer and `writeOrder` already forgets; nothing listens.
 */
export const ORDER_CHANGE_CHANNEL = "store_order_changed";

// One per process, like the database (route bundles would otherwise each open a connection).
const globalForFeed = globalThis as unknown as { __orderChangeFeed?: { url: string; listener: ChannelListener } };

export type FollowOptions = Pick<ListenOptions, "connection" | "retryDelaysMs" | "log"> & { heartbeatEveryMs?: number; heartbeatTimeoutMs?: number };

/** Starts following once per process (lazily, on the first poll); answers whether it is live now. */
export function followOrderChanges(url: string, options: FollowOptions = {}): boolean {
  const feed = globalForFeed.__orderChangeFeed;
  if (feed?.url === url) return feed.listener.isLive();
  void feed?.listener.stop();
  const { heartbeatEveryMs, heartbeatTimeoutMs, ...listen } = options;
  const listener = listenOnChannel(url, ORDER_CHANGE_CHANNEL, {
    ...listen,
    onMessage: (payload) => (payload === "*" ? forgetAllOrders() : forgetOrder(payload)),
    onGap: forgetAllOrders,
    heartbeat: {
      send: async (payload) => (await getDb()).execute(sql`select pg_notify(${ORDER_CHANGE_CHANNEL}, ${payload})`),
      everyMs: heartbeatEveryMs,
      timeoutMs: heartbeatTimeoutMs,
    },
  });
  globalForFeed.__orderChangeFeed = { url, listener };
  return listener.isLive();
}

/** Stops following (tests; a process that ends anyway need not call it). */
export async function stopFollowingOrderChanges(): Promise<void> {
  const feed = globalForFeed.__orderChangeFeed;
  globalForFeed.__orderChangeFeed = undefined;
  await feed?.listener.stop();
}
