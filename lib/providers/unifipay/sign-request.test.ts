import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signUnifiRequest, verifyUnifiSignature } from "./sign-request";

// Vectors recomputed by hand with node:crypto, independently of the module under test.
function byHand(secret: string, text: string): string {
  return createHmac("sha256", secret).update(Buffer.from(text, "utf8")).digest("base64");
}

const appSecret = "test-app-secret";
const apiKey = "f3248c3e-881c-42bd-abe7-1232023fe896";
const timestamp = "1773017787000";

describe("signUnifiRequest", () => {
  it("signs a POST over METHOD + URI + apiKey + timestamp + the exact UTF-8 body", () => {
    const body = JSON.stringify({ orderId: "ord_1", note: "커피 한 잔 ☕️🎉", orderAmount: "12.50" });
    const expected = byHand(appSecret, `POST/api/v1/payment${apiKey}${timestamp}${body}`);
    const signature = signUnifiRequest({ appSecret, method: "post", uri: "/api/v1/payment", apiKey, timestamp, body });
    expect(signature).toBe(expected);
    // Bytes and string give the same signature (the sandbox verifies raw bytes).
    expect(signUnifiRequest({ appSecret, method: "POST", uri: "/api/v1/payment", apiKey, timestamp, body: new TextEncoder().encode(body) })).toBe(expected);
  });

  it("signs a GET with an empty body", () => {
    const uri = "/api/v1/payment/2b1f7f0e-8a0c-4c55-9a55-2f8b0c7e9d11";
    const expected = byHand(appSecret, `GET${uri}${apiKey}${timestamp}`);
    expect(signUnifiRequest({ appSecret, method: "GET", uri, apiKey, timestamp: Number(timestamp), body: "" })).toBe(expected);
  });

  it("matches a fixed vector", () => {
    // Computed once with: printf '%s' 'GET/api/v1/paymentkey1700000000000' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(signUnifiRequest({ appSecret: "secret", method: "GET", uri: "/api/v1/payment", apiKey: "key", timestamp: "1700000000000", body: "" })).toBe(
      FIXED_VECTOR,
    );
  });
});

describe("verifyUnifiSignature", () => {
  const input = { appSecret, method: "POST", uri: "/api/v1/payment", apiKey, timestamp, body: '{"a":"커피"}' };
  const good = signUnifiRequest(input);

  it("accepts the right signature", () => {
    expect(verifyUnifiSignature({ ...input, signature: good })).toBe(true);
  });

  it("refuses a wrong signature, a tampered body, another secret and a different length", () => {
    expect(verifyUnifiSignature({ ...input, signature: `${good.slice(0, -2)}AA` })).toBe(false);
    expect(verifyUnifiSignature({ ...input, body: '{"a":"커피 "}', signature: good })).toBe(false);
    expect(verifyUnifiSignature({ ...input, appSecret: "other", signature: good })).toBe(false);
    expect(verifyUnifiSignature({ ...input, signature: good.slice(0, 10) })).toBe(false);
    expect(verifyUnifiSignature({ ...input, signature: "" })).toBe(false);
  });
});

const FIXED_VECTOR = "H0GeYLcCxpv0DD24FKqSPJFOG4nXqo1wZfPnvfXM3Aw=";
