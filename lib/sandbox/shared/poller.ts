/**
 * A background loop that runs a pass every few hundred milliseconds, in this process only, started
 * lazily by the first sandbox request (never at import time, or `next build` would start it).
 *
 * It only keeps this process from overlapping its own passes. What each pass may touch is decided
 * by the database (row locks with SKIP LOCKED, leases), so any number of processes may poll the
 * same tables.
 */
type PollerState = { timer: ReturnType<typeof setInterval>; busy: boolean; lastError: string | null };

// On globalThis: Next bundles route handlers and pages separately, and one loop per process is enough.
const globalForPollers = globalThis as unknown as { __sbxPollers?: Map<string, PollerState> };
function pollers(): Map<string, PollerState> {
  return (globalForPollers.__sbxPollers ??= new Map());
}

/**
 * Starts the named loop once. `pass` returns how much it did: a pass that did something runs
 * again at once (drain what is due), one that did nothing sleeps until the next tick.
 */
export function startPoller(name: string, intervalMs: number, pass: () => Promise<number>): void {
  const registry = pollers();
  if (registry.has(name)) return;
  const state: PollerState = { timer: setInterval(() => void tick(name, state, pass), intervalMs), busy: false, lastError: null };
  state.timer.unref?.();
  registry.set(name, state);
}

export function stopPoller(name: string): void {
  const state = pollers().get(name);
  if (!state) return;
  clearInterval(state.timer);
  pollers().delete(name);
}

export function isPollerRunning(name: string): boolean {
  return pollers().has(name);
}

async function tick(name: string, state: PollerState, pass: () => Promise<number>): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  try {
    while ((await pass()) > 0) {
      if (pollers().get(name) !== state) break; // stopped meanwhile
    }
    state.lastError = null;
  } catch (error) {
    const message = describeError(error);
    // Log a failure once, not every tick while the database is down.
    if (message !== state.lastError) console.error(`[sandbox] ${name}:`, message);
    state.lastError = message;
  } finally {
    state.busy = false;
  }
}

export function describeError(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
  return `${cause.message}${inner}`;
}
