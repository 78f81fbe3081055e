import { config } from "@/lib/env";
import { ApiError } from "./api-error";

/**
 * Refuses cross-site requests to state-changing store endpoints. Browsers send `Origin` on every
 * POST; a request carrying another origin (or marked cross-site by Fetch Metadata) is a forged
 * cross-site submission. Requests with neither header come from non-browser clients, which
 * cannot carry a shopper's cookies and are allowed.
 * Provider callbacks and webhooks do not use this: they are authenticated by signature or
 * treated as mere hints.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (origin !== null && origin !== config().appOrigin) {
    throw new ApiError(403, "cross_origin", "Cross-site requests are not allowed");
  }
  if (site === "cross-site") throw new ApiError(403, "cross_origin", "Cross-site requests are not allowed");
}
