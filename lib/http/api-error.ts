import type { z } from "zod";

/**
 * The one error shape every store route answers with: { "error": { "code", "message" } }.
 * Route handlers throw ApiError (or let a known error be mapped by toErrorResponse).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json({ error: details === undefined ? { code, message } : { code, message, details } }, { status });
}

export function validationError(error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "Invalid request";
  return new ApiError(400, "invalid_request", message, issues);
}

export const MAX_JSON_BYTES = 64 * 1024;

/** Reads a JSON body with a size cap (413) and a clear 400 for malformed JSON. */
export async function readJsonBody(request: Request, maxBytes: number = MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, "payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  const text = await readTextCapped(request, maxBytes);
  if (text.trim() === "") throw new ApiError(400, "invalid_json", "Request body must be JSON");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "Request body is not valid JSON");
  }
}

/** The raw body as text, refusing more than maxBytes (webhooks verify these exact bytes). */
export async function readTextCapped(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readBytesCapped(request, maxBytes);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

export async function readBytesCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  return (await streamBody(request, { maxBytes })).bytes!;
}

/**
 * Reads a request body chunk by chunk: `onChunk` sees every chunk, more than `maxBytes` is refused
 * (413), and the bytes are kept up to `keepBytes` (`bytes` is null for a body larger than that).
 */
export async function streamBody(
  request: Request,
  { maxBytes, keepBytes = maxBytes, onChunk }: { maxBytes: number; keepBytes?: number; onChunk?: (chunk: Uint8Array) => void },
): Promise<{ bytes: Uint8Array | null; size: number }> {
  if (!request.body) return { bytes: new Uint8Array(), size: 0 };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let read: Awaited<ReturnType<typeof reader.read>>;
    try {
      read = await reader.read();
    } catch (error) {
      // The client went away mid-body (Node's "aborted", ECONNRESET): nothing was wrong on our
      // side, and no one is left to read the answer. Not a 500, and not logged as the store
      // failing. Any other read error is ours, and stays one.
      if (request.signal?.aborted || (error as { code?: unknown } | null)?.code === "ECONNRESET") {
        throw new ApiError(400, "request_aborted", "The request body ended before it was complete (the client closed the connection)");
      }
      throw error;
    }
    const { done, value } = read;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError(413, "payload_too_large", `Request body is larger than ${maxBytes} bytes`);
    }
    onChunk?.(value);
    if (size <= keepBytes) chunks.push(value);
    else chunks.length = 0; // too large to keep
  }
  if (size > keepBytes) return { bytes: null, size };
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes: out, size };
}
