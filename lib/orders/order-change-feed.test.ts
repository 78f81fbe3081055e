import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { ListenConnection } from "@/lib/db/listen";
import { orders } from "@/lib/db/schema";
import type { OrderViewSource } from "./load-order";
import { followOrderChanges, ORDER_CHANGE_CHANNEL, stopFollowingOrderChanges } from "./order-change-feed";
import { forgetAllOrders, orderViewTtlMs, readOrderThroughCache } from "./order-view-cache";

// vitest runs with PGLITE_DIR=memory:// : this file's own embedded database, migrated, so the
// trigger of migration 0005 is the real one. The feed listens through PGlite's own LISTEN (the
// one part that differs from PostgreSQL is the wire); the writes below are plain SQL, as another
// store instance's would be, never through writeOrder.
const URL = "postgres://feed-test";

async function pglite(): Promise<PGlite> {
  return ((await getDb()) as unknown as { $client: PGlite }).$client;
}

type TestConnection = ListenConnection & { events: EventEmitter; listening: boolean; mute: () => Promise<void> };
function connectionsTo(client: PGlite, { holdListen = false, deliver = true } = {}) {
  const made: TestConnection[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const connection = async (): Promise<ListenConnection> => {
    const events = new EventEmitter();
    let unlisten: (() => Promise<void>) | undefined;
    const conn: TestConnection = {
      events,
      listening: false,
      connect: async () => undefined,
      query: async (text: string) => {
        const channel = /^LISTEN (\w+)$/.exec(text)?.[1];
        if (!channel) throw new Error(`unexpected query ${text}`);
        if (holdListen) await held;
        // deliver: false is a pooler in transaction mode: LISTEN answers, nothing ever arrives.
        if (deliver) unlisten = await client.listen(channel, (payload) => events.emit("notification", { channel, payload }));
        conn.listening = true;
      },
      // The connection dies without a word: nothing arrives any more, and no error says so.
      mute: async () => {
        await unlisten?.();
        unlisten = undefined;
      },
      end: async () => {
        conn.listening = false;
        await unlisten?.();
      },
      on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
    } as TestConnection;
    made.push(conn);
    return conn;
  };
  return { connection, made, release: () => release() };
}

async function newOrder(status = "pending"): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(orders).values({ id, provider: "steppay", status, currency: "KRW", totalAmount: 12000, customerName: "T", customerEmail: "t@example.com" });
  return id;
}

// The polling read's shape is not the point here: the status alone, straight from the database.
function statusReader() {
  let reads = 0;
  const load = async (id: string) => {
    reads++;
    const [row] = await (await getDb()).select({ id: orders.id, status: orders.status }).from(orders).where(eq(orders.id, id));
    return row ? ({ ...row, items: [] } as unknown as OrderViewSource) : null;
  };
  return { load, reads: () => reads };
}

async function poll(id: string, load: (id: string) => Promise<OrderViewSource | null>, options: Parameters<typeof followOrderChanges>[1]) {
  return (await readOrderThroughCache(id, load, { ttlMs: orderViewTtlMs(followOrderChanges(URL, options)) }))?.status;
}

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

afterEach(async () => {
  await stopFollowingOrderChanges();
  forgetAllOrders();
});

describe("the order change feed (PostgreSQL's cross-instance cache invalidation)", () => {
  it("migrations 0005 and 0007 announce a shown change with the order's id, a delete with *, bookkeeping not at all", async () => {
    const client = await pglite();
    const heard: string[] = [];
    const unlisten = await client.listen(ORDER_CHANGE_CHANNEL, (payload) => heard.push(payload));
    const id = await newOrder();
    await client.query("update orders set last_synced_at = now() where id = $1", [id]); // the reconciler's claim: nothing shown changed
    await client.query("update orders set status = 'paid' where id = $1", [id]);
    await client.query("delete from orders where id = $1", [id]);
    await until(() => heard.length >= 2, "two notifications");
    await unlisten();
    expect(heard).toEqual([id, "*"]); // the insert said nothing: an order not yet written was never cached
  });

  it("an update written elsewhere is forgotten at once: the next poll reads the new status", async () => {
    const client = await pglite();
    const { connection } = connectionsTo(client);
    const db = statusReader();
    const id = await newOrder();
    followOrderChanges(URL, { connection });
    await until(() => followOrderChanges(URL, { connection }), "the feed to be live");

    expect(await poll(id, db.load, { connection })).toBe("pending");
    expect(await poll(id, db.load, { connection })).toBe("pending");
    expect(db.reads()).toBe(1); // live: the second poll came from the cache

    await client.query("update orders set status = 'paid' where id = $1", [id]);
    await new Promise((r) => setTimeout(r, 20)); // the notification arrives after the commit, not with it
    expect(await poll(id, db.load, { connection })).toBe("paid");
    expect(db.reads()).toBe(2);
  });

  it("is not live before LISTEN is confirmed: every poll reads the database meanwhile", async () => {
    const client = await pglite();
    const { connection, release, made } = connectionsTo(client, { holdListen: true });
    const db = statusReader();
    const id = await newOrder();
    expect(followOrderChanges(URL, { connection })).toBe(false);
    await until(() => made.length === 1, "a connection");
    await poll(id, db.load, { connection });
    await poll(id, db.load, { connection });
    expect(db.reads()).toBe(2);
    release();
    await until(() => followOrderChanges(URL, { connection }), "the feed to be live");
    await poll(id, db.load, { connection });
    await poll(id, db.load, { connection });
    expect(db.reads()).toBe(3);
  });

  it("a dropped connection forgets everything cached and turns the cache off until a new LISTEN is confirmed", async () => {
    const client = await pglite();
    const { connection, made } = connectionsTo(client);
    const options = { connection, retryDelaysMs: [50], log: () => undefined };
    const db = statusReader();
    const id = await newOrder();
    followOrderChanges(URL, options);
    await until(() => followOrderChanges(URL, options), "the feed to be live");
    expect(await poll(id, db.load, options)).toBe("pending");

    made[0]!.events.emit("error", new Error("terminating connection due to administrator command"));
    expect(followOrderChanges(URL, options)).toBe(false);
    // Written while nobody listened: no notification will ever say so.
    await client.query("update orders set status = 'paid' where id = $1", [id]);
    expect(await poll(id, db.load, options)).toBe("paid");
    expect(made[0]!.listening).toBe(false); // the dropped connection was closed

    await until(() => followOrderChanges(URL, options), "the feed to be live again");
    expect(made.length).toBe(2);
    const reads = db.reads();
    expect(await poll(id, db.load, options)).toBe("paid");
    expect(await poll(id, db.load, options)).toBe("paid");
    expect(db.reads()).toBe(reads + 1);
  });

  it("a LISTEN that delivers nothing (a pooler in transaction mode) never makes the feed live: every poll reads the database", async () => {
    const client = await pglite();
    const { connection, made } = connectionsTo(client, { deliver: false });
    const options = { connection, retryDelaysMs: [20], heartbeatTimeoutMs: 40, log: () => undefined };
    const db = statusReader();
    const id = await newOrder();
    followOrderChanges(URL, options);
    await until(() => made.length >= 3, "the feed to try again after heartbeats that never came back");
    expect(followOrderChanges(URL, options)).toBe(false);
    await poll(id, db.load, options);
    await poll(id, db.load, options);
    expect(db.reads()).toBe(2);
  });

  it("a connection that dies without a word is found out by the next heartbeat: everything cached is forgotten", async () => {
    const client = await pglite();
    const { connection, made } = connectionsTo(client);
    const options = { connection, retryDelaysMs: [20], heartbeatEveryMs: 30, heartbeatTimeoutMs: 60, log: () => undefined };
    const db = statusReader();
    const id = await newOrder();
    followOrderChanges(URL, options);
    await until(() => followOrderChanges(URL, options), "the feed to be live");
    expect(await poll(id, db.load, options)).toBe("pending");

    await made[0]!.mute();
    await client.query("update orders set status = 'paid' where id = $1", [id]); // its notification is lost
    await until(() => made.length >= 2, "a heartbeat to go missing and the feed to reconnect");
    expect(await poll(id, db.load, options)).toBe("paid");
  });
});
