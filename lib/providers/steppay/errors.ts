/**
 * Every failure of a StepPay call becomes a StepPayError:
 *  - kind "http": StepPay answered 4xx/5xx; its body `{traceId, errorCode, errorMessage, details}`
 *    is kept when it has that shape, and the raw text always;
 *  - kind "timeout" / "network": no answer in time, or no connection;
 *  - kind "invalid_response": a 2xx whose body is not what the published schema promises.
 */
export type StepPayErrorKind = "http" | "timeout" | "network" | "invalid_response";

export class StepPayError extends Error {
  readonly kind: StepPayErrorKind;
  readonly status: number | null;
  readonly errorCode: string | null;
  readonly traceId: string | null;
  readonly details: unknown;
  readonly rawBody: string | null;

  constructor(init: {
    kind: StepPayErrorKind;
    message: string;
    status?: number | null;
    errorCode?: string | null;
    traceId?: string | null;
    details?: unknown;
    rawBody?: string | null;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "StepPayError";
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.errorCode = init.errorCode ?? null;
    this.traceId = init.traceId ?? null;
    this.details = init.details;
    this.rawBody = init.rawBody ?? null;
  }

  /** True for 404: the order/customer/subscription does not exist at StepPay. */
  get isNotFound(): boolean {
    return this.kind === "http" && this.status === 404;
  }

  /** True when trying again later may succeed (timeouts, connection errors, 5xx, garbled bodies). */
  get isTransient(): boolean {
    return this.kind !== "http" || (this.status !== null && this.status >= 500) || this.status === 429;
  }
}
