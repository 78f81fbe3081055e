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

/**
 * Appends a provider call to the order being worked on. The timeline is readable by anyone holding
 * the order's link (it is the demo's inspector): the shopper's email address and phone number in
 * the provider's bodies are masked before they are kept.
 */
export function recordExchange(exchange: RecordedExchange): void {
  storage.getStore()?.push({ ...exchange, requestBody: maskPersonalData(exchange.requestBody), responseBody: maskPersonalData(exchange.responseBody) });
}

const PERSONAL = /^(email|phone|phoneNumber|mobile)$/i;

/** A copy of a JSON body with email addresses ("k•••@example.com") and phone numbers ("•••78") masked. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, PERSONAL.test(key) && typeof inner === "string" && inner !== "" ? maskOne(inner) : maskPersonalData(inner)]),
  );
}

function maskOne(text: string): string {
  const at = text.indexOf("@");
  return at > 0 ? `${text[0]}•••${text.slice(at)}` : `•••${text.slice(-2)}`;
}
