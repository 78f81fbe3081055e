import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unifi Pay's request authentication, as seed 002 describes it: X-AppId, X-API-Key, X-Timestamp
 * (ms, refused when 5 minutes or more from the server clock) and X-Authorization-Hmac over
 * METHOD + URI + apiKey + timestamp + body, with the body's raw bytes as received.
 *
 * Computed here from the documented recipe, not with the store's signing code: an emulator that
 * shared the client's recipe would accept the client's mistakes.
 */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

export type UnifiAuthFailureCode = "missing_header" | "unknown_app" | "bad_api_key" | "stale_timestamp" | "bad_signature";
export type UnifiAuthResult = { ok: true; appId: string } | { ok: false; code: UnifiAuthFailureCode; message: string };

export type UnifiCredentials = { appId: string; apiKey: string; appSecret: string };

const REQUIRED_HEADERS = ["X-AppId", "X-API-Key", "X-Timestamp", "X-Authorization-Hmac"] as const;

export function authenticateUnifiRequest(input: {
  method: string;
  /** Path relative to the API base, no query (README Assumptions). */
  uri: string;
  headers: Headers;
  body: Uint8Array;
  credentials: UnifiCredentials;
  nowMs: number;
}): UnifiAuthResult {
  const missing = REQUIRED_HEADERS.filter((name) => !input.headers.get(name));
  if (missing.length > 0) return { ok: false, code: "missing_header", message: `Missing header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` };
  const appId = input.headers.get("X-AppId") ?? "";
  const apiKey = input.headers.get("X-API-Key") ?? "";
  const timestamp = input.headers.get("X-Timestamp") ?? "";
  const signature = input.headers.get("X-Authorization-Hmac") ?? "";

  if (appId !== input.credentials.appId) return { ok: false, code: "unknown_app", message: "X-AppId is not a known app" };
  if (apiKey !== input.credentials.apiKey) return { ok: false, code: "bad_api_key", message: "X-API-Key does not belong to this app" };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, code: "stale_timestamp", message: "X-Timestamp must be epoch milliseconds" };
  const skew = Math.abs(input.nowMs - Number(timestamp));
  if (skew >= TIMESTAMP_TOLERANCE_MS) {
    return { ok: false, code: "stale_timestamp", message: `X-Timestamp is ${Math.round(skew / 1000)} s away from the server clock (must be under 300 s)` };
  }
  const expected = createHmac("sha256", input.credentials.appSecret)
    .update(`${input.method}${input.uri}${apiKey}${timestamp}`, "utf8")
    .update(input.body)
    .digest();
  // Compared as the base64 text the header carries (one canonical spelling), in constant time.
  const expectedText = Buffer.from(expected.toString("base64"), "utf8");
  const received = Buffer.from(signature, "utf8");
  if (expectedText.length !== received.length || !timingSafeEqual(expectedText, received)) {
    return { ok: false, code: "bad_signature", message: "X-Authorization-Hmac does not match BASE64(HMAC_SHA256(appSecret, METHOD + URI + X-API-Key + X-Timestamp + body))" };
  }
  return { ok: true, appId };
}
