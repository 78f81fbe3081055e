import { ApiError, errorResponse } from "./api-error";

/**
 * Wraps a route handler: known errors become the JSON error shape with their status; anything
 * else is logged and answered 500 with the same shape (never an HTML error page).
 */
export function jsonRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.details);
      console.error(`[store] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return errorResponse(500, "internal_error", "Something went wrong on our side. Please try again.");
    }
  };
}

/** A top-level page load or a frame's (Fetch Metadata), or at least a client that asks for HTML. */
export function isBrowserNavigation(request: Request): boolean {
  const mode = request.headers.get("sec-fetch-mode");
  if (mode) return mode === "navigate";
  return (request.headers.get("accept") ?? "").includes("text/html");
}
