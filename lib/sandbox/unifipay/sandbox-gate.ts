import { isSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/shared/config";
import { ensureUnifiDispatcher } from "./dispatcher";
import { unifiErrorResponse } from "./error-response";

/**
 * The door of the Unifi Pay wing. Closed (404) while the store points Unifi Pay at a real host;
 * the first request through it starts this process's callback dispatcher.
 */
export function openUnifiSandbox(): boolean {
  if (!isSandboxEnabled("unifipay")) return false;
  ensureUnifiDispatcher();
  return true;
}

/** Wraps a route handler: 404 when the wing is closed, a JSON 500 instead of an HTML error page. */
export function withUnifiSandbox<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    if (!openUnifiSandbox()) return sandboxNotFound();
    try {
      return await handler(...args);
    } catch (error) {
      console.error("[sandbox/unifipay]", error);
      return unifiErrorResponse(500, "internal_error", "The Unifi Pay sandbox failed to handle this request");
    }
  };
}
