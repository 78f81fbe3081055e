import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { listenOnChannel, type ListenConnection } from "./listen";

/** A connection whose connect() waits until `open()` is called; it records what was done with it. */
function fakeConnection() {
  const events = new EventEmitter();
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const done = { queries: [] as string[], ended: 0 };
  const connection: ListenConnection = {
    connect: () => opened,
    query: async (text) => void done.queries.push(text),
    end: async () => void done.ended++,
    on: ((event: string, listener: (...args: unknown[]) => void) => events.on(event, listener)) as ListenConnection["on"],
  };
  return { connection, open, done };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A listener on `order_changes` whose connections come from `connection`; `beats` collects its heartbeats. */
function listen(connection: () => Promise<ListenConnection>) {
  const beats: string[] = [];
  const listener = listenOnChannel("postgres://unused", "order_changes", {
    onMessage: () => undefined,
    onGap: () => undefined,
    connection,
    heartbeat: { send: async (payload) => void beats.push(payload) },
    log: () => undefined,
  });
  return { listener, beats };
}

describe("listenOnChannel: stopped while still connecting", () => {
  it("a connection still being made when stop() runs is closed once made, and never sends a heartbeat", async () => {
    const fake = fakeConnection();
    let handOver!: (connection: ListenConnection) => void;
    const { listener, beats } = listen(() => new Promise<ListenConnection>((resolve) => (handOver = resolve)));
    await settle();
    await listener.stop();
    handOver(fake.connection);
    fake.open();
    await settle();
    expect(fake.done.ended).toBe(1);
    expect(beats).toEqual([]);
    expect(listener.isLive()).toBe(false);
  });

  it("a connection whose connect() is still pending when stop() runs is closed, and never sends a heartbeat", async () => {
    const fake = fakeConnection();
    const { listener, beats } = listen(async () => fake.connection);
    await settle();
    await listener.stop();
    expect(fake.done.ended).toBe(1);
    fake.open();
    await settle();
    expect(beats).toEqual([]);
    expect(listener.isLive()).toBe(false);
  });

  it("without stop(), the same connection listens and sends its first heartbeat (what the two above must not do)", async () => {
    const fake = fakeConnection();
    const { listener, beats } = listen(async () => fake.connection);
    fake.open();
    await settle();
    expect(fake.done.queries).toEqual(["LISTEN order_changes"]);
    expect(beats).toHaveLength(1);
    expect(fake.done.ended).toBe(0);
    await listener.stop();
    expect(fake.done.ended).toBe(1);
  });
});
