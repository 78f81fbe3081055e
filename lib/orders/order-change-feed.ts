import { listenOnChannel, type ChannelListener, type ListenOptions } from "@/lib/db/listen";
import { forgetAllOrders, forgetOrder } from "./order-view-cache";

/**
 * PostgreSQL only: the changes other store instances make to orders. Migration 0005's trigger
 * announces every change on `store_order_changed` when its transaction commits; this process
 * forgets its cached polling answer for the order named ("*": all of them). While the listening
 * connection is down (or not yet up) the cache is off, and anything cached before the drop is
 * forgotten, so a missed announcement can never leave an old answer in place.
 *
 * With PGlite this process is the only writer and `writeOrder` already forgets; nothing listens.
 */
export const ORDER_CHANGE_CHANNEL = "store_order_changed";

// One per process, like the database (route bundles would otherwise each open a connection).
const globalForFeed = globalThis as unknown as { __orderChangeFeed?: { url: string; listener: ChannelListener } };

/** Starts following once per process (lazily, on the first poll); answers whether it is live now. */
export function followOrderChanges(url: string, options: Pick<ListenOptions, "connection" | "retryDelaysMs" | "log"> = {}): boolean {
  const feed = globalForFeed.__orderChangeFeed;
  if (feed?.url === url) return feed.listener.isLive();
  void feed?.listener.stop();
  const listener = listenOnChannel(url, ORDER_CHANGE_CHANNEL, {
    ...options,
    onMessage: (payload) => (payload === "*" ? forgetAllOrders() : forgetOrder(payload)),
    onGap: forgetAllOrders,
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
