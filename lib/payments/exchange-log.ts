import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Collects the provider calls made while working on one order, so they can be written to that
 * order's timeline. The provider clients know nothing about this: they call their `onExchange`
 * hook, and the store's hook (recordExchange) appends to whichever order is being worked on.
 */
export type RecordedExchange = {
  provider: string;
  method: string;
  path: string;
  status: number | null;
  durationMs: number;
  requestBody: unknown;
  responseBody: unknown;
  /** Unifi Pay: the signed string, API key masked, secret never included. */
  stringToSign?: string;
  error?: string;
};

const storage = new AsyncLocalStorage<RecordedExchange[]>();

export async function collectExchanges<T>(work: () => Promise<T>): Promise<{ result: T; exchanges: RecordedExchange[] } | { error: unknown; exchanges: RecordedExchange[] }> {
  const exchanges: RecordedExchange[] = [];
  try {
    const result = await storage.run(exchanges, work);
    return { result, exchanges };
  } catch (error) {
    return { error, exchanges };
  }
}

export function recordExchange(exchange: RecordedExchange): void {
  storage.getStore()?.push(exchange);
}
