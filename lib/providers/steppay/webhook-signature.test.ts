import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, verifyWebhookSignature } from "./webhook-signature";

const secret = "whsec_test_key";
const body = JSON.stringify({ timestamp: 1706002316, version: "v1", event: "order.payment_completed", data: { orderId: 7, orderCode: "order_Ab", productName: "커피 박스 ☕" } });
const now = 1706002316;
// Computed here by hand, independently of the code under test.
const byHand = (key: string, ts: number, raw: string) => createHmac("sha256", key).update(`${ts}.${raw}`, "utf8").digest("base64");

function verify(header: string | null, rawBody: string | Uint8Array = body, nowSeconds = now, configured: { secret: string | undefined } = { secret }) {
  return verifyWebhookSignature({ secret: configured.secret, header, rawBody, nowMs: nowSeconds * 1000 });
}

describe("StepPay webhook v2 signature", () => {
  it("accepts the signature computed by hand, over a body with non-ASCII text", () => {
    expect(verify(`timestamp=${now},key=${byHand(secret, now, body)}`)).toEqual({ ok: true, timestamp: now });
  });

  it("accepts raw bytes as well as a string", () => {
    expect(verify(`timestamp=${now},key=${byHand(secret, now, body)}`, new TextEncoder().encode(body)).ok).toBe(true);
  });

  it("accepts when any of several keys matches (key rotation)", () => {
    const header = `timestamp=${now},key=${byHand("old-key", now, body)};${byHand(secret, now, body)}`;
    expect(verify(header).ok).toBe(true);
  });

  it("refuses a signature made with another key", () => {
    expect(verify(`timestamp=${now},key=${byHand("wrong-key", now, body)}`)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a body changed by one byte", () => {
    const header = `timestamp=${now},key=${byHand(secret, now, body)}`;
    const tampered = body.replace('"orderId":7', '"orderId":8');
    expect(tampered.length).toBe(body.length);
    expect(verify(header, tampered)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a stale or future timestamp, even correctly signed", () => {
    const old = now - 301;
    expect(verify(`timestamp=${old},key=${byHand(secret, old, body)}`)).toEqual({ ok: false, reason: "stale_timestamp" });
    const future = now + 301;
    expect(verify(`timestamp=${future},key=${byHand(secret, future, body)}`)).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verify(`timestamp=${now - 299},key=${byHand(secret, now - 299, body)}`).ok).toBe(true);
  });

  it("refuses a timestamp moved without re-signing", () => {
    expect(verify(`timestamp=${now + 1},key=${byHand(secret, now, body)}`).ok).toBe(false);
  });

  it("never skips the check: no key configured, no header, or a malformed header are refused", () => {
    expect(verify(`timestamp=${now},key=${byHand(secret, now, body)}`, body, now, { secret: undefined })).toEqual({ ok: false, reason: "no_secret" });
    expect(verify(null)).toEqual({ ok: false, reason: "missing_header" });
    expect(verify("garbage")).toEqual({ ok: false, reason: "malformed_header" });
    expect(verify(`timestamp=${now}`)).toEqual({ ok: false, reason: "malformed_header" });
    expect(verify(`timestamp=${now},key=`)).toEqual({ ok: false, reason: "malformed_header" });
    expect(verify(`timestamp=${now},key=AAAA`)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("parses the header", () => {
    expect(parseSignatureHeader("timestamp=1706002316,key=abc=;def=")).toEqual({ timestamp: 1706002316, signatures: ["abc=", "def="] });
  });
});
