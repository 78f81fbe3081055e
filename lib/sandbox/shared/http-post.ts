import { describeError } from "./poller";

/**
 * One HTTP POST of a webhook or callback, as the provider's sender makes it: the exact body bytes,
 * a timeout, no redirects followed. Never throws: the outcome is what the delivery log records.
 */
export type PostOutcome = {
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** The answer's status, or null when none came (timeout, refused connection...). */
  statusCode: number | null;
  error: string | null;
};

export function isSuccessStatus(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

export async function postOnce(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}): Promise<PostOutcome> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await (options.fetch ?? fetch)(options.url, {
      method: "POST",
      headers: options.headers,
      body: options.body,
      // Only a 2xx ends a delivery; a redirect counts as a failed attempt (README Assumptions).
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    statusCode = response.status;
    await response.body?.cancel().catch(() => undefined);
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
    error = timedOut ? `no answer within ${options.timeoutMs} ms` : `network error: ${describeError(cause)}`;
  }
  return { startedAt, finishedAt: now(), durationMs: Math.round(performance.now() - started), statusCode, error };
}
