/**
 * Every failure of a Unifi Pay call becomes a UnifiPayError:
 *  - kind "http": Unifi Pay answered non-2xx. Its error body format is not published (README
 *    Assumptions), so nothing is parsed out of it: the raw text is kept for the logs;
 *  - kind "timeout" / "network": no answer in time, or no connection;
 *  - kind "invalid_response": a 2xx whose body is not what the published schema promises.
 */
export type UnifiPayErrorKind = "http" | "timeout" | "network" | "invalid_response";

export class UnifiPayError extends Error {
  readonly kind: UnifiPayErrorKind;
  readonly status: number | null;
  readonly rawBody: string | null;
  /** zod issues for invalid_response; otherwise undefined. */
  readonly details: unknown;

  constructor(init: {
    kind: UnifiPayErrorKind;
    message: string;
    status?: number | null;
    rawBody?: string | null;
    details?: unknown;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "UnifiPayError";
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.rawBody = init.rawBody ?? null;
    this.details = init.details;
  }

  /** True for 404: Unifi Pay does not know this transaction. */
  get isNotFound(): boolean {
    return this.kind === "http" && this.status === 404;
  }

  /** True when trying again later may succeed (timeouts, connection errors, 5xx, 429, garbled bodies). */
  get isTransient(): boolean {
    return this.kind !== "http" || (this.status !== null && this.status >= 500) || this.status === 429;
  }
}
