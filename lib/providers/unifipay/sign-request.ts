import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unifi Pay's request signature (seed 002):
 *
 *   X-Authorization-Hmac = BASE64( HMAC_SHA256( appSecret,
 *                            HTTP_METHOD + URI + X-API-Key + X-Timestamp + REQUEST_BODY ) )
 *
 * The client signs with it. The demo's Unifi emulator checks signatures with its own
 * implementation of the recipe, so a mistake here cannot be mirrored there.
 */
export type UnifiSignatureInput = {
  appSecret: string;
  /** Upper-cased here, whatever the caller passes. */
  method: string;
  /**
   * The request path relative to the API base, without query string (e.g. `/api/v1/payment`).
   * The docs only show `/api/v1/payment`; "no query" is this project's reading (README Assumptions).
   */
  uri: string;
  apiKey: string;
  /** Epoch milliseconds, exactly as sent in X-Timestamp. */
  timestamp: string | number;
  /** The exact bytes sent; `""` for a GET (README Assumptions). Strings are hashed as UTF-8. */
  body: string | Uint8Array;
};

/** The text part of the string to sign (everything but the body): never contains the secret. */
export function unifiSignaturePrefix(input: Omit<UnifiSignatureInput, "appSecret" | "body">): string {
  return `${input.method.toUpperCase()}${input.uri}${input.apiKey}${String(input.timestamp)}`;
}

export function signUnifiRequest(input: UnifiSignatureInput): string {
  const hmac = createHmac("sha256", input.appSecret);
  hmac.update(unifiSignaturePrefix(input), "utf8");
  // Updating twice equals hashing the concatenation; bytes stay bytes (no re-encoding of the body).
  if (typeof input.body === "string") hmac.update(input.body, "utf8");
  else hmac.update(input.body);
  return hmac.digest("base64");
}

/** Constant-time check of a received X-Authorization-Hmac. A different length is simply false. */
export function verifyUnifiSignature(input: UnifiSignatureInput & { signature: string }): boolean {
  const expected = Buffer.from(signUnifiRequest(input), "utf8");
  const received = Buffer.from(input.signature, "utf8");
  if (expected.length !== received.length) return false;
  return timingSafeEqual(expected, received);
}
