import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * StepPay webhook v2 signatures:
 *   Steppay-Signature: timestamp=1706002316,key=<base64>[;<base64>…]
 *   expected = base64(HMAC-SHA256(webhookVerificationKey, `${timestamp}.${rawBody}`))
 * Valid when ANY listed key matches. Computed over the raw body bytes, before any JSON parsing,
 * compared in constant time. A timestamp more than `toleranceSeconds` from now is refused
 * (replay window not published: 5 minutes is the project's decision, README Assumptions).
 */
export type WebhookVerification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "no_secret" | "missing_header" | "malformed_header" | "stale_timestamp" | "bad_signature" };

export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name === "timestamp" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (name === "key") signatures.push(...value.split(";").map((s) => s.trim()).filter(Boolean));
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export function signWebhook(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("base64");
}

export function verifyWebhookSignature(input: {
  secret: string | undefined;
  header: string | null;
  rawBody: string | Uint8Array;
  nowMs?: number;
  toleranceSeconds?: number;
}): WebhookVerification {
  // A missing key never means "skip the check".
  if (!input.secret) return { ok: false, reason: "no_secret" };
  if (!input.header) return { ok: false, reason: "missing_header" };
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { ok: false, reason: "malformed_header" };
  const now = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - parsed.timestamp) > (input.toleranceSeconds ?? 300)) return { ok: false, reason: "stale_timestamp" };
  const expected = Buffer.from(signWebhook(input.secret, parsed.timestamp, input.rawBody), "base64");
  let matched = false;
  for (const signature of parsed.signatures) {
    const given = Buffer.from(signature, "base64");
    // Compare every candidate (no early exit), each in constant time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: "bad_signature" };
}
