/**
 * The sandbox's error body. Unifi Pay does not publish its error format (README Assumptions), so
 * the sandbox uses the project's `{ "error": { "code", "message" } }`; the client keeps the raw
 * body either way and never depends on this shape.
 */
export function unifiErrorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
}
