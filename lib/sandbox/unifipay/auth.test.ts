import { describe, expect, it } from "vitest";
import { authenticateUnifiRequest, TIMESTAMP_TOLERANCE_MS } from "./auth";

// Computed once with openssl, not with any code of this project:
//   printf '%s' 'GET/api/v1/paymentkey1700000000000' | openssl dgst -sha256 -hmac secret -binary | base64
const OPENSSL_VECTOR = "H0GeYLcCxpv0DD24FKqSPJFOG4nXqo1wZfPnvfXM3Aw=";
const credentials = { appId: "app", apiKey: "key", appSecret: "secret" };
const NOW = 1_700_000_000_000;

function request(signature: string, overrides: { method?: string; uri?: string; timestamp?: string; body?: string } = {}) {
  return {
    method: overrides.method ?? "GET",
    uri: overrides.uri ?? "/api/v1/payment",
    headers: new Headers({ "X-AppId": "app", "X-API-Key": "key", "X-Timestamp": overrides.timestamp ?? String(NOW), "X-Authorization-Hmac": signature }),
    body: new TextEncoder().encode(overrides.body ?? ""),
    credentials,
    nowMs: NOW,
  };
}

describe("the sandbox's own Unifi signature check", () => {
  it("accepts the documented recipe, computed outside this project", () => {
    expect(authenticateUnifiRequest(request(OPENSSL_VECTOR))).toEqual({ ok: true, appId: "app" });
  });

  it("refuses the same signature over anything else: method, path, body, or a changed character", () => {
    expect(authenticateUnifiRequest(request(OPENSSL_VECTOR, { method: "POST" }))).toMatchObject({ ok: false, code: "bad_signature" });
    expect(authenticateUnifiRequest(request(OPENSSL_VECTOR, { uri: "/api/v1/payment/x" }))).toMatchObject({ ok: false, code: "bad_signature" });
    expect(authenticateUnifiRequest(request(OPENSSL_VECTOR, { body: "{}" }))).toMatchObject({ ok: false, code: "bad_signature" });
    expect(authenticateUnifiRequest(request(`${OPENSSL_VECTOR.slice(0, -2)}A=`))).toMatchObject({ ok: false, code: "bad_signature" });
    expect(authenticateUnifiRequest(request(OPENSSL_VECTOR.slice(0, 20)))).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses a timestamp 5 minutes or more from its clock before looking at the signature", () => {
    const stale = String(NOW - TIMESTAMP_TOLERANCE_MS);
    expect(authenticateUnifiRequest(request(OPENSSL_VECTOR, { timestamp: stale }))).toMatchObject({ ok: false, code: "stale_timestamp" });
  });
});
