/**
 * PostgreSQL LISTEN on one channel, on a connection of its own (a pooled connection would be handed
 * to queries and lose its LISTEN), kept open: when it drops it is opened again, with growing waits.
 *
 * A notification sent while the connection was down is lost for good, so `onGap` runs whenever the
 * listener stops being live (and the caller must then assume it missed anything); `isLive()` is true
 * only between a confirmed LISTEN and the next drop.
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
};

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export function listenOnChannel(url: string, channel: string, options: ListenOptions): ChannelListener {
  if (!CHANNEL.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
  const { onMessage, onGap, retryDelaysMs = [250, 1000, 5000, 15_000], log = (m) => console.warn(m) } = options;
  const makeConnection =
    options.connection ??
    (async () => {
      const { Client } = await import("pg");
      return new Client({ connectionString: url, keepAlive: true }) as unknown as ListenConnection;
    });
  const state = { live: false, stopped: false, failures: 0, current: null as ListenConnection | null, timer: null as ReturnType<typeof setTimeout> | null };

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
      if (message.channel === channel && state.current === connection) onMessage(message.payload ?? "");
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
    if (state.current !== connection || state.stopped) return; // dropped or stopped meanwhile
    state.live = true;
    state.failures = 0;
  };

  void attempt();
  return {
    isLive: () => state.live,
    stop: async () => {
      state.stopped = true;
      if (state.timer) clearTimeout(state.timer);
      const connection = state.current;
      state.current = null;
      if (state.live) onGap();
      state.live = false;
      await connection?.end().catch(() => undefined);
    },
  };
}
