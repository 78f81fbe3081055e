import { randomUUID } from "node:crypto";
import type { z } from "zod";

/**
 * StepPay's error body, used for every 4xx (and the rare 5xx) the sandbox answers:
 * `{ traceId, errorCode, errorMessage, details }`. StepPay publishes no list of error codes, so the
 * codes here are the sandbox's own, named after what went wrong (see README Assumptions).
 */
export class StepPayApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "StepPayApiError";
  }
}

export function notFoundError(what: string, key: string): StepPayApiError {
  const errorCode = `${what.toUpperCase()}_NOT_FOUND`;
  return new StepPayApiError(404, errorCode, `${what[0]!.toUpperCase()}${what.slice(1)} not found: ${key}`, { [what]: key });
}

export function badRequest(errorCode: string, message: string, details: Record<string, unknown> = {}): StepPayApiError {
  return new StepPayApiError(400, errorCode, message, details);
}

/** A zod failure as a 400: the first problem in the message, every problem in details. */
export function validationError(error: z.ZodError): StepPayApiError {
  const fields = error.issues.map((issue) => ({ field: formatPath(issue.path), message: issue.message }));
  const first = fields[0];
  return badRequest(
    "INVALID_REQUEST",
    first ? `Invalid request: ${first.field ? `${first.field}: ` : ""}${first.message}` : "Invalid request",
    { fields },
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

export function errorResponse(error: StepPayApiError, headers?: HeadersInit): Response {
  return jsonResponse(
    { traceId: randomUUID(), errorCode: error.errorCode, errorMessage: error.message, details: error.details },
    error.status,
    headers,
  );
}

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  response.headers.set("cache-control", "no-store");
  return response;
}
