/**
 * PostgreSQL LISTEN on one channel, on a connection of its own (a pooled connection would be handed
 * to queries and lose its LISTEN), kept open: when it drops it is opened again, with growing waits.
 *
 * A notification sent while the connection was down is lost for good, so `onGap` runs whenever the
 * listener stops being live (and the caller must then assume it missed anything).
 *
 * A confirmed LISTEN proves little: a connection can die without a word (a NAT or load balancer
 * forgetting it), and a pooler in transaction mode accepts LISTEN but never delivers. So `isLive()`
 * is true only once a heartbeat sent through the caller's own connections came back on this one,
 * until the next drop; one is sent again every `everyMs`, and one that does not come back within
 * `timeoutMs` counts as a drop.
 */
export type ChannelListener = { isLive: () => boolean; stop: () => Promise<void> };

/** The part of a `pg` Client this uses (a test can hand in its own). */
export type ListenConnection = {
  connect: () => Promise<unknown>;
  query: (text: string) => Promise<unknown>;
  end: () => Promise<unknown>;
  on(event: "notification", listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: "error" | "end", listener: (...args: unknown[]) => void): unknown;
};

export type ListenOptions = {
  onMessage: (payload: string) => void;
  onGap: () => void;
  /** Makes the connection (default: a `pg` Client on `url` with TCP keep-alive). */
  connection?: () => Promise<ListenConnection>;
  /** Waits before each new attempt after a drop or a failed attempt, the last one repeated. */
  retryDelaysMs?: readonly number[];
  log?: (message: string) => void;
  /** Sends `payload` on the channel (`select pg_notify(channel, payload)`) through the application's connections. */
  heartbeat: { send: (payload: string) => Promise<unknown>; everyMs?: number; timeoutMs?: number };
};

const HEARTBEAT = "heartbeat:";

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export function listenOnChannel(url: string, channel: string, options: ListenOptions): ChannelListener {
  if (!CHANNEL.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
  const { onMessage, onGap, retryDelaysMs = [250, 1000, 5000, 15_000], log = (m) => console.warn(m) } = options;
  const makeConnection =
    options.connection ??
    (async () => {
      const { Client } = await import("pg");
      // TCP keep-alive probes after 10 s idle (the OS default waits two hours).
      return new Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 }) as unknown as ListenConnection;
    });
  const state = {
    live: false,
    stopped: false,
    failures: 0,
    current: null as ListenConnection | null,
    timer: null as ReturnType<typeof setTimeout> | null,
    beat: null as { nonce: string; timer: ReturnType<typeof setTimeout> } | null,
    nextBeat: null as ReturnType<typeof setTimeout> | null,
  };
  const stopBeating = () => {
    if (state.beat) clearTimeout(state.beat.timer);
    if (state.nextBeat) clearTimeout(state.nextBeat);
    state.beat = null;
    state.nextBeat = null;
  };

  // One heartbeat: sent through the application's connections, it must come back on this one.
  const beat = (connection: ListenConnection) => {
    const { send, timeoutMs = 5000 } = options.heartbeat;
    const nonce = `${HEARTBEAT}${Math.random().toString(36).slice(2)}`;
    const timer = setTimeout(() => drop(connection, `no heartbeat within ${timeoutMs} ms`), timeoutMs);
    timer.unref?.();
    state.beat = { nonce, timer };
    send(nonce).catch((error: unknown) => drop(connection, `heartbeat not sent: ${String(error)}`));
  };
  const heard = (connection: ListenConnection, payload: string) => {
    if (!state.beat || payload !== state.beat.nonce) return;
    clearTimeout(state.beat.timer);
    state.beat = null;
    state.live = true;
    state.failures = 0;
    const next = setTimeout(() => {
      state.nextBeat = null;
      if (state.current === connection) beat(connection);
    }, options.heartbeat.everyMs ?? 30_000);
    next.unref?.();
    state.nextBeat = next;
  };

  const retry = () => {
    if (state.stopped || state.timer) return;
    const wait = retryDelaysMs[Math.min(state.failures, retryDelaysMs.length - 1)] ?? 1000;
    state.failures++;
    state.timer = setTimeout(() => {
      state.timer = null;
      void attempt();
    }, wait);
    state.timer.unref?.();
  };

  const drop = (connection: ListenConnection, why: string) => {
    if (state.current !== connection) return; // an old connection's late event
    state.current = null;
    stopBeating();
    const wasLive = state.live;
    state.live = false;
    onGap();
    connection.end().catch(() => undefined);
    if (wasLive && !state.stopped) log(`[db] LISTEN ${channel} lost (${why}); reconnecting`);
    retry();
  };

  const attempt = async () => {
    if (state.stopped) return;
    let connection: ListenConnection;
    try {
      connection = await makeConnection();
    } catch (error) {
      log(`[db] LISTEN ${channel}: ${String(error)}`);
      return retry();
    }
    state.current = connection;
    connection.on("notification", (message) => {
      if (message.channel !== channel || state.current !== connection) return;
      const payload = message.payload ?? "";
      if (payload.startsWith(HEARTBEAT)) heard(connection, payload);
      else onMessage(payload);
    });
    connection.on("error", (error) => drop(connection, String(error)));
    connection.on("end", () => drop(connection, "connection ended"));
    try {
      await connection.connect();
      await connection.query(`LISTEN ${channel}`);
    } catch (error) {
      if (state.current === connection && state.failures === 0) log(`[db] LISTEN ${channel}: ${String(error)}`);
      return drop(connection, String(error));
    }
    if (state.stopped && state.current === connection) {
      state.current = null;
      await connection.end().catch(() => undefined);
      return;
    }
    if (state.current !== connection) return; // dropped meanwhile
    beat(connection); // live once it comes back
  };

  void attempt();
  return {
    isLive: () => state.live,
    stop: async () => {
      state.stopped = true;
      if (state.timer) clearTimeout(state.timer);
      stopBeating();
      const connection = state.current;
      state.current = null;
      if (state.live) onGap();
      state.live = false;
      await connection?.end().catch(() => undefined);
    },
  };
}
